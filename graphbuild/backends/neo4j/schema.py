"""The shape of graphbuild's data in Neo4j: constraints, an index, and the schema version a
database is in (older databases are brought up to date before a load writes to them)."""

from __future__ import annotations

import neo4j
from neo4j import RoutingControl

from graphbuild.backends.neo4j.settings import DEFAULT_DATABASE
from graphbuild.vocab import (
    ARTICLE_LABEL,
    DENIED_PREFIX,
    MENTIONS,
    NODE_LABEL,
    RELATIONS,
    SCHEMA_LABEL,
    check_name,
    link_type,
)

SCHEMA = (
    f"CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:{NODE_LABEL}) REQUIRE n.id IS UNIQUE",
    f"CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:{ARTICLE_LABEL}) REQUIRE n.id IS UNIQUE",
    f"CREATE INDEX actor_name IF NOT EXISTS FOR (n:{NODE_LABEL}) ON (n.name)",
)

# Only articles whose load key changed get here, so their metadata is set afresh.

# 3: each sentence keeps its own confidence (evidence_confidence) and each alias the
# articles that wrote it (alias_articles), so an article can be taken back exactly.
SCHEMA_VERSION = 3


def _migrate(driver: neo4j.Driver, *, database: str) -> None:
    records, _, _ = driver.execute_query(
        f"MATCH (s:{SCHEMA_LABEL}) RETURN max(s.version) AS version", database_=database, routing_=RoutingControl.READ
    )
    version = records[0]["version"]
    if version is not None and version >= SCHEMA_VERSION:
        return
    if version is None and not _holds_actors(driver, database=database):
        _set_version(driver, database=database)  # a new database: nothing to bring up to date
        return
    if (version or 1) < 2:
        _migrate_to_2(driver, database=database)
    # as the embedded file is read: each sentence gets its link's confidence, and an alias is
    # credited to every article that mentions the actor
    driver.execute_query(
        f"MATCH (:{NODE_LABEL})-[r]->(:{NODE_LABEL}) WHERE r.evidence_confidence IS NULL "
        "SET r.evidence_confidence = [k IN r.evidence_key | r.confidence]",
        database_=database,
    )
    driver.execute_query(
        f"MATCH (n:{NODE_LABEL}) WHERE n.alias_articles IS NULL "
        "SET n.alias_articles = reduce(acc = [], a IN coalesce(n.aliases, []) | "
        f"acc + [(art:{ARTICLE_LABEL})-[:{MENTIONS}]->(n) | a + '\\t' + art.id])",
        database_=database,
    )
    _set_version(driver, database=database)


def _holds_actors(driver: neo4j.Driver, *, database: str) -> bool:
    records, _, _ = driver.execute_query(
        f"MATCH (n:{NODE_LABEL}) RETURN n.id LIMIT 1", database_=database, routing_=RoutingControl.READ
    )
    return bool(records)


def _set_version(driver: neo4j.Driver, *, database: str) -> None:
    driver.execute_query(
        f"MERGE (s:{SCHEMA_LABEL} {{id: 'schema'}}) SET s.version = $version",
        version=SCHEMA_VERSION,
        database_=database,
    )


def _migrate_to_2(driver: neo4j.Driver, *, database: str) -> None:
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
