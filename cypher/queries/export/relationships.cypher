// Every domain relationship ($types: RELATIONSHIP_TYPE_NAMES) with its ends.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) IN $types
RETURN a.id AS from, type(r) AS type, b.id AS to, labels(a) AS fromLabels, labels(b) AS toLabels, properties(r) AS props
ORDER BY r.id
