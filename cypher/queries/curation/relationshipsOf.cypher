// Write-locks both entities of a merge for the rest of the transaction (a
// concurrent write to either waits for it), then lists the live relationships of
// model types ($types) that touch $merge, each once, with the ids of both ends
// as stored (a self-loop comes back once).
MATCH (k:Entity {id: $keep})
MATCH (m:Entity {id: $merge})
SET k.updatedAt = datetime(), m.updatedAt = datetime()
WITH m
MATCH (m)-[r]-(:Entity)
WHERE type(r) IN $types AND r.retracted IS NULL
WITH DISTINCT r
RETURN r.id AS id, type(r) AS type, startNode(r).id AS from, endNode(r).id AS to
