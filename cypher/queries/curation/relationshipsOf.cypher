// The live relationships of model types ($types) that touch the entity, each once,
// with the ids of both ends as stored (a self-loop comes back once).
MATCH (n:Entity {id: $id})-[r]-(:Entity)
WHERE type(r) IN $types AND r.retracted IS NULL
WITH DISTINCT r
RETURN r.id AS id, type(r) AS type, startNode(r).id AS from, endNode(r).id AS to
