// Full-text search over names, aliases and descriptions of every entity label.
// The standard analyzer lowercases, so search is case-insensitive; fuzzy and
// prefix terms are added by the search repository.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Organization|Person|Technology|Modality|Indication|Fund|Policy|Event|Agreement|Country)
ON EACH [n.name, n.aliases, n.description];
