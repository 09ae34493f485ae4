// Appended to a list's filter statement (cypher/queries/list, which binds n):
// one row per entity in the list's order (name, then id) with the sources that
// state it, oldest first. Rows stream to the client as they come.
WITH n ORDER BY n.name, n.id
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.country AS country, n.description AS description,
  coalesce(n.aliases, []) AS aliases,
  COLLECT {
    MATCH (n)-[:STATED_IN]->(s:Source)
    WITH s ORDER BY s.publishedOn, s.id
    RETURN s {.id, .title, .publisher, .publishedOn}
  } AS sources
