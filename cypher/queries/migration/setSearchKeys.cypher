// Stores the search keys the backfill computed (searchKeyProperties in src/domain/nameKeys.ts).
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.searchName = row.searchName, n.searchAliases = row.searchAliases, n.nameKeys = row.nameKeys, n.aliasKeys = row.aliasKeys
RETURN count(n) AS written
