// One text for every relationship type, so it is planned once. A relationship already
// held between the two ends (same id and type; Expand(Into) between the two ends the
// :Entity id index found) is updated; otherwise it is created with the dynamic type.
// Neither plan depends on the store's statistics: a dynamic-type MERGE is planned as
// a scan of every relationship on an empty store, and a static MERGE per model type
// (39 UNION branches) took 4-10 s to plan on first start. REMOVE of a property no
// node has changes nothing but write-locks the start node first, so a concurrent write
// of the same relationship (its id begins with the start's id) waits and then finds it.
// Only the start: every new entity's LOCATED_IN ends at one of a few Country nodes, and
// locking those queued every write about one country behind each other. (A write that
// must also hold the end, linkEntities, locks both ends first in changes/readTargets.)
// Rows name distinct relationships
// (seed files and curation inputs are checked for duplicates).
// sourceIds and evidence are parallel lists: evidence[i] is what sourceIds[i] said;
// a source stating the relationship again replaces its own evidence.
// row.audit is null for hand-written seed files and curation, or the audit fields of
// an export. $touchedBy (curation) also stamps updatedAt/updatedBy and returns each
// relationship's properties; the seed loader passes null.
// {{rows}}: where the rows come from (src/ingest/loadSeed.ts mergeRelationshipsQuery):
// the parameter $rows, or a list a statement this one is composed into has bound
// (curation/mergeEntity's LOCATED_IN).
UNWIND {{rows}} AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
REMOVE a.writeLock
WITH a, b, row
OPTIONAL MATCH (a)-[existing]->(b)
WHERE existing.id = row.id AND type(existing) = row.type
CALL (a, b, row, existing) {
  WITH * WHERE existing IS NULL
  CREATE (a)-[r:$(row.type)]->(b)
  SET r.id = row.id
  RETURN r
  UNION
  WITH * WHERE existing IS NOT NULL
  RETURN existing AS r
}
WITH r, row, CASE WHEN existing IS NULL THEN null ELSE properties(existing) END AS before
WITH r, row, before, coalesce(r.sourceIds, []) AS sourceIds, coalesce(r.evidence, []) AS evidence
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
// A load (no $touchedBy: curation stamps versions itself) that changes a relationship
// raises its version (absent: 1), so an edit based on the one read before is refused.
// Only what existed before this load run began ($loadStartedAt) is raised: a run of many
// files that creates an entity and enriches it leaves it as new, as the bulk path does.
FOREACH (_ IN CASE WHEN $touchedBy IS NULL AND before IS NOT NULL AND properties(r) <> before
                   AND (before.createdAt IS NULL OR before.createdAt < datetime($loadStartedAt)) THEN [1] ELSE [] END |
  SET r.version = coalesce(before.version, 1) + 1)
RETURN count(r) AS written, collect(CASE WHEN $touchedBy IS NOT NULL THEN {id: row.id, props: properties(r)} END) AS touched
