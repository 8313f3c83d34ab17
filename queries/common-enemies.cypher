// name: common-enemies
// description: Pairs of actors that are both in conflict with the same third actor.
// param: limit int 25 -- how many rows at most
// columns: actor_a, actor_b, enemy, mentions_a, mentions_b
MATCH (a:Actor)-[r1]->(e:Actor)<-[r2]-(b:Actor)
WHERE r1.polarity = 'conflict' AND r2.polarity = 'conflict'
  AND NOT r1.negated AND NOT r2.negated
  AND a.name < b.name AND a <> e AND b <> e
WITH a, b, e, collect(DISTINCT r1) AS rs1, collect(DISTINCT r2) AS rs2
WITH a.name AS actor_a, b.name AS actor_b, e.name AS enemy,
     reduce(s = 0, r IN rs1 | s + r.count) AS mentions_a,
     reduce(s = 0, r IN rs2 | s + r.count) AS mentions_b
RETURN actor_a, actor_b, enemy, mentions_a, mentions_b
ORDER BY mentions_a + mentions_b DESC, actor_a, actor_b, enemy
LIMIT toInteger($limit)
