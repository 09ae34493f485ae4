// After a bulk import: the relationship values a CSV file cannot carry (see
// bulkSetNodeProperties), found between their two index-found ends.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r]->(b:Entity {id: row.to})
WHERE r.id = row.id
SET r += row.props
RETURN count(r) AS written
