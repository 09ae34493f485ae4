// The ids of the entities claims are about, of the given labels (any when
// $labels is null), in name order: the subjects `conflicts` looks at.
MATCH (c:Claim)-[:ABOUT]->(e:Entity)
WHERE c.retracted IS NULL AND e.retracted IS NULL AND ($labels IS NULL OR any(l IN labels(e) WHERE l IN $labels))
WITH DISTINCT e
ORDER BY e.name, e.id
RETURN collect(e.id) AS ids
