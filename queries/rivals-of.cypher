// name: rivals-of
// description: The actors ACTOR is in conflict with; direction says who acts on whom (against: ACTOR acts, from: the rival acts, both).
// param: actor string required -- the actor's name or one of its aliases
// param: limit int 25 -- how many rivals at most
// columns: rival, direction, relations, mentions, first_seen, last_seen
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($actor) OR any(x IN a.aliases WHERE toLower(x) = toLower($actor))
MATCH (a)-[r]-(b:Actor)
WHERE r.polarity = 'conflict' AND NOT r.negated AND b <> a
WITH b.name AS rival, CASE WHEN startNode(r) = a THEN 'against' ELSE 'from' END AS way,
     type(r) AS relation, r
ORDER BY relation
WITH rival, collect(DISTINCT way) AS ways, collect(DISTINCT relation) AS relations,
     sum(r.count) AS mentions, min(r.first_seen) AS first_seen, max(r.last_seen) AS last_seen
RETURN rival, CASE WHEN size(ways) > 1 THEN 'both' ELSE ways[0] END AS direction,
       relations, mentions, first_seen, last_seen
ORDER BY mentions DESC, rival
LIMIT toInteger($limit)
