// One text for every label, so it is planned once: row.label is one of
// ENTITY_LABELS (the loader checks) and is set as a dynamic label next to :Entity.
// MERGE uses only the indexed key (:Entity id, constraint entity_id); labelClashes
// runs first, so an id held by an entity of another label never gets here.
// row.audit is null for hand-written seed files, or the audit fields of an export
// (kept as they were).
MATCH (s:Source {id: $sourceId})
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n.createdAt = coalesce(datetime(row.audit.createdAt), datetime()),
              n.createdBy = coalesce(row.audit.createdBy, $actor), n.version = 0
WITH s, row, n, properties(n) AS before
SET n:$(row.label), n += row.props
FOREACH (_ IN CASE WHEN row.audit.updatedAt IS NULL THEN [] ELSE [1] END |
  SET n.updatedAt = datetime(row.audit.updatedAt), n.updatedBy = row.audit.updatedBy)
FOREACH (_ IN CASE WHEN row.audit.retractedAt IS NULL THEN [] ELSE [1] END |
  SET n.retracted = true, n.retractedAt = datetime(row.audit.retractedAt), n.retractedBy = row.audit.retractedBy,
      n.retractionReason = row.audit.retractionReason)
MERGE (n)-[st:STATED_IN]->(s)
SET st.evidence = row.evidence
// A load that changes an entity raises its version (absent: 1), so an edit based on the
// version read before the load is refused with CONFLICT; a new one gets none (version 0
// marked it as new above).
// Only what existed before this load run began ($loadStartedAt) is raised: a run of many
// files that creates an entity and enriches it leaves it as new, as the bulk path does.
WITH n, before
CALL (n, before) {
  WITH * WHERE before.version = 0
  REMOVE n.version
}
CALL (n, before) {
  WITH * WHERE (before.version <> 0 OR before.version IS NULL)
    AND (before.createdAt IS NULL OR before.createdAt < datetime($loadStartedAt))
  WITH * WHERE properties(n) <> before
  SET n.version = coalesce(before.version, 1) + 1
}
RETURN count(n) AS written
