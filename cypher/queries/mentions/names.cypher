// Every live entity's name and aliases, for the mention dictionary (src/modules/mentions/dictionary.ts).
// Retracted entities and merged tombstones are left out: a mention names what the graph shows.
MATCH (n:Entity)
WHERE n.retracted IS NULL AND NOT (n)-[:SAME_AS]->()
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name, coalesce(n.aliases, []) AS aliases
