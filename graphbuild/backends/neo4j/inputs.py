"""What a load reads from Neo4j before it parses or writes: the articles' input keys
(``graphbuild.inputs``; unchanged articles are skipped before parsing, and the keys stored
after the load keys) and the acronyms the database already ties to long names."""

from __future__ import annotations

import neo4j
from neo4j import RoutingControl
from neo4j.exceptions import DriverError, Neo4jError

from graphbuild.backends.base import INPUT_KEY
from graphbuild.backends.neo4j.connection import one_line
from graphbuild.backends.neo4j.settings import DEFAULT_DATABASE
from graphbuild.errors import BackendError
from graphbuild.graph import KnowledgeGraph
from graphbuild.normalize import acronym_aliases
from graphbuild.types import Node
from graphbuild.vocab import ARTICLE_LABEL

# An article with an input key was loaded whole from that input: a load sets it with the load
# key (``statements.LOADED_CYPHER``), and with this, last, for the articles it found already
# loaded whole. Set only when it differs, so a load that changed nothing writes nothing.
INPUTS_CYPHER = f"""
UNWIND $rows AS row
MATCH (a:{ARTICLE_LABEL} {{id: row.id}})
WHERE a.load_key IS NOT NULL AND (a.input_key IS NULL OR a.input_key <> row.input)
SET a.input_key = row.input
"""

STORED_INPUTS_CYPHER = (
    f"MATCH (a:{ARTICLE_LABEL}) WHERE a.input_key IS NOT NULL RETURN a.id AS id, a.input_key AS input"
)


def read_input_keys(driver: neo4j.Driver, *, database: str = DEFAULT_DATABASE) -> dict[str, str]:
    """Every article's input key (``graphbuild.inputs``), in one read."""
    try:
        records, _, _ = driver.execute_query(STORED_INPUTS_CYPHER, database_=database, routing_=RoutingControl.READ)
    except (Neo4jError, DriverError) as e:
        raise BackendError(f"Reading the articles' input keys from Neo4j failed: {one_line(e)}") from e
    return {r["id"]: r["input"] for r in records}


def input_rows(kg: KnowledgeGraph) -> list[dict[str, str]]:
    """The input keys (``graphbuild.inputs``) of ``kg``'s articles, to store once loaded."""
    return [{"id": a, "input": str(meta[INPUT_KEY])} for a, meta in sorted(kg.articles.items()) if meta.get(INPUT_KEY)]


ACRONYM_ALIASES_CYPHER = """
MATCH (a:Actor) WHERE any(x IN a.aliases WHERE x =~ '[A-Z][A-Za-z&]{1,9}')
RETURN a.name AS name, a.aliases AS aliases
"""


def acronym_aliases_in(driver: neo4j.Driver, *, database: str) -> dict[str, str]:
    """The acronyms the database already ties to a long name (see ``normalize.acronym_aliases``)."""
    records, _, _ = driver.execute_query(ACRONYM_ALIASES_CYPHER, database_=database, routing_=RoutingControl.READ)
    return acronym_aliases(Node(id="", name=r["name"], type="", aliases=tuple(r["aliases"] or ())) for r in records)
