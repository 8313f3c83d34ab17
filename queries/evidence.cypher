// name: evidence
// description: The sentences behind every link between two actors, in either direction, oldest first.
// param: actor_a string required -- one actor's name or alias
// param: actor_b string required -- the other actor's name or alias
// columns: date, source, relation, target, polarity, negated, sentence, title, article
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($actor_a) OR any(x IN a.aliases WHERE toLower(x) = toLower($actor_a))
MATCH (b:Actor)
WHERE toLower(b.name) = toLower($actor_b) OR any(x IN b.aliases WHERE toLower(x) = toLower($actor_b))
MATCH (a)-[r]-(b)
WHERE a <> b
UNWIND range(0, size(r.evidence_sentence) - 1) AS i
// a property list cannot hold null, so the Neo4j loader writes '' for an unknown date
WITH CASE r.evidence_date[i] WHEN '' THEN null ELSE r.evidence_date[i] END AS date, startNode(r).name AS source, r.relation AS relation,
     endNode(r).name AS target, r.polarity AS polarity, r.negated AS negated,
     r.evidence_article[i] AS article, r.evidence_sentence[i] AS sentence,
     r.evidence_sentence_start[i] AS position, r.evidence_section[i] AS section
OPTIONAL MATCH (art:Article {id: article})
RETURN date, source, relation, target, polarity, negated, sentence, art.title AS title, article
ORDER BY coalesce(date, '9999'), article, section DESC, position, source, relation, target, negated, sentence
