// After a bulk import: the values a CSV file cannot carry (an empty list, a list of
// one empty string, an element holding the list delimiter), set as the loader sets them.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n += row.props
RETURN count(n) AS written
