"""The knowledge graph: canonical actors and aggregated, evidenced links. Pure data.

One node per canonical actor; one edge per (actor, relation type, target, negated), holding
every sentence that states it. Ids derive from content, so adding the same triples twice
changes nothing and two runs over the same articles build identical graphs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields, replace
from functools import lru_cache
from operator import attrgetter
from typing import Any

import networkx as nx

from graphbuild.types import EVIDENCE_FIELDS, Article, Edge, Evidence, Node, Triple
from graphbuild.vocab import RELATIONS, refines

ARTICLE_FIELDS = ("title", "url", "date", "source")
FORMAT = "graphbuild-graph/1"  # the node-link JSON the embedded backend stores
LOAD_KEY = "load_key"  # the article attribute holding its load key
# Bump when a load writes an article differently: every article's key changes, so each is
# taken back and written again on its next load.
LOAD_FORMAT = "2"


@lru_cache(maxsize=1 << 16)  # a load asks for the same few thousand names again and again
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
    """What one ``add`` (or an article taken back) changed: the counts a load reports."""

    nodes_created: int = 0
    edges_created: int = 0
    evidence_added: int = 0
    articles_added: int = 0
    articles_replaced: int = 0  # loaded before under another load key: taken back, then added
    evidence_removed: int = 0
    edges_removed: int = 0
    nodes_removed: int = 0

    def __add__(self, other: GraphDelta) -> GraphDelta:
        return GraphDelta(*(a + b for a, b in zip(_tuple(self), _tuple(other), strict=True)))

    @property
    def changed(self) -> bool:
        return any(_tuple(self))


def _tuple(delta: GraphDelta) -> tuple[int, ...]:
    return tuple(getattr(delta, name) for name in delta.__match_args__)  # the fields, in order


def article_load_key(article: Article, triples: Iterable[Triple], *, names: str = "") -> str:
    """A digest of everything that decides what an article puts in the graph: its metadata,
    its triples (names, types, evidence, the names as written) and ``names``, the digest of
    the alias table and name rules they were resolved with (``normalize.names_digest``).

    An article loaded again under the same key would change nothing and is skipped; under
    another key it is taken back whole and added again.
    """
    meta = repr(sorted(_article_meta(article).items()))
    parts = sorted(_TRIPLE_REPR % _triple_values(triple) for triple in triples)
    return _digest(LOAD_FORMAT, names, meta, *parts)


# repr(triple), which the keys have always digested, made without the dataclass's per-call machinery
_TRIPLE_REPR = "Triple(" + ", ".join(f"{f.name}=%r" for f in fields(Triple)) + ")"
_triple_values = attrgetter(*(f.name for f in fields(Triple)))


def _article_meta(article: Article) -> dict[str, str | None]:
    return {name: getattr(article, name) or None for name in ARTICLE_FIELDS}


def _digest(*parts: str) -> str:
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()


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
        self.articles[article.id] = _article_meta(article)
        return GraphDelta(articles_added=1)

    def load_article(self, article: Article, triples: Iterable[Triple], *, key: str) -> GraphDelta:
        """Add one article and its triples under its load key (``article_load_key``).

        Already there under the same key, it changes nothing; under another key (its names
        resolved with another alias table, or read differently), what it contributed is taken
        back first (``remove_articles``), so the graph ends as a clean load would.
        """
        return self._load({article.id: (article, list(triples), key)})

    def _load(self, latest: dict[str, tuple[Article, list[Triple], str]]) -> GraphDelta:
        known = {a for a, (_, _, key) in latest.items() if a in self.articles}
        stale = {a for a in known if self.articles[a].get(LOAD_KEY) != latest[a][2]}
        delta = self.remove_articles(stale) + GraphDelta(articles_replaced=len(stale))
        added = {aid: entry for aid, entry in latest.items() if aid not in known or aid in stale}
        for aid, (article, _, key) in added.items():
            self.articles[aid] = {**_article_meta(article), LOAD_KEY: key}
        fresh = GraphDelta(articles_added=len(added.keys() - stale))
        return delta + fresh + self.add_triples(t for _, triples, _ in added.values() for t in triples)

    def remove_articles(self, ids: Iterable[str]) -> GraphDelta:
        """Take back what the articles ``ids`` contributed: their evidence, links left with
        none, their aliases, actors no link touches any more, and the articles themselves.
        One pass over the graph, however many articles."""
        gone = set(ids)
        if not gone:
            return GraphDelta()
        touched: set[str] = set()
        removed = edges_removed = 0
        for eid, edge in list(self.edges.items()):
            kept = tuple(e for e in edge.evidence if e.article not in gone)
            if len(kept) == len(edge.evidence):
                continue
            removed += len(edge.evidence) - len(kept)
            touched.update((edge.source, edge.target))
            if kept:
                self.edges[eid] = with_evidence(replace(edge, evidence=()), *kept)
            else:
                del self.edges[eid]
                edges_removed += 1
        touched.update(nid for nid, n in self.nodes.items() if any(a in gone for _, a in n.alias_articles))
        linked = {n for edge in self.edges.values() for n in (edge.source, edge.target)}
        nodes_removed = 0
        for nid in sorted(touched):
            node = self.nodes[nid]
            if nid not in linked:
                del self.nodes[nid]
                nodes_removed += 1
                continue
            sources = tuple(pair for pair in node.alias_articles if pair[1] not in gone)
            self.nodes[nid] = replace(node, aliases=_aliases_of(sources), alias_articles=sources)
        for aid in gone:
            self.articles.pop(aid, None)
        return GraphDelta(evidence_removed=removed, edges_removed=edges_removed, nodes_removed=nodes_removed)

    def add_triples(self, triples: Iterable[Triple]) -> GraphDelta:
        """Merge triples into the graph; evidence already present is not added again. Each
        actor and link touched is built once, however many triples name it (not re-sorted per triple)."""
        nodes: dict[str, tuple[str, list[str], set[tuple[str, str]]]] = {}  # id -> name, [type], aliases
        edges: dict[str, tuple[str, str, Triple, dict[tuple, Evidence]]] = {}  # first triple, evidence by key
        for t in triples:
            source = self._touch(nodes, t.subject, t.subject_type, t.subject_text, t.article)
            target = self._touch(nodes, t.object, t.object_type, t.object_text, t.article)
            evidence = evidence_of(t)
            eid = edge_id(source, t.relation, target, t.negated)
            edges.setdefault(eid, (source, target, t, {}))[3].setdefault(evidence.key, evidence)
        created = self._put_nodes(nodes)
        edges_created = added = 0
        for eid, (source, target, first, found) in edges.items():
            edge = self.edges.get(eid)
            if edge is None:
                relation = RELATIONS[first.relation]
                edge = Edge(eid, source, target, first.relation, relation.polarity, first.negated, relation.intensity,
                            first.confidence, 0, None, None)  # fmt: skip
                edges_created += 1
            known = {e.key for e in edge.evidence}
            fresh = [e for key, e in found.items() if key not in known]
            if fresh:
                self.edges[eid] = with_evidence(edge, *fresh)
                added += len(fresh)
        return GraphDelta(created, edges_created, added)

    def _touch(self, nodes: dict, name: str, type_: str, alias: str, article: str) -> str:
        """Note an actor named by a triple: its type refined, the alias it was written under."""
        nid = node_id(name)
        if nid not in nodes:
            node = self.nodes.get(nid)
            nodes[nid] = (name, [type_], set()) if node is None else (node.name, [node.type], set(node.alias_articles))
        _, types, sources = nodes[nid]
        types[0] = type_ if refines(types[0], type_) else types[0]
        # an alias folding to the node's own id is its name in another case: no use to a lookup
        if alias and node_id(alias) != nid:
            sources.add((alias, article))
        return nid

    def _put_nodes(self, nodes: dict[str, tuple[str, list[str], set[tuple[str, str]]]]) -> int:
        """Store the actors ``_touch`` noted; the number that are new."""
        created = 0
        for nid, (name, [type_], sources) in nodes.items():
            pairs = tuple(sorted(sources))
            node = self.nodes.get(nid)
            if node is None:
                self.nodes[nid] = Node(nid, name, type_, _aliases_of(pairs), pairs)
                created += 1
            elif pairs != node.alias_articles or type_ != node.type:
                self.nodes[nid] = replace(node, aliases=_aliases_of(pairs), alias_articles=pairs, type=type_)
        return created

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
    return Evidence(*_evidence_values(triple))


_evidence_values = attrgetter(*EVIDENCE_FIELDS)  # in the order of Evidence's own fields


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


def with_evidence(edge: Edge, *evidence: Evidence) -> Edge:
    """``edge`` with ``evidence`` added; its count, dates and confidence worked out again."""
    items = tuple(sorted((*edge.evidence, *evidence), key=evidence_order))
    dates = [e.date for e in items if e.date]
    return replace(
        edge,
        evidence=items,
        count=len(items),
        first_seen=min(dates) if dates else None,
        last_seen=max(dates) if dates else None,
        confidence=max(e.confidence for e in items),
    )


def _aliases_of(sources: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    return tuple(sorted({alias for alias, _ in sources}))


def load_articles(kg: KnowledgeGraph, pairs: Iterable[tuple[Article, list[Triple]]], *, names: str = "") -> GraphDelta:
    """Load ``(article, triples)`` pairs, each under its load key (``KnowledgeGraph.load_article``);
    ``names`` is the digest of the alias table and name rules the triples were resolved with.

    Articles there under another key are all taken back first, in one pass, then the new ones
    added in order. A later copy of an article in the same stream replaces an earlier one.
    """
    latest: dict[str, tuple[Article, list[Triple], str]] = {}
    for article, triples in pairs:
        latest.pop(article.id, None)  # the later copy is added where it comes
        latest[article.id] = (article, list(triples), article_load_key(article, triples, names=names))
    return kg._load(latest)


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

    Node attributes: ``name``, ``type``, ``aliases`` and ``alias_articles`` (each alias and
    the articles that wrote it). Edge attributes: ``relation``, ``polarity``, ``negated``,
    ``intensity``, ``confidence``, ``count``, ``first_seen``, ``last_seen`` and ``evidence``
    (a list of dicts, one per sentence).
    """
    G = nx.MultiDiGraph(format=FORMAT, articles={k: dict(v) for k, v in sorted(kg.articles.items())})
    for nid in sorted(kg.nodes):
        node = kg.nodes[nid]
        G.add_node(nid, name=node.name, type=node.type, aliases=list(node.aliases), alias_articles=alias_map(node))
    for eid in sorted(kg.edges):
        edge = kg.edges[eid]
        attrs = asdict(edge)
        for name in ("id", "source", "target"):
            del attrs[name]
        attrs["evidence"] = [asdict(e) for e in edge.evidence]
        G.add_edge(edge.source, edge.target, key=eid, **attrs)
    return G


def alias_map(node: Node) -> dict[str, list[str]]:
    """Each alias of an actor and the articles that wrote the actor under it."""
    found: dict[str, list[str]] = {}
    for alias, article in node.alias_articles:
        found.setdefault(alias, []).append(article)
    return found


def from_networkx(G: nx.MultiDiGraph) -> KnowledgeGraph:
    """The inverse of :func:`to_networkx`.

    A graph written before evidence kept its own confidence, or aliases their articles, is
    read as well as it can be: each sentence gets its link's confidence, and an alias is
    credited to every article with evidence on the actor's links.
    """
    kg = KnowledgeGraph(articles={k: dict(v) for k, v in G.graph.get("articles", {}).items()})
    for source, target, key, data in G.edges(keys=True, data=True):
        attrs = dict(data)
        evidence = tuple(Evidence(**{"confidence": attrs["confidence"], **e}) for e in attrs.pop("evidence", []))
        kg.edges[key] = Edge(id=key, source=source, target=target, evidence=evidence, **attrs)
    on: dict[str, set[str]] = {}  # the articles with evidence on each actor's links
    for edge in kg.edges.values():
        for nid in (edge.source, edge.target):
            on.setdefault(nid, set()).update(e.article for e in edge.evidence)
    for nid, data in G.nodes(data=True):
        aliases = tuple(data.get("aliases", ()))
        if "alias_articles" in data:
            pairs = {(alias, article) for alias, articles in data["alias_articles"].items() for article in articles}
        else:
            pairs = {(alias, article) for alias in aliases for article in on.get(nid, ())}
        kg.nodes[nid] = Node(nid, data["name"], data["type"], aliases, tuple(sorted(pairs)))
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
