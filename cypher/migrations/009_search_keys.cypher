// Search reads names by their search keys: searchName and searchAliases, the name
// and aliases folded as entity resolution compares them (NFKC, lower case, Han
// variants folded: 台北/臺北, 楽/樂, 医/醫; searchKeyProperties in src/domain/names.ts),
// so a query folded the same way finds a name in any of its variant spellings. The
// names themselves stay as written, for display. Every write path stores the keys
// beside the names; entities already in the graph get theirs from the backfill that
// runs with this migration (SEARCH_KEY_BACKFILL in src/db/migrations.ts). A node
// written by hand-made Cypher without the keys is not found by its names.
DROP INDEX entity_search IF EXISTS;
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Organization|Person|Technology|Modality|Indication|Fund|Policy|Event|Agreement|Country|Trial|Approval|Patent)
ON EACH [n.searchName, n.searchAliases, n.description];
