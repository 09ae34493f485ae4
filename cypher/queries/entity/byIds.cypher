// Entities by id; retracted entities are hidden.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.retracted IS NULL
RETURN id, {labels: labels(n), props: properties(n)} AS entity
