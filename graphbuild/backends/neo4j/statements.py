"""The statements a load writes with, and the rows it sends them.

Loads may run at once into one database. A statement that reads a list to extend it (an
actor's aliases, a link's evidence) first takes the write lock of every actor its batch
touches, in order of id, by setting and removing a property (``_lock``): Neo4j's way of
asking for a lock in Cypher. Whoever writes an actor or a link between two actors holds their
locks, so each reads the lists as the last writer left them and appends to them, and a link
is merged once however many loads create it at the same moment. Locks taken in one order
cannot deadlock each other; a deadlock with anything else is retried by the driver.
"""

from __future__ import annotations

from typing import Any

from graphbuild.types import EVIDENCE_FIELDS, Edge, Node
from graphbuild.vocab import ARTICLE_LABEL, MENTIONS, NODE_LABEL, TYPE_LABELS, check_name

# Each lock is a property set and removed: two of the server's "properties set" per actor.
LOCK_PROPERTIES = 2

# An article with no link to wait for (row.key given) is loaded whole once its node is there:
# it is marked loaded (``LOADED_CYPHER``) in the same statement.
ARTICLES_CYPHER = f"""
UNWIND $rows AS row
MERGE (a:{ARTICLE_LABEL} {{id: row.id}})
SET a.title = row.title, a.url = row.url, a.date = row.date, a.source = row.source
FOREACH (_ IN CASE WHEN row.key IS NULL THEN [] ELSE [1] END | SET a.load_key = row.key, a.input_key = row.input)
"""

# Every actor of the batch locked first (created bare when new, then named below). Aliases
# and a type learned later are added only when new, so a repeated row sets nothing. A more
# precise type (graphbuild.vocab.REFINEMENTS: from unknown, or organization to company)
# replaces the one known, and its label the old one. The articles that link the actor mention
# it, in the same statement: an actor is never there unmentioned, for another load taking
# articles back to delete as an orphan.
ACTORS_CYPHER = """
CALL {{
  UNWIND $rows AS row
  WITH row.id AS id ORDER BY id
  MERGE (n:{actor} {{id: id}})
  SET n._lock = true REMOVE n._lock
}}
UNWIND $rows AS row
MATCH (n:{actor} {{id: row.id}})
FOREACH (_ IN CASE WHEN n.name IS NULL THEN [1] ELSE [] END |
  SET n.name = row.name, n.type = row.type, n.aliases = row.aliases, n.alias_articles = row.alias_articles)
WITH n, row, [x IN row.aliases WHERE NOT x IN n.aliases] AS fresh,
  [x IN row.alias_articles WHERE NOT x IN n.alias_articles] AS sources
FOREACH (_ IN CASE WHEN size(fresh) > 0 THEN [1] ELSE [] END | SET n.aliases = n.aliases + fresh)
FOREACH (_ IN CASE WHEN size(sources) > 0 THEN [1] ELSE [] END | SET n.alias_articles = n.alias_articles + sources)
FOREACH (_ IN CASE WHEN [n.type, row.type] IN $refinements THEN [1] ELSE [] END |
  SET n.type = row.type REMOVE n:Unknown:Organization)
FOREACH (id IN row.articles |
  MERGE (art:{article} {{id: id}})
  MERGE (art)-[:{mentions}]->(n))
WITH n, row WHERE n.type = row.type
SET n:{label}
"""

# Both actors of every link in the batch locked first. Only evidence not yet on the link is
# appended; a row with none sets nothing. Every row gives a result, so a row whose actors
# are missing is seen.
LINKS_CYPHER = """
CALL {{
  UNWIND $rows AS row
  UNWIND [row.source, row.target] AS id
  WITH DISTINCT id ORDER BY id
  MATCH (n:{actor} {{id: id}})
  SET n._lock = true REMOVE n._lock
}}
UNWIND $rows AS row
MATCH (a:{actor} {{id: row.source}})
MATCH (b:{actor} {{id: row.target}})
MERGE (a)-[r:{relation} {{id: row.id}}]->(b)
ON CREATE SET r.relation = row.relation, r.polarity = row.polarity, r.negated = row.negated, r.intensity = row.intensity,
  r.confidence = row.confidence, r.count = 0, r.evidence_key = [], {empty_lists}
WITH r, row, [i IN range(0, size(row.evidence_key) - 1) WHERE NOT row.evidence_key[i] IN r.evidence_key] AS fresh
WITH r, row, fresh, r.evidence_date + [i IN fresh | row.evidence_date[i]] AS dates
WITH r, fresh, {{
  evidence_key: r.evidence_key + [i IN fresh | row.evidence_key[i]],
  {appended},
  count: size(r.evidence_key) + size(fresh),
  confidence: CASE WHEN row.confidence > r.confidence THEN row.confidence ELSE r.confidence END,
  first_seen: reduce(m = null, d IN [x IN dates WHERE x <> ''] | CASE WHEN m IS NULL OR d < m THEN d ELSE m END),
  last_seen: reduce(m = null, d IN [x IN dates WHERE x <> ''] | CASE WHEN m IS NULL OR d > m THEN d ELSE m END)
}} AS changes
FOREACH (_ IN CASE WHEN size(fresh) > 0 THEN [1] ELSE [] END | SET r += changes)
RETURN sum(size(fresh)) AS added, count(r) AS written
"""

# Written last for each chunk: an article whose load key is set was loaded whole, so a
# rerun after a failure redoes exactly the articles that were not, and skips the rest. Its
# input key (``graphbuild.inputs``), when the load knows one, is set with it.
LOADED_CYPHER = f"""
UNWIND $rows AS row
MATCH (a:{ARTICLE_LABEL} {{id: row.id}})
SET a.load_key = row.key, a.input_key = row.input
"""

# the articles of a load the database holds already, with the load key each was written under
# (none when a load stopped before it was done)
LOAD_KEYS_CYPHER = f"""
UNWIND $ids AS id
MATCH (a:{ARTICLE_LABEL} {{id: id}})
RETURN a.id AS id, a.load_key AS key
"""

# for messages about a link: its actors' names
NAMES_CYPHER = f"MATCH (n:{NODE_LABEL}) WHERE n.id IN $ids RETURN n.id AS id, n.name AS name"


def links_cypher(relation: str | None) -> str:
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


def actors_cypher(label: str | None) -> str:
    """The actor MERGE for one type label, or (None) for every label through ``$(row.label)``."""
    return ACTORS_CYPHER.format(
        actor=check_name(NODE_LABEL),
        article=check_name(ARTICLE_LABEL),
        mentions=check_name(MENTIONS),
        label="$(row.label)" if label is None else check_name(label),
    )


def actor_row(node: Node, articles: list[str]) -> dict[str, Any]:
    """An actor's row: the node, and the ``articles`` that mention it."""
    return {
        "id": node.id,
        "name": node.name,
        "type": node.type,
        "aliases": list(node.aliases),
        "alias_articles": [f"{alias}\t{article}" for alias, article in node.alias_articles],
        "label": check_name(TYPE_LABELS.get(node.type, TYPE_LABELS["unknown"])),
        "articles": articles,
    }


def edge_row(edge: Edge) -> dict[str, Any]:
    """A link's row: the link, and its evidence as parallel lists."""
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
