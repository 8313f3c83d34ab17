// name: alliances
// description: Pairs of actors in cooperation (alliances, deals, support), strongest first.
// param: limit int 25 -- how many pairs at most
// columns: actor_a, actor_b, relations, mentions, first_seen, last_seen
MATCH (a:Actor)-[r]->(b:Actor)
WHERE r.polarity = 'cooperation' AND NOT r.negated AND a <> b
WITH CASE WHEN a.name <= b.name THEN a.name ELSE b.name END AS actor_a,
     CASE WHEN a.name <= b.name THEN b.name ELSE a.name END AS actor_b,
     type(r) AS relation, r
ORDER BY relation
WITH actor_a, actor_b, collect(DISTINCT relation) AS relations, sum(r.count) AS mentions,
     min(r.first_seen) AS first_seen, max(r.last_seen) AS last_seen
RETURN actor_a, actor_b, relations, mentions, first_seen, last_seen
ORDER BY mentions DESC, actor_a, actor_b
LIMIT toInteger($limit)
