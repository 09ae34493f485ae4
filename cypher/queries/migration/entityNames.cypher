// One batch of names of entities without search or lookup keys, for the search-key
// backfill, in id order after $after (read from the entity_id constraint's index).
// A graph whose entities all have their keys (a bulk import writes them) reads no row.
MATCH (n:Entity)
WHERE n.id > $after AND n.name IS NOT NULL AND (n.searchName IS NULL OR n.nameKeys IS NULL)
RETURN n.id AS id, n.name AS name, n.aliases AS aliases
ORDER BY n.id
LIMIT $batch
