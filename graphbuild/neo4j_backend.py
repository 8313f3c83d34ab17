"""The Neo4j backend: the same graph, written with batched idempotent MERGEs.

Schema (the embedded graph's, in Neo4j terms)::

    (:Actor:<Type> {id, name, type, aliases})
    (:Actor)-[:<RELATION> {id, polarity, negated, intensity, confidence, count,
                           first_seen, last_seen, evidence_*: [...]}]->(:Actor)
    (:Article {id, title, url, date, source, load_key})-[:MENTIONS]->(:Actor)

Each evidence field is a list property, one entry per supporting sentence, in the same
order across lists (``evidence_key``, ``evidence_article``, ``evidence_sentence``,
``evidence_date`` and so on); a list cannot hold null, so an unknown date is ``''``.

Writes go constraints first (unique ids of actors and articles), then articles, actors and links, in batches of
``UNWIND $rows ... MERGE`` keyed on content ids. A link's evidence is merged by key, and a
row that brings nothing new sets nothing, so loading the same articles twice writes
nothing at all.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import neo4j
from neo4j import GraphDatabase, NotificationMinimumSeverity, RoutingControl
from neo4j.exceptions import AuthError, ClientError, ConfigurationError, DriverError, Neo4jError, ServiceUnavailable

from graphbuild.canned import Query, Row, get_query
from graphbuild.errors import BackendError
from graphbuild.graph import KnowledgeGraph, evidence_order
from graphbuild.types import EVIDENCE_FIELDS, Edge, Evidence, Node
from graphbuild.vocab import (
    ARTICLE_LABEL,
    DENIED_PREFIX,
    MENTIONS,
    NODE_LABEL,
    REFINEMENTS,
    RELATIONS,
    SCHEMA_LABEL,
    TYPE_LABELS,
    check_name,
    link_type,
)

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
DEFAULT_BATCH = 1000


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    """Where the server is and who we are; the password never appears in ``repr``."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str = field(default="", repr=False)
    database: str = DEFAULT_DATABASE

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Neo4jSettings:
        env = os.environ if environ is None else environ
        return cls(
            uri=env.get("NEO4J_URI", DEFAULT_URI),
            user=env.get("NEO4J_USER", DEFAULT_USER),
            password=env.get("NEO4J_PASSWORD", ""),
            database=env.get("NEO4J_DATABASE", DEFAULT_DATABASE),
        )


@dataclass(slots=True)
class WriteSummary:
    """What a load changed in the database, from the server's own counters."""

    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    labels_added: int = 0
    batches: int = 0
    articles_unchanged: int = 0  # already loaded with the same content: not written again

    def add(self, counters: Any) -> None:
        self.nodes_created += counters.nodes_created
        self.relationships_created += counters.relationships_created
        self.properties_set += counters.properties_set
        self.labels_added += counters.labels_added
        self.batches += 1

    @property
    def wrote(self) -> bool:
        return bool(self.nodes_created or self.relationships_created or self.properties_set or self.labels_added)


# -- connecting ---------------------------------------------------------------------------------


def connect(settings: Neo4jSettings) -> neo4j.Driver:
    """Open a driver and check the server, the credentials and the database.

    Raises:
        BackendError: one line saying what is wrong and how to fix it; never the password.
    """
    if not settings.password:
        raise BackendError(
            f"No Neo4j password for user {settings.user!r}: set NEO4J_PASSWORD (or --password). "
            "For the local server it is the password its first start was given."
        )
    try:
        # The server's notifications (an unknown property on a fresh database, a slow plan)
        # are for developers of queries, not for people loading news: none is sent.
        driver = GraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password),
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        )
    except (ConfigurationError, ValueError) as e:
        raise BackendError(
            f"{settings.uri!r} is not a Neo4j URI ({e}). Use bolt://HOST:7687, neo4j://HOST:7687 or neo4j+s://HOST."
        ) from None
    try:
        driver.verify_connectivity()
        driver.execute_query("RETURN 1", database_=settings.database, routing_=RoutingControl.READ)
    except Exception as e:
        driver.close()
        raise _explain(e, settings) from None
    return driver


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def _explain(error: Exception, settings: Neo4jSettings) -> BackendError:
    """Turn a driver error into one line with the fix (the password is never included)."""
    if isinstance(error, AuthError):
        return BackendError(
            f"Neo4j at {settings.uri} refused user {settings.user!r}: wrong user or password. "
            "Check NEO4J_USER and NEO4J_PASSWORD."
        )
    if isinstance(error, ServiceUnavailable):
        return BackendError(
            f"Can't reach Neo4j at {settings.uri}. Start the local server with: scripts/neo4j start "
            "(or point NEO4J_URI at a running server)."
        )
    if isinstance(error, Neo4jError) and error.code and "DatabaseNotFound" in error.code:
        return BackendError(
            f"Neo4j at {settings.uri} has no database {settings.database!r}. Set NEO4J_DATABASE "
            "to an existing one (Community Edition has only 'neo4j')."
        )
    if isinstance(error, Neo4jError | DriverError):
        return BackendError(f"Neo4j at {settings.uri} failed: {error.__class__.__name__}: {_one_line(error)}")
    return BackendError(f"Neo4j at {settings.uri} failed: {_one_line(error)}")


# -- writing ------------------------------------------------------------------------------------

SCHEMA = (
    f"CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:{NODE_LABEL}) REQUIRE n.id IS UNIQUE",
    f"CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:{ARTICLE_LABEL}) REQUIRE n.id IS UNIQUE",
    f"CREATE INDEX actor_name IF NOT EXISTS FOR (n:{NODE_LABEL}) ON (n.name)",
)

# Only articles whose load key changed get here, so their metadata is set afresh.
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
ON CREATE SET n.name = row.name, n.type = row.type, n.aliases = row.aliases
WITH n, row, [x IN row.aliases WHERE NOT x IN n.aliases] AS fresh
FOREACH (_ IN CASE WHEN size(fresh) > 0 THEN [1] ELSE [] END | SET n.aliases = n.aliases + fresh)
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
}} AS changes
SET r += changes
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

# Bump when the loader writes an article differently: every article is then written again.
LOAD_FORMAT = "1"

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


def _batches(rows: Sequence[dict], size: int) -> Iterator[list[dict]]:
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])


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
SCHEMA_VERSION = 2


def _migrate(driver: neo4j.Driver, *, database: str) -> None:
    records, _, _ = driver.execute_query(
        f"MATCH (s:{SCHEMA_LABEL}) RETURN max(s.version) AS version", database_=database, routing_=RoutingControl.READ
    )
    version = records[0]["version"] or 1
    if version >= SCHEMA_VERSION:
        return
    for relation in sorted(RELATIONS):  # one statement per type: the same on every 5.x server
        driver.execute_query(
            f"MATCH (a:{NODE_LABEL})-[r:{check_name(relation)}]->(b:{NODE_LABEL}) WHERE r.negated "
            f"CREATE (a)-[d:{check_name(link_type(relation, True))}]->(b) SET d = properties(r) DELETE r",
            database_=database,
        )
    driver.execute_query(
        f"MATCH (:{NODE_LABEL})-[r]->(:{NODE_LABEL}) WHERE r.relation IS NULL "
        f"SET r.relation = CASE WHEN type(r) STARTS WITH '{DENIED_PREFIX}' "
        f"THEN substring(type(r), {len(DENIED_PREFIX)}) ELSE type(r) END",
        database_=database,
    )
    driver.execute_query(
        f"MERGE (s:{SCHEMA_LABEL} {{id: 'schema'}}) SET s.version = $version",
        version=SCHEMA_VERSION,
        database_=database,
    )


def ensure_schema(driver: neo4j.Driver, *, database: str = DEFAULT_DATABASE) -> int:
    """Create the constraints and index the loader relies on, those missing only, and bring a
    database an older graphbuild wrote up to ``SCHEMA_VERSION``; returns how many constraints
    and indexes it made. Links need none: each is merged between two actors found by unique id."""
    wanted = {"actor_id": SCHEMA[0], "article_id": SCHEMA[1], "actor_name": SCHEMA[2]}
    existing: set[str] = set()
    for kind in ("CONSTRAINTS", "INDEXES"):
        records, _, _ = driver.execute_query(
            f"SHOW {kind} YIELD name", database_=database, routing_=RoutingControl.READ
        )
        existing.update(r["name"] for r in records)
    missing = [statement for name, statement in wanted.items() if name not in existing]
    for statement in missing:
        driver.execute_query(statement, database_=database)
    _migrate(driver, database=database)
    return len(missing)


def write_neo4j(
    driver: neo4j.Driver,
    kg: KnowledgeGraph,
    *,
    database: str = DEFAULT_DATABASE,
    batch_size: int = DEFAULT_BATCH,
    summary: WriteSummary | None = None,
) -> WriteSummary:
    """Write (merge) a graph into Neo4j: articles, actors, links, then article mentions.

    Every statement is a managed transaction (``execute_query``), retried by the driver on
    transient errors; each is idempotent, so a retry or a rerun after a failure is safe.
    """
    summary = summary if summary is not None else WriteSummary()

    def run(cypher: str, rows: Sequence[dict], **params: Any) -> None:
        for batch in _batches(rows, batch_size):
            result = driver.execute_query(cypher, rows=batch, **params, database_=database)
            summary.add(result.summary.counters)

    refinements = sorted([known, new] for known, new in REFINEMENTS)

    try:
        ensure_schema(driver, database=database)
        keys = article_load_keys(kg)
        done = _already_loaded(driver, keys, database=database, batch_size=batch_size)
        if done:
            summary.articles_unchanged += len(done)
            kg = without_articles(kg, done)
        run(ARTICLES_CYPHER, [{"id": k, **v} for k, v in sorted(kg.articles.items())])
        actors: list[dict[str, Any]] = [
            {
                "id": node.id,
                "name": node.name,
                "type": node.type,
                "aliases": list(node.aliases),
                "label": check_name(TYPE_LABELS.get(node.type, TYPE_LABELS["unknown"])),
            }
            for node in sorted(kg.nodes.values(), key=lambda n: n.id)
        ]
        links: list[dict[str, Any]] = []
        mentions: set[tuple[str, str]] = set()
        for edge in sorted(kg.edges.values(), key=lambda e: e.id):
            links.append({**_edge_row(edge), "type": check_name(link_type(edge.relation, edge.negated))})
            for e in edge.evidence:
                mentions.update({(e.article, edge.source), (e.article, edge.target)})
        try:
            run(_actors_cypher(None), actors, refinements=refinements)
            run(_links_cypher(None), links)
        except ClientError as e:
            if "SyntaxError" not in (e.code or ""):
                raise
            # a server before 5.26 has no dynamic labels and types: one statement per name
            for label in sorted({str(row["label"]) for row in actors}):
                run(_actors_cypher(label), [row for row in actors if row["label"] == label], refinements=refinements)
            for type_ in sorted({str(row["type"]) for row in links}):
                run(_links_cypher(type_), [row for row in links if row["type"] == type_])
        known = set(kg.articles)
        run(MENTIONS_CYPHER, [{"article": a, "actor": n} for a, n in sorted(mentions) if a in known])
        run(LOADED_CYPHER, [{"id": a, "key": keys[a]} for a in sorted(known)])
    except (Neo4jError, DriverError) as e:
        raise BackendError(
            f"Writing to Neo4j failed: {e.__class__.__name__}: {_one_line(e)}. Run the same load again once the "
            "server is back; it writes what is missing, without duplicates."
        ) from e
    return summary


def article_load_keys(kg: KnowledgeGraph) -> dict[str, str]:
    """A digest of everything the graph holds from each article: its metadata and each piece
    of evidence with the link and actor types it supports. Equal keys mean a second write of
    the article would change nothing; a changed extraction changes the key."""
    parts: dict[str, list[str]] = {a: [repr(sorted(meta.items()))] for a, meta in kg.articles.items()}
    for edge in kg.edges.values():
        types = tuple(getattr(kg.nodes.get(n), "type", "") for n in (edge.source, edge.target))
        for e in edge.evidence:
            if e.article in parts:
                parts[e.article].append(repr((edge.id, types, e)))
    return {a: hashlib.sha1("\n".join([LOAD_FORMAT, *sorted(p)]).encode("utf-8")).hexdigest() for a, p in parts.items()}


def without_articles(kg: KnowledgeGraph, done: set[str]) -> KnowledgeGraph:
    """The part of ``kg`` that does not come from ``done`` articles: their evidence, links
    left with none, and actors no remaining link touches are dropped."""
    edges = {}
    for eid, edge in kg.edges.items():
        kept = tuple(e for e in edge.evidence if e.article not in done)
        if kept:
            edges[eid] = edge if len(kept) == len(edge.evidence) else replace(edge, evidence=kept, count=len(kept))
    used = {n for edge in edges.values() for n in (edge.source, edge.target)}
    return KnowledgeGraph(
        nodes={nid: node for nid, node in kg.nodes.items() if nid in used},
        edges=edges,
        articles={a: meta for a, meta in kg.articles.items() if a not in done},
    )


def _already_loaded(driver: neo4j.Driver, keys: Mapping[str, str], *, database: str, batch_size: int) -> set[str]:
    rows = [{"id": a, "key": k} for a, k in sorted(keys.items())]
    done: set[str] = set()
    for batch in _batches(rows, batch_size):
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
) -> tuple[int, int, WriteSummary]:
    """Extract-and-write in chunks of articles, so memory stays flat on a long load.

    Returns the number of articles and triples read and the write summary.
    """
    summary = WriteSummary()
    articles = triples = 0
    chunk = KnowledgeGraph()
    pending = 0
    for article, found in pairs:
        articles += 1
        triples += len(found)
        chunk.add_article(article)
        chunk.add_triples(found)
        pending += 1
        if pending >= chunk_articles:
            write_neo4j(driver, chunk, database=database, batch_size=batch_size, summary=summary)
            chunk, pending = KnowledgeGraph(), 0
    if pending:
        write_neo4j(driver, chunk, database=database, batch_size=batch_size, summary=summary)
    return articles, triples, summary


# -- questions ----------------------------------------------------------------------------------


def run_neo4j(
    driver: neo4j.Driver,
    name: str,
    params: Mapping[str, str] | None = None,
    *,
    database: str = DEFAULT_DATABASE,
) -> tuple[Query, list[Row]]:
    """Answer a canned question from its ``.cypher`` file; values go in as parameters."""
    query = get_query(name)
    bound = query.bind(params or {})
    try:
        records, _, _ = driver.execute_query(query.cypher, bound, database_=database, routing_=RoutingControl.READ)
    except (Neo4jError, DriverError) as e:
        raise BackendError(f"Query {name!r} failed on Neo4j: {e.__class__.__name__}: {e}") from e
    return query, [{c: record.get(c) for c in query.columns} for record in records]


def read_neo4j(driver: neo4j.Driver, *, database: str = DEFAULT_DATABASE) -> KnowledgeGraph:
    """Read the graph back from Neo4j as the same model the embedded file holds: what
    ``stats``, ``render``, ``export`` and ``actors`` show is then the same on both backends."""
    kg = KnowledgeGraph()
    try:
        articles, _, _ = driver.execute_query(
            f"MATCH (a:{ARTICLE_LABEL}) RETURN a.id AS id, a.title AS title, a.url AS url, a.date AS date, "
            "a.source AS source",
            database_=database,
            routing_=RoutingControl.READ,
        )
        actors, _, _ = driver.execute_query(
            f"MATCH (n:{NODE_LABEL}) RETURN n.id AS id, n.name AS name, n.type AS type, n.aliases AS aliases",
            database_=database,
            routing_=RoutingControl.READ,
        )
        links, _, _ = driver.execute_query(
            f"MATCH (a:{NODE_LABEL})-[r]->(b:{NODE_LABEL}) RETURN a.id AS source, b.id AS target, properties(r) AS r",
            database_=database,
            routing_=RoutingControl.READ,
        )
    except (Neo4jError, DriverError) as e:
        raise BackendError(f"Reading the graph from Neo4j failed: {e.__class__.__name__}: {_one_line(e)}") from e
    for row in articles:
        kg.articles[row["id"]] = {name: row[name] or None for name in ("title", "url", "date", "source")}
    for row in actors:
        kg.nodes[row["id"]] = Node(row["id"], row["name"], row["type"], tuple(row["aliases"] or ()))
    for row in links:
        r = row["r"]
        columns = [r.get(f"evidence_{name}", []) for name in EVIDENCE_FIELDS]
        evidence = [Evidence(*values) for values in zip(*columns, strict=True)]
        # a list property cannot hold null: '' stands for an unknown date
        evidence = [replace(e, date=e.date or None) for e in evidence]
        kg.edges[r["id"]] = Edge(
            id=r["id"],
            source=row["source"],
            target=row["target"],
            relation=r["relation"],
            polarity=r["polarity"],
            negated=r["negated"],
            intensity=r["intensity"],
            confidence=r["confidence"],
            count=r["count"],
            first_seen=r.get("first_seen"),
            last_seen=r.get("last_seen"),
            evidence=tuple(sorted(evidence, key=evidence_order)),
        )
    return kg


def database_counts(driver: neo4j.Driver, *, database: str = DEFAULT_DATABASE) -> dict[str, int]:
    """Actors, articles and links in the database (for ``stats`` and tests)."""
    try:
        records, _, _ = driver.execute_query(
            f"""
            RETURN COUNT {{ MATCH (:{NODE_LABEL}) }} AS actors,
                   COUNT {{ MATCH (:{ARTICLE_LABEL}) }} AS articles,
                   COUNT {{ MATCH (:{NODE_LABEL})-[]->(:{NODE_LABEL}) }} AS links
            """,
            database_=database,
            routing_=RoutingControl.READ,
        )
        mentions, _, _ = driver.execute_query(
            f"MATCH (:{NODE_LABEL})-[r]->(:{NODE_LABEL}) RETURN coalesce(sum(r.count), 0) AS mentions",
            database_=database,
            routing_=RoutingControl.READ,
        )
    except (Neo4jError, DriverError) as e:
        raise BackendError(f"Counting in Neo4j failed: {e.__class__.__name__}: {e}") from e
    return {**dict(records[0]), "mentions": mentions[0]["mentions"]}
