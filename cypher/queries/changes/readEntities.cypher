// Each id with its entity's labels and properties (null when no entity has it).
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
RETURN id, labels(n) AS labels, properties(n) AS props
