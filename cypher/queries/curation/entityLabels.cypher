// The label list of each id (null when no entity has it), whether it is retracted,
// the id it was merged into (null unless merged), and its name and aliases.
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
RETURN id, labels(n) AS labels, n.retracted IS NOT NULL AS retracted, n.mergedInto AS mergedInto, n.name AS name, n.aliases AS aliases
