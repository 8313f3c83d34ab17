"""The knowledge graph: canonical actors and aggregated, evidenced links. Pure data.

One node per canonical actor; one edge per (actor, relation type, target, negated), holding
every sentence that states it. Ids derive from content, so adding the same triples twice
changes nothing and two runs over the same articles build identical graphs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import networkx as nx

from graphbuild.grammar.names import abbreviates
from graphbuild.normalize import is_acronym
from graphbuild.types import EVIDENCE_FIELDS, Article, Edge, Evidence, Node, Triple
from graphbuild.vocab import RELATIONS, refines

ARTICLE_FIELDS = ("title", "url", "date", "source")
FORMAT = "graphbuild-graph/1"  # the node-link JSON the embedded backend stores


def node_id(name: str) -> str:
    """The id of the node for a canonical name: case does not make a new actor.

    >>> node_id("Apple") == node_id("APPLE")
    True
    """
    return _sha1("actor", name.casefold())


def edge_id(source: str, relation: str, target: str, negated: bool) -> str:
    return _sha1("edge", source, relation, target, "not" if negated else "")


def _sha1(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class GraphDelta:
    """What one ``add`` changed: the counts a load reports."""

    nodes_created: int = 0
    edges_created: int = 0
    evidence_added: int = 0
    articles_added: int = 0

    def __add__(self, other: GraphDelta) -> GraphDelta:
        return GraphDelta(*(a + b for a, b in zip(_tuple(self), _tuple(other), strict=True)))

    @property
    def changed(self) -> bool:
        return any(_tuple(self))


def _tuple(delta: GraphDelta) -> tuple[int, int, int, int]:
    return (delta.nodes_created, delta.edges_created, delta.evidence_added, delta.articles_added)


@dataclass(slots=True)
class KnowledgeGraph:
    """Actors, links and the articles behind them."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[str, Edge] = field(default_factory=dict)
    articles: dict[str, dict[str, str | None]] = field(default_factory=dict)

    def add_article(self, article: Article) -> GraphDelta:
        """Record an article's metadata (the first load of an id wins)."""
        if article.id in self.articles:
            return GraphDelta()
        self.articles[article.id] = {name: getattr(article, name) or None for name in ARTICLE_FIELDS}
        return GraphDelta(articles_added=1)

    def add_triples(self, triples: Iterable[Triple]) -> GraphDelta:
        """Merge triples into the graph; evidence already present is not added again."""
        delta = GraphDelta()
        for triple in triples:
            delta = delta + self._add_triple(triple)
        return delta

    def _add_node(self, name: str, type_: str, alias: str) -> tuple[str, int]:
        nid = node_id(name)
        node = self.nodes.get(nid)
        # An alias that folds to the node's own id is the name in another case (or the name
        # itself, however the first load spelled it): it adds nothing a lookup can use.
        aliases = {alias} if alias and node_id(alias) != nid else set()
        if node is None:
            self.nodes[nid] = Node(nid, name, type_, tuple(sorted(aliases)))
            return nid, 1
        merged = tuple(sorted(set(node.aliases) | aliases))
        new_type = type_ if refines(node.type, type_) else node.type
        if merged != node.aliases or new_type != node.type:
            self.nodes[nid] = replace(node, aliases=merged, type=new_type)
        return nid, 0

    def _add_triple(self, triple: Triple) -> GraphDelta:
        source, new_s = self._add_node(triple.subject, triple.subject_type, triple.subject_text)
        target, new_t = self._add_node(triple.object, triple.object_type, triple.object_text)
        eid = edge_id(source, triple.relation, target, triple.negated)
        evidence = evidence_of(triple)
        edge = self.edges.get(eid)
        if edge is None:
            relation = RELATIONS[triple.relation]
            edge = Edge(
                id=eid,
                source=source,
                target=target,
                relation=triple.relation,
                polarity=relation.polarity,
                negated=triple.negated,
                intensity=relation.intensity,
                confidence=triple.confidence,
                count=0,
                first_seen=None,
                last_seen=None,
            )
            created = 1
        else:
            created = 0
        if any(e.key == evidence.key for e in edge.evidence):
            return GraphDelta(nodes_created=new_s + new_t, edges_created=created)
        self.edges[eid] = _with_evidence(edge, evidence, triple.confidence)
        return GraphDelta(nodes_created=new_s + new_t, edges_created=created, evidence_added=1)

    def node_by_name(self, name: str) -> Node | None:
        """The node whose name or alias is ``name`` (case-insensitive)."""
        node = self.nodes.get(node_id(name))
        if node is not None:
            return node
        folded = name.casefold()
        for node in self.nodes.values():
            if any(a.casefold() == folded for a in node.aliases):
                return node
        return None


def evidence_of(triple: Triple) -> Evidence:
    """The sentence a triple comes from, as a link keeps it: the fields of ``Evidence``, which
    a ``Triple`` carries under the same names."""
    return Evidence(**{name: getattr(triple, name) for name in EVIDENCE_FIELDS})


def evidence_order(evidence: Evidence) -> tuple[str, str, bool, int, int, int]:
    """Evidence sorts by date (undated last), then article and position: a stable order."""
    return (
        evidence.date or "9999",
        evidence.article,
        evidence.section != "title",
        evidence.sentence_start,
        evidence.subject_start,
        evidence.object_start,
    )


def _with_evidence(edge: Edge, evidence: Evidence, confidence: float) -> Edge:
    items = tuple(sorted((*edge.evidence, evidence), key=evidence_order))
    dates = [e.date for e in items if e.date]
    return replace(
        edge,
        evidence=items,
        count=len(items),
        first_seen=min(dates) if dates else None,
        last_seen=max(dates) if dates else None,
        confidence=max(edge.confidence, confidence),
    )


def acronym_aliases(nodes: Iterable[Node]) -> dict[str, str]:
    """The acronyms the graph already ties to a long name: alias -> name ("EADS" ->
    "European Aeronautic Defence & Space"), for ``normalize.resolve_across``."""
    found: dict[str, set[str]] = {}
    for node in nodes:
        for alias in node.aliases:
            if is_acronym(alias) and abbreviates(alias, node.name) and alias != node.name:
                found.setdefault(alias, set()).add(node.name)
    return {short: next(iter(names)) for short, names in found.items() if len(names) == 1}


def build_graph(
    articles: Iterable[Article], triples: Iterable[Triple], kg: KnowledgeGraph | None = None
) -> tuple[KnowledgeGraph, GraphDelta]:
    """Build (or extend) a graph from articles and their triples.

    >>> from graphbuild.types import Triple
    >>> t = Triple(article="a1", subject="Cisco", subject_type="organization", object="Apple",
    ...     object_type="organization", relation="SUES", verb="sued", polarity="conflict",
    ...     intensity=-3.0, negated=False, modality="asserted", confidence=0.9,
    ...     sentence="Cisco sued Apple.", sentence_start=0, sentence_end=17, subject_start=0,
    ...     subject_end=5, object_start=11, object_end=16, subject_text="Cisco",
    ...     object_text="Apple", rule="verb")
    >>> kg, delta = build_graph([], [t, t])
    >>> (len(kg.nodes), len(kg.edges), delta.evidence_added)
    (2, 1, 1)
    """
    kg = kg if kg is not None else KnowledgeGraph()
    delta = GraphDelta()
    for article in articles:
        delta = delta + kg.add_article(article)
    return kg, delta + kg.add_triples(triples)


# -- as NetworkX and node-link JSON ---------------------------------------------------------------


def to_networkx(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """The graph as a ``MultiDiGraph``: node keys are actor ids, edge keys are edge ids.

    Node attributes: ``name``, ``type``, ``aliases``. Edge attributes: ``relation``,
    ``polarity``, ``negated``, ``intensity``, ``confidence``, ``count``, ``first_seen``,
    ``last_seen`` and ``evidence`` (a list of dicts, one per sentence).
    """
    G = nx.MultiDiGraph(format=FORMAT, articles={k: dict(v) for k, v in sorted(kg.articles.items())})
    for nid in sorted(kg.nodes):
        node = kg.nodes[nid]
        G.add_node(nid, name=node.name, type=node.type, aliases=list(node.aliases))
    for eid in sorted(kg.edges):
        edge = kg.edges[eid]
        attrs = asdict(edge)
        for name in ("id", "source", "target"):
            del attrs[name]
        attrs["evidence"] = [asdict(e) for e in edge.evidence]
        G.add_edge(edge.source, edge.target, key=eid, **attrs)
    return G


def from_networkx(G: nx.MultiDiGraph) -> KnowledgeGraph:
    """The inverse of :func:`to_networkx`."""
    kg = KnowledgeGraph(articles={k: dict(v) for k, v in G.graph.get("articles", {}).items()})
    for nid, data in G.nodes(data=True):
        kg.nodes[nid] = Node(nid, data["name"], data["type"], tuple(data.get("aliases", ())))
    for source, target, key, data in G.edges(keys=True, data=True):
        attrs = dict(data)
        evidence = tuple(Evidence(**e) for e in attrs.pop("evidence", []))
        kg.edges[key] = Edge(id=key, source=source, target=target, evidence=evidence, **attrs)
    return kg


def graph_to_json(kg: KnowledgeGraph) -> str:
    """Serialize deterministically: the same graph always gives the same text."""
    data = nx.node_link_data(to_networkx(kg), edges="links")
    data["nodes"].sort(key=lambda n: n["id"])
    data["links"].sort(key=lambda e: (e["source"], e["target"], e["key"]))
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def graph_stats(kg: KnowledgeGraph) -> dict[str, Any]:
    """Counts for ``graphbuild stats``."""
    by_polarity: dict[str, int] = {}
    by_relation: dict[str, int] = {}
    by_type: dict[str, int] = {}
    for edge in kg.edges.values():
        if not edge.negated:
            by_polarity[edge.polarity] = by_polarity.get(edge.polarity, 0) + 1
        by_relation[edge.relation] = by_relation.get(edge.relation, 0) + 1
    for node in kg.nodes.values():
        by_type[node.type] = by_type.get(node.type, 0) + 1
    return {
        "articles": len(kg.articles),
        "actors": len(kg.nodes),
        "links": len(kg.edges),
        "mentions": sum(e.count for e in kg.edges.values()),
        "alliances": by_polarity.get("cooperation", 0),
        "disputes": by_polarity.get("conflict", 0),
        "neutral": by_polarity.get("neutral", 0),
        "negated": sum(1 for e in kg.edges.values() if e.negated),
        "relations": dict(sorted(by_relation.items())),
        "actor_types": dict(sorted(by_type.items())),
    }
