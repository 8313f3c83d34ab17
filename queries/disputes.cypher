// name: disputes
// description: Actors in conflict with a target (criticism, lawsuits, sanctions, attacks), strongest first.
// param: limit int 25 -- how many pairs at most
// columns: actor, target, relations, mentions, first_seen, last_seen
MATCH (a:Actor)-[r]->(b:Actor)
WHERE r.polarity = 'conflict' AND NOT r.negated AND a <> b
WITH a.name AS actor, b.name AS target, type(r) AS relation, r
ORDER BY relation
WITH actor, target, collect(DISTINCT relation) AS relations, sum(r.count) AS mentions,
     min(r.first_seen) AS first_seen, max(r.last_seen) AS last_seen
RETURN actor, target, relations, mentions, first_seen, last_seen
ORDER BY mentions DESC, actor, target
LIMIT toInteger($limit)
