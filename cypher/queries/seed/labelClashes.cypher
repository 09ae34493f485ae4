// The ids among $rows already held by an entity without the row's label.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WHERE NOT row.label IN labels(n)
RETURN row.id AS id, row.label AS label, [l IN labels(n) WHERE l <> 'Entity'] AS held
LIMIT 20
