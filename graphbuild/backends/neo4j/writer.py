"""The Neo4j backend: the same graph, written with batched idempotent MERGEs.

Schema (the embedded graph's, in Neo4j terms)::

    (:Actor:<Type> {id, name, type, aliases, alias_articles: ["alias<TAB>article", ...]})
    (:Actor)-[:<RELATION> {id, polarity, negated, intensity, confidence, count,
                           first_seen, last_seen, evidence_*: [...]}]->(:Actor)
    (:Article {id, title, url, date, source, load_key})-[:MENTIONS]->(:Actor)

Each evidence field is a list property, one entry per supporting sentence, in the same
order across lists (``evidence_key``, ``evidence_article``, ``evidence_sentence``,
``evidence_date`` and so on); a list cannot hold null, so an unknown date is ``''``.

Writes go constraints first (unique ids of actors and articles), then articles, actors with
the articles' mentions of them, and links, in batches of ``UNWIND $rows ... MERGE`` keyed on
content ids (``statements``). A link's evidence is merged by key, and a row that brings
nothing new sets nothing, so loading the same articles twice writes nothing at all. An
article there under another load key is taken back first (``unload.remove_articles``).

An article is marked loaded (its ``load_key`` and ``input_key`` set) once everything it gives
is written: after its links, or with its node when it gives no link.

Loads may run at once: lists are extended under the actors' locks (``statements``). A row
the server refuses for its values is reported with its articles and the rest of its batch
written (``batches``); those articles are not marked loaded, so a later load redoes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j import RoutingControl
from neo4j.exceptions import ClientError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired, TransientError

from graphbuild.backends.base import Refusal, record_input_keys
from graphbuild.backends.neo4j.batches import Refuse, Written, reason_of, write_batch
from graphbuild.backends.neo4j.connection import one_line
from graphbuild.backends.neo4j.delta import MAX_PENDING_EVIDENCE, PendingLinks, article_load_keys, without_articles
from graphbuild.backends.neo4j.inputs import INPUTS_CYPHER, acronym_aliases_in, input_rows
from graphbuild.backends.neo4j.schema import ensure_schema
from graphbuild.backends.neo4j.settings import DEFAULT_BATCH, DEFAULT_DATABASE
from graphbuild.backends.neo4j.statements import (
    ARTICLES_CYPHER,
    LOAD_KEYS_CYPHER,
    LOADED_CYPHER,
    LOCK_PROPERTIES,
    NAMES_CYPHER,
    actor_row,
    edge_row,
)
from graphbuild.backends.neo4j.statements import actors_cypher as _actors_cypher
from graphbuild.backends.neo4j.statements import links_cypher as _links_cypher
from graphbuild.backends.neo4j.unload import TakenBack, remove_articles
from graphbuild.batching import batched
from graphbuild.errors import BackendError
from graphbuild.graph import LOAD_KEY, KnowledgeGraph, load_articles
from graphbuild.normalize import resolve_across
from graphbuild.types import Edge
from graphbuild.vocab import REFINEMENTS, check_name, link_type

# A chunk's articles, actors and mentions are written together: few chunks mean few statements
# (and each recurring actor merged once a chunk), while its articles' texts bound its memory.
CHUNK_ARTICLES = 2000
CHUNK_CHARS = 20_000_000

__all__ = ["WriteSummary", "article_load_keys", "load_neo4j", "write_neo4j"]


@dataclass(slots=True)
class WriteSummary:
    """What a load changed in the database, from the server's own counters per statement."""

    articles_added: int = 0
    actors_created: int = 0
    links_created: int = 0
    evidence_added: int = 0
    articles_unchanged: int = 0  # already loaded with the same content: not written again
    properties_set: int = 0  # the locks' own excepted
    batches: int = 0
    link_rows: int = 0  # rows sent to the link MERGE: one per link per write, however many chunks
    taken: TakenBack = field(default_factory=TakenBack)  # what articles loaded again took back
    refused: list[Refusal] = field(default_factory=list)  # rows the server would not store

    @property
    def wrote(self) -> bool:
        return bool(
            self.articles_added
            or self.actors_created
            or self.links_created
            or self.properties_set
            or self.taken.articles
        )


def write_neo4j(
    driver: neo4j.Driver,
    kg: KnowledgeGraph,
    *,
    database: str = DEFAULT_DATABASE,
    batch_size: int = DEFAULT_BATCH,
    summary: WriteSummary | None = None,
) -> WriteSummary:
    """Write (merge) a graph into Neo4j: articles, actors and their mentions, then links.

    An article already there under the same load key (its ``load_key`` in ``kg.articles``,
    else a digest of what ``kg`` holds from it) is skipped; one there under another key is
    taken back first, so the database ends as a clean load of the same articles would.

    Every statement is a managed transaction (``execute_query``), retried by the driver on
    transient errors; each is idempotent, so a retry or a rerun after a failure is safe. A
    row the server refuses is in the summary's ``refused``, its articles left unfinished.
    """
    writer = _Writer(driver, database=database, batch_size=batch_size, summary=summary or WriteSummary())
    with _write_errors():
        kg, keys = writer.start(kg)
        kg, whole = writer.nodes(kg, keys)
        writer.links(kg.edges.values())
        writer.mark_loaded({a: k for a, k in keys.items() if a not in whole})
        writer.finish()
    return writer.summary


@contextmanager
def _write_errors() -> Iterator[None]:
    try:
        yield
    except (ServiceUnavailable, SessionExpired, TransientError) as e:
        raise BackendError(
            f"Writing to Neo4j failed: {e.__class__.__name__}: {one_line(e)}. Run the same load again once the "
            "server is back; it writes what is missing, without duplicates."
        ) from e
    except (Neo4jError, DriverError) as e:
        raise BackendError(
            f"Writing to Neo4j failed: {e.__class__.__name__}: {one_line(e)}. What was written stays; once that "
            "is fixed, run the same load again: it writes what is missing, without duplicates."
        ) from e


class _Writer:
    """The stages of a write, which a load runs per chunk (``start``, ``nodes``) or once for
    several chunks (``links``, ``mark_loaded``); the server's counters go to ``summary``."""

    def __init__(self, driver: neo4j.Driver, *, database: str, batch_size: int, summary: WriteSummary) -> None:
        self.driver, self.database, self.batch_size, self.summary = driver, database, batch_size, summary
        self.refinements = sorted([known, new] for known, new in REFINEMENTS)
        self.refused_actors: set[str] = set()
        self.unfinished: set[str] = set()  # articles a refused row came from: not marked loaded
        self.inputs: dict[str, str] = {}  # each article's input key, as the latest reading has it
        self.marked: dict[str, str | None] = {}  # the articles marked loaded, with the input key set
        self.schema_ready = False  # checked once a write, not once a chunk

    def run(self, cypher: str, rows: Sequence[dict], *, refuse: Refuse | None = None, **params: Any) -> list[Written]:
        written = []
        for batch in batched(rows, self.batch_size):
            for part in write_batch(self.driver, cypher, batch, database=self.database, refuse=refuse, **params):
                self.summary.properties_set += part.summary.counters.properties_set
                self.summary.batches += 1
                written.append(part)
        return written

    def _refused(self, kind: str, value: str, articles: Iterable[str], error: Neo4jError) -> None:
        refusal = Refusal(kind, value, tuple(sorted(set(articles))), reason_of(error))
        self.summary.refused.append(refusal)
        self.unfinished.update(refusal.articles)

    def start(self, kg: KnowledgeGraph) -> tuple[KnowledgeGraph, dict[str, str]]:
        """The part of ``kg`` still to write, and its articles' load keys: articles loaded
        under the same key are dropped, those there under another key taken back."""
        if not self.schema_ready:
            ensure_schema(self.driver, database=self.database)
            self.schema_ready = True
        self.inputs.update((row["id"], row["input"]) for row in input_rows(kg))
        keys = {a: str(meta[LOAD_KEY]) for a, meta in kg.articles.items() if meta.get(LOAD_KEY)}
        if len(keys) < len(kg.articles):  # a graph built without load keys: digests of what it holds
            keys = {a: keys.get(a) or digest for a, digest in article_load_keys(kg).items()}
        held = _load_keys(self.driver, sorted(keys), database=self.database, batch_size=self.batch_size)
        done = {a for a, key in held.items() if key == keys[a]}
        if done:
            self.summary.articles_unchanged += len(done)
            kg = without_articles(kg, done)
        # those there under another key (or none: a load that stopped) are taken back first
        remove_articles(
            self.driver,
            sorted(held.keys() - done),
            database=self.database,
            batch_size=self.batch_size,
            taken=self.summary.taken,
        )
        return kg, {a: keys[a] for a in kg.articles}

    def nodes(self, kg: KnowledgeGraph, keys: Mapping[str, str]) -> tuple[KnowledgeGraph, set[str]]:
        """Articles, then actors with the articles' mentions of them: every link holding an
        article's evidence is then reached from the article, when it is taken back, even after
        a load that stopped halfway. Returns ``kg`` without the articles the server refused,
        and the articles loaded whole already: those with no link, marked with their node."""
        linked = {e.article for edge in kg.edges.values() for e in edge.evidence}
        whole = {a: self.inputs.get(a) for a in kg.articles if a not in linked}
        rows = [
            {"id": k, **v, "key": keys[k] if k in whole else None, "input": whole.get(k)}
            for k, v in sorted(kg.articles.items())
        ]
        refused = len(self.summary.refused)
        for part in self.run(
            ARTICLES_CYPHER, rows, refuse=lambda row, e: self._refused("article", row["id"], [row["id"]], e)
        ):
            self.summary.articles_added += part.summary.counters.nodes_created
        gone = {a for r in self.summary.refused[refused:] for a in r.articles}
        self.marked.update((a, i) for a, i in whole.items() if a not in gone)
        if gone:
            kg = without_articles(kg, gone)  # nothing of theirs can be written, nor taken back later
        mentions: dict[str, set[str]] = {}
        for edge in kg.edges.values():
            for e in edge.evidence:
                if e.article in kg.articles:
                    mentions.setdefault(edge.source, set()).add(e.article)
                    mentions.setdefault(edge.target, set()).add(e.article)
        actor_rows = [
            actor_row(node, sorted(mentions.get(node.id, ()))) for node in sorted(kg.nodes.values(), key=lambda n: n.id)
        ]
        try:
            self.actors(_actors_cypher(None), actor_rows)
        except ClientError as e:
            _unless_old_server(e)  # a server before 5.26 has no dynamic labels: one statement per label
            for label in sorted({str(row["label"]) for row in actor_rows}):
                self.actors(_actors_cypher(label), [row for row in actor_rows if row["label"] == label])
        return kg, whole.keys() - gone

    def actors(self, cypher: str, rows: Sequence[dict]) -> None:
        def refuse(row: dict, error: Neo4jError) -> None:
            self.refused_actors.add(row["id"])
            self._refused("actor", row["name"], row["articles"], error)

        for part in self.run(cypher, rows, refuse=refuse, refinements=self.refinements):
            self.summary.actors_created += part.summary.counters.nodes_created
            self.summary.properties_set -= LOCK_PROPERTIES * len(part.rows)

    def links(self, edges: Iterable[Edge]) -> None:
        """One MERGE row per link, carrying all the evidence given for it; none for a link
        whose actor the server refused (its articles are left unfinished already)."""
        rows = [
            {**edge_row(edge), "type": check_name(link_type(edge.relation, edge.negated))}
            for edge in sorted(edges, key=lambda e: e.id)
            if not {edge.source, edge.target} & self.refused_actors
        ]
        self.summary.link_rows += len(rows)
        try:
            self._links(_links_cypher(None), rows)
        except ClientError as e:
            _unless_old_server(e)  # nor dynamic types: one statement per type
            for type_ in sorted({str(row["type"]) for row in rows}):
                self._links(_links_cypher(type_), [row for row in rows if row["type"] == type_])

    def _links(self, cypher: str, rows: Sequence[dict]) -> None:
        def refuse(row: dict, error: Neo4jError) -> None:
            records, _, _ = self.driver.execute_query(
                NAMES_CYPHER, ids=[row["source"], row["target"]], database_=self.database, routing_=RoutingControl.READ
            )
            names = {r["id"]: r["name"] for r in records}
            link = f"{names.get(row['source'], row['source'])} {row['type']} {names.get(row['target'], row['target'])}"
            self._refused("link", link, row["evidence_article"], error)

        for part in self.run(cypher, rows, refuse=refuse):
            [record] = part.records
            self.summary.links_created += part.summary.counters.relationships_created
            self.summary.evidence_added += record["added"]
            self.summary.properties_set -= LOCK_PROPERTIES * len(
                {row[end] for row in part.rows for end in ("source", "target")}
            )
            if record["written"] < len(part.rows):
                raise BackendError(
                    f"{len(part.rows) - record['written']} links name actors no longer in Neo4j: another load took "
                    "back the articles that wrote them while this one ran. Run the same load again; it writes what "
                    "is missing, without duplicates."
                )

    def flush(self, pending: PendingLinks) -> None:
        edges, keys = pending.take()
        self.links(edges)
        self.mark_loaded(keys)

    def mark_loaded(self, keys: Mapping[str, str]) -> None:
        """Last: an article marked loaded has all its links written; one a refused row came
        from is not, so the next load of it takes back what it wrote and writes it again."""
        marked = {a: self.inputs.get(a) for a in sorted(keys) if a not in self.unfinished}
        self.run(LOADED_CYPHER, [{"id": a, "key": keys[a], "input": i} for a, i in marked.items()])
        self.marked.update(marked)

    def finish(self) -> None:
        """The input keys of the articles read but not marked loaded by this write (unchanged
        ones, already loaded whole), where the database holds another."""
        rows = [{"id": a, "input": i} for a, i in sorted(self.inputs.items()) if self.marked.get(a, "") != i]
        self.run(INPUTS_CYPHER, rows)


def _unless_old_server(e: ClientError) -> None:
    if "SyntaxError" not in (e.code or ""):
        raise e


def _load_keys(driver: neo4j.Driver, ids: Sequence[str], *, database: str, batch_size: int) -> dict[str, str | None]:
    """The articles of ``ids`` the database holds, with their load keys (None: unfinished)."""
    held: dict[str, str | None] = {}
    for batch in batched(ids, batch_size):
        records, _, _ = driver.execute_query(
            LOAD_KEYS_CYPHER, ids=batch, database_=database, routing_=RoutingControl.READ
        )
        held.update((r["id"], r["key"]) for r in records)
    return held


def load_neo4j(
    driver: neo4j.Driver,
    pairs: Iterable[tuple[Any, list[Any]]],
    *,
    database: str = DEFAULT_DATABASE,
    batch_size: int = DEFAULT_BATCH,
    chunk_articles: int = CHUNK_ARTICLES,
    chunk_chars: int = CHUNK_CHARS,
    names: str = "",
    inputs: Mapping[str, str] | None = None,
    max_pending_evidence: int = MAX_PENDING_EVIDENCE,
) -> tuple[int, int, WriteSummary]:
    """Extract-and-write in chunks of articles (``chunk_articles``, or fewer whose texts
    reach ``chunk_chars`` characters), so memory stays flat on a long load.

    Each chunk's articles, actors and mentions are written as it comes; its links wait,
    merged with the other chunks', and are written once for all of them, so a link many
    chunks support is one MERGE row, not one per chunk. Memory is the trade-off: the links
    waiting hold every sentence of their evidence, so they are written (and their articles
    marked loaded) whenever more than ``max_pending_evidence`` sentences wait, and at the end.

    Each article's load key covers ``names``, the digest of the alias table and name rules
    (``normalize.names_digest``); each article's input key in ``inputs`` is stored with it.
    Returns the number of articles and triples read and the write summary.
    """
    summary = WriteSummary()
    writer = _Writer(driver, database=database, batch_size=batch_size, summary=summary)
    pending = PendingLinks()
    articles = triples = 0
    with _write_errors():
        for chunk_pairs in batched(pairs, chunk_articles, weight=lambda pair: len(pair[0].text), limit=chunk_chars):
            chunk = KnowledgeGraph()
            known = acronym_aliases_in(driver, database=database)
            load_articles(chunk, resolve_across(list(chunk_pairs), known), names=names)
            record_input_keys(chunk, inputs)
            articles += len(chunk_pairs)
            triples += sum(len(found) for _, found in chunk_pairs)
            if pending.keys.keys() & chunk.articles.keys():
                writer.flush(pending)  # an article read twice: its first reading is written whole first
            chunk, keys = writer.start(chunk)
            chunk, whole = writer.nodes(chunk, keys)
            pending.add(chunk.edges.values(), {a: k for a, k in keys.items() if a in chunk.articles and a not in whole})
            if pending.evidence > max_pending_evidence:
                writer.flush(pending)
        writer.flush(pending)
        writer.finish()
    return articles, triples, summary
