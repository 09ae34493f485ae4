// Stores the search keys the backfill computed (searchKeyProperties in src/domain/names.ts).
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.searchName = row.searchName, n.searchAliases = row.searchAliases
RETURN count(n) AS written
