"""The Neo4j backend: the same graph, written with batched idempotent MERGEs.

Schema (the embedded graph's, in Neo4j terms)::

    (:Actor:<Type> {id, name, type, aliases, alias_articles: ["alias<TAB>article", ...]})
    (:Actor)-[:<RELATION> {id, polarity, negated, intensity, confidence, count,
                           first_seen, last_seen, evidence_*: [...]}]->(:Actor)
    (:Article {id, title, url, date, source, load_key})-[:MENTIONS]->(:Actor)

Each evidence field is a list property, one entry per supporting sentence, in the same
order across lists (``evidence_key``, ``evidence_article``, ``evidence_sentence``,
``evidence_date`` and so on); a list cannot hold null, so an unknown date is ``''``.

Writes go constraints first (unique ids of actors and articles), then articles, actors, the
articles' mentions and links, in batches of ``UNWIND $rows ... MERGE`` keyed on content ids.
A link's evidence is merged by key, and a row that brings nothing new sets nothing, so
loading the same articles twice writes nothing at all. An article there under another load
key is taken back first (``unload.remove_articles``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j import RoutingControl
from neo4j.exceptions import ClientError, DriverError, Neo4jError

from graphbuild.backends.base import record_input_keys
from graphbuild.backends.neo4j.connection import one_line
from graphbuild.backends.neo4j.delta import MAX_PENDING_EVIDENCE, PendingLinks, article_load_keys, without_articles
from graphbuild.backends.neo4j.inputs import INPUTS_CYPHER, acronym_aliases_in, input_rows
from graphbuild.backends.neo4j.schema import ensure_schema
from graphbuild.backends.neo4j.settings import DEFAULT_BATCH, DEFAULT_DATABASE
from graphbuild.backends.neo4j.unload import TakenBack, remove_articles
from graphbuild.batching import batched
from graphbuild.errors import BackendError
from graphbuild.graph import LOAD_KEY, KnowledgeGraph, load_articles
from graphbuild.normalize import resolve_across
from graphbuild.types import EVIDENCE_FIELDS, Edge
from graphbuild.vocab import (
    ARTICLE_LABEL,
    MENTIONS,
    NODE_LABEL,
    REFINEMENTS,
    TYPE_LABELS,
    check_name,
    link_type,
)


@dataclass(slots=True)
class WriteSummary:
    """What a load changed in the database, from the server's own counters per statement."""

    articles_added: int = 0
    actors_created: int = 0
    links_created: int = 0
    evidence_added: int = 0
    articles_unchanged: int = 0  # already loaded with the same content: not written again
    properties_set: int = 0
    batches: int = 0
    link_rows: int = 0  # rows sent to the link MERGE: one per link per write, however many chunks
    taken: TakenBack = field(default_factory=TakenBack)  # what articles loaded again took back

    @property
    def wrote(self) -> bool:
        return bool(
            self.articles_added
            or self.actors_created
            or self.links_created
            or self.properties_set
            or self.taken.articles
        )


ARTICLES_CYPHER = f"""
UNWIND $rows AS row
MERGE (a:{ARTICLE_LABEL} {{id: row.id}})
SET a.title = row.title, a.url = row.url, a.date = row.date, a.source = row.source
"""

# Aliases and a type learned later are added only when new, so a repeated row sets nothing.
# A more precise type (graphbuild.vocab.REFINEMENTS: from unknown, or organization to
# company) replaces the one known, and its label the old one.
ACTORS_CYPHER = """
UNWIND $rows AS row
MERGE (n:{actor} {{id: row.id}})
ON CREATE SET n.name = row.name, n.type = row.type, n.aliases = row.aliases, n.alias_articles = row.alias_articles
WITH n, row, [x IN row.aliases WHERE NOT x IN n.aliases] AS fresh,
  [x IN row.alias_articles WHERE NOT x IN n.alias_articles] AS sources
FOREACH (_ IN CASE WHEN size(fresh) > 0 THEN [1] ELSE [] END | SET n.aliases = n.aliases + fresh)
FOREACH (_ IN CASE WHEN size(sources) > 0 THEN [1] ELSE [] END | SET n.alias_articles = n.alias_articles + sources)
FOREACH (_ IN CASE WHEN [n.type, row.type] IN $refinements THEN [1] ELSE [] END |
  SET n.type = row.type REMOVE n:Unknown:Organization)
WITH n, row WHERE n.type = row.type
SET n:{label}
"""

# Only evidence not yet on the link is appended; a row with none is filtered out before SET.
LINKS_CYPHER = """
UNWIND $rows AS row
MATCH (a:{actor} {{id: row.source}})
MATCH (b:{actor} {{id: row.target}})
MERGE (a)-[r:{relation} {{id: row.id}}]->(b)
ON CREATE SET r.relation = row.relation, r.polarity = row.polarity, r.negated = row.negated, r.intensity = row.intensity,
  r.confidence = row.confidence, r.count = 0, r.evidence_key = [], {empty_lists}
WITH r, row, [i IN range(0, size(row.evidence_key) - 1) WHERE NOT row.evidence_key[i] IN r.evidence_key] AS fresh
WHERE size(fresh) > 0
WITH r, row, fresh, r.evidence_date + [i IN fresh | row.evidence_date[i]] AS dates
WITH r, row, {{
  evidence_key: r.evidence_key + [i IN fresh | row.evidence_key[i]],
  {appended},
  count: size(r.evidence_key) + size(fresh),
  confidence: CASE WHEN row.confidence > r.confidence THEN row.confidence ELSE r.confidence END,
  first_seen: reduce(m = null, d IN [x IN dates WHERE x <> ''] | CASE WHEN m IS NULL OR d < m THEN d ELSE m END),
  last_seen: reduce(m = null, d IN [x IN dates WHERE x <> ''] | CASE WHEN m IS NULL OR d > m THEN d ELSE m END)
}} AS changes, size(fresh) AS added
SET r += changes
RETURN sum(added) AS added
"""

# Written last for each chunk: an article whose load key is set was loaded whole, so a
# rerun after a failure redoes exactly the articles that were not, and skips the rest.
LOADED_CYPHER = f"""
UNWIND $rows AS row
MATCH (a:{ARTICLE_LABEL} {{id: row.id}})
SET a.load_key = row.key
"""

ALREADY_LOADED_CYPHER = f"""
UNWIND $rows AS row
MATCH (a:{ARTICLE_LABEL} {{id: row.id}})
WHERE a.load_key = row.key
RETURN a.id AS id
"""

MENTIONS_CYPHER = f"""
UNWIND $rows AS row
MATCH (art:{ARTICLE_LABEL} {{id: row.article}})
MATCH (n:{NODE_LABEL} {{id: row.actor}})
MERGE (art)-[:{MENTIONS}]->(n)
"""


def _links_cypher(relation: str | None) -> str:
    """The link MERGE for one relationship type, or (None) for every type at once through a
    dynamic type, ``$(row.type)``, which Neo4j 5.26 and later plan once for all types."""
    empty = ", ".join(f"r.evidence_{name} = []" for name in EVIDENCE_FIELDS)
    appended = ",\n  ".join(
        f"evidence_{name}: r.evidence_{name} + [i IN fresh | row.evidence_{name}[i]]" for name in EVIDENCE_FIELDS
    )
    return LINKS_CYPHER.format(
        actor=check_name(NODE_LABEL),
        relation="$(row.type)" if relation is None else check_name(relation),
        empty_lists=empty,
        appended=appended,
    )


def _actors_cypher(label: str | None) -> str:
    return ACTORS_CYPHER.format(
        actor=check_name(NODE_LABEL), label="$(row.label)" if label is None else check_name(label)
    )


def _edge_row(edge: Edge) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": edge.id,
        "relation": edge.relation,
        "source": edge.source,
        "target": edge.target,
        "polarity": edge.polarity,
        "negated": edge.negated,
        "intensity": edge.intensity,
        "confidence": edge.confidence,
        "evidence_key": ["|".join(str(p) for p in e.key) for e in edge.evidence],
    }
    for name in EVIDENCE_FIELDS:
        # a property list cannot hold null: an unknown date (or attribution) is ''
        row[f"evidence_{name}"] = [getattr(e, name) if getattr(e, name) is not None else "" for e in edge.evidence]
    return row


# The version of the graph's shape in Neo4j, kept on the one (:GraphbuildSchema) node; a
# database written by an older graphbuild is brought up to date before a load writes to it.
# 2: denied links have their own type (NOT_SUES) and every link names its relation.
def write_neo4j(
    driver: neo4j.Driver,
    kg: KnowledgeGraph,
    *,
    database: str = DEFAULT_DATABASE,
    batch_size: int = DEFAULT_BATCH,
    summary: WriteSummary | None = None,
) -> WriteSummary:
    """Write (merge) a graph into Neo4j: articles, actors, article mentions, then links.

    An article already there under the same load key (its ``load_key`` in ``kg.articles``,
    else a digest of what ``kg`` holds from it) is skipped; one there under another key is
    taken back first, so the database ends as a clean load of the same articles would.

    Every statement is a managed transaction (``execute_query``), retried by the driver on
    transient errors; each is idempotent, so a retry or a rerun after a failure is safe.
    """
    writer = _Writer(driver, database=database, batch_size=batch_size, summary=summary or WriteSummary())
    inputs = input_rows(kg)  # the unchanged articles' too: their load key is already set
    with _write_errors():
        kg, keys = writer.start(kg)
        writer.nodes(kg)
        writer.links(kg.edges.values())
        writer.mark_loaded(keys)
        writer.run(INPUTS_CYPHER, inputs)
    return writer.summary


@contextmanager
def _write_errors() -> Iterator[None]:
    try:
        yield
    except (Neo4jError, DriverError) as e:
        raise BackendError(
            f"Writing to Neo4j failed: {e.__class__.__name__}: {one_line(e)}. Run the same load again once the "
            "server is back; it writes what is missing, without duplicates."
        ) from e


class _Writer:
    """The stages of a write, which a load runs per chunk (``start``, ``nodes``) or once for
    several chunks (``links``, ``mark_loaded``); the server's counters go to ``summary``."""

    def __init__(self, driver: neo4j.Driver, *, database: str, batch_size: int, summary: WriteSummary) -> None:
        self.driver, self.database, self.batch_size, self.summary = driver, database, batch_size, summary
        self.refinements = sorted([known, new] for known, new in REFINEMENTS)

    def run(self, cypher: str, rows: Sequence[dict], **params: Any) -> list[Any]:
        counters = []
        for batch in batched(rows, self.batch_size):
            result = self.driver.execute_query(cypher, rows=batch, **params, database_=self.database)
            self.summary.properties_set += result.summary.counters.properties_set
            self.summary.batches += 1
            counters.append((result.summary.counters, result.records))
        return counters

    def start(self, kg: KnowledgeGraph) -> tuple[KnowledgeGraph, dict[str, str]]:
        """The part of ``kg`` still to write, and its articles' load keys: articles loaded
        under the same key are dropped, those there under another key taken back."""
        ensure_schema(self.driver, database=self.database)
        digests = article_load_keys(kg)  # for a graph built without load keys
        keys = {a: str(meta.get(LOAD_KEY) or digests[a]) for a, meta in kg.articles.items()}
        done = _already_loaded(self.driver, keys, database=self.database, batch_size=self.batch_size)
        if done:
            self.summary.articles_unchanged += len(done)
            kg = without_articles(kg, done)
        # the rest may be there under another key: take back what they contributed first
        remove_articles(
            self.driver,
            sorted(kg.articles),
            database=self.database,
            batch_size=self.batch_size,
            taken=self.summary.taken,
        )
        return kg, {a: keys[a] for a in kg.articles}

    def nodes(self, kg: KnowledgeGraph) -> None:
        """Articles, actors and the articles' mentions of the actors their evidence links."""
        rows = [{"id": k, **v} for k, v in sorted(kg.articles.items())]
        for counters, _ in self.run(ARTICLES_CYPHER, rows):
            self.summary.articles_added += counters.nodes_created
        actor_rows: list[dict[str, Any]] = [
            {
                "id": node.id,
                "name": node.name,
                "type": node.type,
                "aliases": list(node.aliases),
                "alias_articles": [f"{alias}\t{article}" for alias, article in node.alias_articles],
                "label": check_name(TYPE_LABELS.get(node.type, TYPE_LABELS["unknown"])),
            }
            for node in sorted(kg.nodes.values(), key=lambda n: n.id)
        ]
        try:
            self.actors(_actors_cypher(None), actor_rows)
        except ClientError as e:
            _unless_old_server(e)  # a server before 5.26 has no dynamic labels: one statement per label
            for label in sorted({str(row["label"]) for row in actor_rows}):
                self.actors(_actors_cypher(label), [row for row in actor_rows if row["label"] == label])
        # mentions before links: every link holding an article's evidence is then reached
        # from the article, when it is taken back, even after a load that stopped halfway
        mentions = {
            (e.article, n) for edge in kg.edges.values() for e in edge.evidence for n in (edge.source, edge.target)
        }
        known = set(kg.articles)
        self.run(MENTIONS_CYPHER, [{"article": a, "actor": n} for a, n in sorted(mentions) if a in known])

    def actors(self, cypher: str, rows: Sequence[dict]) -> None:
        for counters, _ in self.run(cypher, rows, refinements=self.refinements):
            self.summary.actors_created += counters.nodes_created

    def links(self, edges: Iterable[Edge]) -> None:
        """One MERGE row per link, carrying all the evidence given for it."""
        rows = [
            {**_edge_row(edge), "type": check_name(link_type(edge.relation, edge.negated))}
            for edge in sorted(edges, key=lambda e: e.id)
        ]
        self.summary.link_rows += len(rows)
        try:
            self._links(_links_cypher(None), rows)
        except ClientError as e:
            _unless_old_server(e)  # nor dynamic types: one statement per type
            for type_ in sorted({str(row["type"]) for row in rows}):
                self._links(_links_cypher(type_), [row for row in rows if row["type"] == type_])

    def _links(self, cypher: str, rows: Sequence[dict]) -> None:
        for counters, records in self.run(cypher, rows):
            self.summary.links_created += counters.relationships_created
            self.summary.evidence_added += sum(r["added"] for r in records)

    def flush(self, pending: PendingLinks) -> None:
        edges, keys = pending.take()
        self.links(edges)
        self.mark_loaded(keys)

    def mark_loaded(self, keys: Mapping[str, str]) -> None:
        """Last: an article marked loaded has all its links written."""
        self.run(LOADED_CYPHER, [{"id": a, "key": k} for a, k in sorted(keys.items())])


def _unless_old_server(e: ClientError) -> None:
    if "SyntaxError" not in (e.code or ""):
        raise e


def _already_loaded(driver: neo4j.Driver, keys: Mapping[str, str], *, database: str, batch_size: int) -> set[str]:
    rows = [{"id": a, "key": k} for a, k in sorted(keys.items())]
    done: set[str] = set()
    for batch in batched(rows, batch_size):
        records, _, _ = driver.execute_query(
            ALREADY_LOADED_CYPHER, rows=batch, database_=database, routing_=RoutingControl.READ
        )
        done.update(r["id"] for r in records)
    return done


def load_neo4j(
    driver: neo4j.Driver,
    pairs: Iterable[tuple[Any, list[Any]]],
    *,
    database: str = DEFAULT_DATABASE,
    batch_size: int = DEFAULT_BATCH,
    chunk_articles: int = 500,
    names: str = "",
    inputs: Mapping[str, str] | None = None,
    max_pending_evidence: int = MAX_PENDING_EVIDENCE,
) -> tuple[int, int, WriteSummary]:
    """Extract-and-write in chunks of articles, so memory stays flat on a long load.

    Each chunk's articles, actors and mentions are written as it comes; its links wait,
    merged with the other chunks', and are written once for all of them, so a link many
    chunks support is one MERGE row, not one per chunk. Memory is the trade-off: the links
    waiting hold every sentence of their evidence, so they are written (and their articles
    marked loaded) whenever more than ``max_pending_evidence`` sentences wait, and at the end.

    Each article's load key covers ``names``, the digest of the alias table and name rules
    (``normalize.names_digest``); each article's input key in ``inputs`` is stored with it. Returns the number of articles and triples read and the
    write summary.
    """
    summary = WriteSummary()
    writer = _Writer(driver, database=database, batch_size=batch_size, summary=summary)
    pending = PendingLinks()
    stored: list[dict[str, str]] = []
    articles = triples = 0
    with _write_errors():
        for chunk_pairs in batched(pairs, chunk_articles):
            chunk = KnowledgeGraph()
            known = acronym_aliases_in(driver, database=database)
            load_articles(chunk, resolve_across(list(chunk_pairs), known), names=names)
            record_input_keys(chunk, inputs)
            stored += input_rows(chunk)
            articles += len(chunk_pairs)
            triples += sum(len(found) for _, found in chunk_pairs)
            if pending.keys.keys() & chunk.articles.keys():
                writer.flush(pending)  # an article read twice: its first reading is written whole first
            chunk, keys = writer.start(chunk)
            writer.nodes(chunk)
            pending.add(chunk.edges.values(), keys)
            if pending.evidence > max_pending_evidence:
                writer.flush(pending)
        writer.flush(pending)
        writer.run(INPUTS_CYPHER, stored)  # the unchanged articles' too: their load key is already set
    return articles, triples, summary
