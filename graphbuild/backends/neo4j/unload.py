"""Taking articles back out of Neo4j before they are written again under a new load key.

What an article contributed is found through its ``MENTIONS`` (written before its links, so
every link holding its evidence is reached) and the evidence's ``evidence_article`` entries:
its evidence comes off each link (count, dates and confidence worked out again from what is
left), links left with none are deleted, its aliases come off each actor, its mentions go,
and actors no link and no other article mentions any more are deleted. Each statement runs
per batch of articles and is idempotent: running it again, or after a failure, finds
nothing more to take.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import neo4j

from graphbuild.batching import batched
from graphbuild.types import EVIDENCE_FIELDS
from graphbuild.vocab import ARTICLE_LABEL, MENTIONS, NODE_LABEL

# First: an article being taken back is no longer loaded whole, so if this stops halfway
# the next load takes it back again rather than skipping it.
UNMARK_CYPHER = f"""
UNWIND $ids AS id
MATCH (a:{ARTICLE_LABEL} {{id: id}})
REMOVE a.load_key, a.input_key
RETURN count(a) AS found
"""

# The actors the articles mention are locked first, in order of id (as a load locks them,
# see ``statements``), so a link's evidence and an actor's aliases are read as the last
# writer left them, while loads running at once append to them.
LOCK_MENTIONED = f"""
CALL {{
  UNWIND $ids AS id
  MATCH (:{ARTICLE_LABEL} {{id: id}})-[:{MENTIONS}]->(n:{NODE_LABEL})
  WITH DISTINCT n ORDER BY n.id
  SET n._lock = true REMOVE n._lock
}}
"""

EVIDENCE_CYPHER = """
UNWIND $ids AS id
MATCH (:{article} {{id: id}})-[:{mentions}]->(:{actor})-[r]-(:{actor})
WHERE id IN r.evidence_article
WITH r, collect(DISTINCT id) AS gone
WITH r, [i IN range(0, size(r.evidence_key) - 1) WHERE NOT r.evidence_article[i] IN gone] AS kept
WITH r, kept, size(r.evidence_key) - size(kept) AS removed,
  [i IN kept WHERE r.evidence_date[i] <> '' | r.evidence_date[i]] AS dates
SET r += {{
  evidence_key: [i IN kept | r.evidence_key[i]],
  {kept_lists},
  count: size(kept),
  confidence: reduce(m = 0.0, i IN kept | CASE WHEN r.evidence_confidence[i] > m THEN r.evidence_confidence[i] ELSE m END),
  first_seen: reduce(m = null, d IN dates | CASE WHEN m IS NULL OR d < m THEN d ELSE m END),
  last_seen: reduce(m = null, d IN dates | CASE WHEN m IS NULL OR d > m THEN d ELSE m END)
}}
WITH r, removed, size(kept) = 0 AS empty
FOREACH (_ IN CASE WHEN empty THEN [1] ELSE [] END | DELETE r)
RETURN sum(removed) AS removed
"""

# An alias entry is "alias<TAB>article"; an alias stays while any article still writes it.
ALIASES_CYPHER = f"""
{LOCK_MENTIONED}
UNWIND $ids AS id
MATCH (:{ARTICLE_LABEL} {{id: id}})-[:{MENTIONS}]->(n:{NODE_LABEL})
WITH n, collect(DISTINCT id) AS gone
WITH n, [x IN coalesce(n.alias_articles, []) WHERE NOT any(g IN gone WHERE x ENDS WITH '\\t' + g)] AS kept
WHERE size(kept) < size(coalesce(n.alias_articles, []))
SET n.alias_articles = kept, n.aliases = [a IN n.aliases WHERE any(x IN kept WHERE x STARTS WITH a + '\\t')]
"""

MENTIONS_CYPHER = f"""
UNWIND $ids AS id
MATCH (:{ARTICLE_LABEL} {{id: id}})-[m:{MENTIONS}]->(n:{NODE_LABEL})
DELETE m
RETURN collect(DISTINCT n.id) AS actors
"""

# Locked before it is looked at: a load writing the actor holds it until the actor and its
# mention are in.
ORPHANS_CYPHER = f"""
UNWIND $actors AS actor
MATCH (n:{NODE_LABEL} {{id: actor}})
SET n._lock = true REMOVE n._lock
WITH n WHERE NOT (n)--(:{NODE_LABEL}) AND NOT ()-[:{MENTIONS}]->(n)
DETACH DELETE n
"""


@dataclass(slots=True)
class TakenBack:
    """What taking articles back removed."""

    articles: int = 0  # articles that were in the database
    evidence: int = 0
    links: int = 0
    actors: int = 0


def _evidence_cypher() -> str:
    kept = ",\n  ".join(f"evidence_{name}: [i IN kept | r.evidence_{name}[i]]" for name in EVIDENCE_FIELDS)
    return LOCK_MENTIONED + EVIDENCE_CYPHER.format(
        article=ARTICLE_LABEL, mentions=MENTIONS, actor=NODE_LABEL, kept_lists=kept
    )


def remove_articles(
    driver: neo4j.Driver, ids: Sequence[str], *, database: str, batch_size: int, taken: TakenBack | None = None
) -> TakenBack:
    """Take back everything the articles ``ids`` contributed (see the module's docstring);
    the article nodes stay, without their load key, for their new content to be written."""
    taken = taken if taken is not None else TakenBack()
    evidence = _evidence_cypher()
    for batch in batched(sorted(ids), batch_size):
        records, _, _ = driver.execute_query(UNMARK_CYPHER, ids=batch, database_=database)
        if not records[0]["found"]:
            continue  # new articles only: nothing to take back
        taken.articles += records[0]["found"]
        result = driver.execute_query(evidence, ids=batch, database_=database)
        taken.evidence += sum(r["removed"] or 0 for r in result.records)
        taken.links += result.summary.counters.relationships_deleted
        driver.execute_query(ALIASES_CYPHER, ids=batch, database_=database)
        records, _, _ = driver.execute_query(MENTIONS_CYPHER, ids=batch, database_=database)
        actors = sorted({a for r in records for a in r["actors"]})
        for chunk in batched(actors, batch_size):
            result = driver.execute_query(ORPHANS_CYPHER, actors=chunk, database_=database)
            taken.actors += result.summary.counters.nodes_deleted
    return taken
