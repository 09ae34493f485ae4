// One text for every relationship type, so it is planned once. Each type has its own
// branch with a static type (cypherQuery repeats the marked block per model type), because a dynamic type in MERGE is planned as a scan of every
// relationship when the plan is made on an empty store, and that plan is cached.
// Both ends are found by the :Entity id index; MERGE expands only between them.
// sourceIds and evidence are parallel lists: evidence[i] is what sourceIds[i] said;
// a source stating the relationship again replaces its own evidence.
// row.audit is null for hand-written seed files and curation, or the audit fields of
// an export. $touchedBy (curation) also stamps updatedAt/updatedBy and returns each
// relationship's properties; the seed loader passes null.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CALL (a, b, row) {
  // for each relationship type of the model, joined by UNION ALL:
  WITH * WHERE row.type = '{{type}}' MERGE (a)-[r:{{type}} {id: row.id}]->(b) RETURN r
  // end for each
}
WITH r, row, coalesce(r.sourceIds, []) AS sourceIds, coalesce(r.evidence, []) AS evidence
SET r.createdAt = coalesce(r.createdAt, datetime(row.audit.createdAt), datetime()),
    r.createdBy = coalesce(r.createdBy, row.audit.createdBy, $actor),
    r.evidence = CASE WHEN $sourceId IN sourceIds
                      THEN [i IN range(0, size(sourceIds) - 1) | CASE WHEN sourceIds[i] = $sourceId THEN row.evidence ELSE evidence[i] END]
                      ELSE evidence + row.evidence END,
    r.sourceIds = CASE WHEN $sourceId IN sourceIds THEN sourceIds ELSE sourceIds + $sourceId END,
    r += row.props
FOREACH (_ IN CASE WHEN row.audit.updatedAt IS NULL THEN [] ELSE [1] END |
  SET r.updatedAt = datetime(row.audit.updatedAt), r.updatedBy = row.audit.updatedBy)
FOREACH (_ IN CASE WHEN row.audit.retractedAt IS NULL THEN [] ELSE [1] END |
  SET r.retracted = true, r.retractedAt = datetime(row.audit.retractedAt), r.retractedBy = row.audit.retractedBy,
      r.retractionReason = row.audit.retractionReason)
FOREACH (_ IN CASE WHEN $touchedBy IS NULL THEN [] ELSE [1] END | SET r.updatedAt = datetime(), r.updatedBy = $touchedBy)
RETURN count(r) AS written, collect(CASE WHEN $touchedBy IS NOT NULL THEN {id: row.id, props: properties(r)} END) AS touched
