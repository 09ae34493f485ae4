// Restores audit entries from an export; `at` arrives as an ISO string.
UNWIND $rows AS row
MERGE (c:Change {id: row.id})
SET c += row.props, c.at = datetime(row.at)
RETURN count(c) AS written
