// Appended to an export's match, which binds n in the export's order (its sort
// keys, then id): one row per entity with the sources that state it, oldest
// first. Rows stream to the client as they come.
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.country AS country, n.description AS description,
  coalesce(n.aliases, []) AS aliases,
  COLLECT {
    MATCH (n)-[:STATED_IN]->(s:Source)
    WITH s ORDER BY s.publishedOn, s.id
    RETURN s {.id, .title, .publisher, .publishedOn}
  } AS sources
