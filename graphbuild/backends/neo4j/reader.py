"""Reading from Neo4j: the graph model back, and the canned questions from their Cypher files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import neo4j
from neo4j import RoutingControl
from neo4j.exceptions import DriverError, Neo4jError

from graphbuild.backends.base import INPUT_KEY
from graphbuild.backends.neo4j.connection import one_line
from graphbuild.backends.neo4j.settings import DEFAULT_DATABASE
from graphbuild.errors import BackendError
from graphbuild.graph import ARTICLE_FIELDS, LOAD_KEY, KnowledgeGraph, evidence_order
from graphbuild.questions import Answer, Query, get_query
from graphbuild.questions.actors import actor_names, check_actors
from graphbuild.types import EVIDENCE_FIELDS, Edge, Evidence, Node
from graphbuild.vocab import ARTICLE_LABEL, NODE_LABEL


def run_neo4j(
    driver: neo4j.Driver,
    name: str,
    params: Mapping[str, str] | None = None,
    *,
    database: str = DEFAULT_DATABASE,
) -> Answer:
    """Answer a canned question from its ``.cypher`` file; values go in as parameters.

    Raises:
        UnknownActorError: an actor parameter that no actor has as its name or an alias.
    """
    query = get_query(name)
    bound = query.bind(params or {})
    _check_actors(driver, query, bound, database=database)
    try:
        records, _, _ = driver.execute_query(query.cypher, bound, database_=database, routing_=RoutingControl.READ)
    except (Neo4jError, DriverError) as e:
        raise BackendError(f"Query {name!r} failed on Neo4j: {e.__class__.__name__}: {e}") from e
    return Answer(query, [{c: record.get(c) for c in query.columns} for record in records])


# the test the canned questions make, so a name is known exactly when they would find it
_KNOWN = f"""
UNWIND $names AS wanted
RETURN wanted, EXISTS {{
  MATCH (a:{NODE_LABEL})
  WHERE toLower(a.name) = toLower(wanted) OR any(x IN a.aliases WHERE toLower(x) = toLower(wanted))
}} AS known
"""


def _check_actors(driver: neo4j.Driver, query: Query, bound: Mapping[str, object], *, database: str) -> None:
    """Refuse a question about an actor the database does not hold; the names and aliases
    for suggestions are read only when one is missing."""
    wanted = actor_names(query, bound)
    if not wanted:
        return
    try:
        records, _, _ = driver.execute_query(_KNOWN, names=wanted, database_=database, routing_=RoutingControl.READ)
        if all(r["known"] for r in records):
            return
        actors, _, _ = driver.execute_query(
            f"MATCH (a:{NODE_LABEL}) RETURN a.name AS name, a.aliases AS aliases",
            database_=database,
            routing_=RoutingControl.READ,
        )
    except (Neo4jError, DriverError) as e:
        raise BackendError(f"Looking up actors on Neo4j failed: {e.__class__.__name__}: {one_line(e)}") from e
    check_actors(query, bound, ((r["name"], tuple(r["aliases"] or ())) for r in actors))


def read_neo4j(driver: neo4j.Driver, *, database: str = DEFAULT_DATABASE) -> KnowledgeGraph:
    """Read the graph back from Neo4j as the same model the embedded file holds: what
    ``stats``, ``render``, ``export`` and ``actors`` show is then the same on both backends."""
    kg = KnowledgeGraph()
    try:
        articles, _, _ = driver.execute_query(
            f"MATCH (a:{ARTICLE_LABEL}) RETURN a.id AS id, a.title AS title, a.url AS url, a.date AS date, "
            f"a.source AS source, a.load_key AS {LOAD_KEY}, a.input_key AS {INPUT_KEY}",
            database_=database,
            routing_=RoutingControl.READ,
        )
        actors, _, _ = driver.execute_query(
            f"MATCH (n:{NODE_LABEL}) RETURN n.id AS id, n.name AS name, n.type AS type, n.aliases AS aliases, "
            "n.alias_articles AS alias_articles",
            database_=database,
            routing_=RoutingControl.READ,
        )
        links, _, _ = driver.execute_query(
            f"MATCH (a:{NODE_LABEL})-[r]->(b:{NODE_LABEL}) RETURN a.id AS source, b.id AS target, properties(r) AS r",
            database_=database,
            routing_=RoutingControl.READ,
        )
    except (Neo4jError, DriverError) as e:
        raise BackendError(f"Reading the graph from Neo4j failed: {e.__class__.__name__}: {one_line(e)}") from e
    for row in articles:
        kg.articles[row["id"]] = {name: row[name] or None for name in ARTICLE_FIELDS}
        for key in (LOAD_KEY, INPUT_KEY):
            if row[key]:
                kg.articles[row["id"]][key] = row[key]
    for row in actors:
        # each entry is "alias<TAB>article" (an alias may hold a tab; an article id may not)
        pairs = (x.rsplit("\t", 1) for x in row["alias_articles"] or ())
        sources = tuple(sorted((alias, article) for alias, article in pairs))
        aliases = tuple(sorted(row["aliases"] or ()))
        kg.nodes[row["id"]] = Node(row["id"], row["name"], row["type"], aliases, sources)
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
