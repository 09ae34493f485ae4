// The values all pages agree on, set as the entity's own properties (row.props
// holds one property per row): claims kept apart because they might have differed
// (a date at two precisions, or one page's value) but did not. An entity that existed
// before the load run began ($loadStartedAt) and whose properties this changes gets
// its version raised once, as ecosystem/mergeNodes raises it.
UNWIND $rows AS row
MATCH (n:Entity {id: row.subjectId})
WITH n, collect(row.props) AS props
WITH n, properties(n) AS before, props
CALL (n, props) {
  UNWIND props AS p
  SET n += p
}
WITH n, before
CALL (n, before) {
  WITH * WHERE properties(n) <> before AND (before.createdAt IS NULL OR before.createdAt < datetime($loadStartedAt))
  SET n.version = coalesce(before.version, 1) + 1
}
RETURN count(n) AS written
