// After a bulk import: the source values a CSV file cannot carry (see bulkSetNodeProperties).
UNWIND $rows AS row
MATCH (s:Source {id: row.id})
SET s += row.props
RETURN count(s) AS written
