// name: allies-of
// description: The actors ACTOR cooperates with, in either direction, strongest first.
// param: actor string required -- the actor's name or one of its aliases
// param: limit int 25 -- how many allies at most
// columns: ally, relations, mentions, first_seen, last_seen
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($actor) OR any(x IN a.aliases WHERE toLower(x) = toLower($actor))
MATCH (a)-[r]-(b:Actor)
WHERE r.polarity = 'cooperation' AND NOT r.negated AND b <> a
WITH b.name AS ally, type(r) AS relation, r
ORDER BY relation
WITH ally, collect(DISTINCT relation) AS relations, sum(r.count) AS mentions,
     min(r.first_seen) AS first_seen, max(r.last_seen) AS last_seen
RETURN ally, relations, mentions, first_seen, last_seen
ORDER BY mentions DESC, ally
LIMIT toInteger($limit)
