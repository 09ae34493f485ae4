// The label list of each id (null when no entity has it) and whether it is retracted.
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
RETURN id, labels(n) AS labels, n.retracted IS NOT NULL AS retracted
