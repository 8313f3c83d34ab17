// name: timeline
// description: How the relationship between two actors changed: their links by date, undated last.
// param: actor_a string required -- one actor's name or alias
// param: actor_b string required -- the other actor's name or alias
// columns: date, source, relation, target, polarity, negated, mentions
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($actor_a) OR any(x IN a.aliases WHERE toLower(x) = toLower($actor_a))
MATCH (b:Actor)
WHERE toLower(b.name) = toLower($actor_b) OR any(x IN b.aliases WHERE toLower(x) = toLower($actor_b))
MATCH (a)-[r]-(b)
WHERE a <> b
UNWIND range(0, size(r.evidence_sentence) - 1) AS i
// a property list cannot hold null, so the Neo4j loader writes '' for an unknown date
WITH CASE r.evidence_date[i] WHEN '' THEN null ELSE r.evidence_date[i] END AS date, startNode(r).name AS source, r.relation AS relation,
     endNode(r).name AS target, r.polarity AS polarity, r.negated AS negated
RETURN date, source, relation, target, polarity, negated, count(*) AS mentions
ORDER BY coalesce(date, '9999'), source, relation, target, negated
