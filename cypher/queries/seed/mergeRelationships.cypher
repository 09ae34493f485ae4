// One text for every type, so it is planned once: row.type is one of
// RELATIONSHIP_TYPE_NAMES (the loader checks) and is used as a dynamic type.
// Both ends are found by the :Entity id index; the MERGE expands only between them.
// sourceIds and evidence are parallel lists: evidence[i] is what sourceIds[i] said;
// a source stating the relationship again replaces its own evidence.
// row.audit is null for hand-written seed files and curation, or the audit fields of an export.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
ON CREATE SET r.createdAt = coalesce(datetime(row.audit.createdAt), datetime()),
              r.createdBy = coalesce(row.audit.createdBy, $actor),
              r.sourceIds = [$sourceId], r.evidence = [row.evidence]
ON MATCH SET r.evidence = CASE WHEN $sourceId IN r.sourceIds
                               THEN [i IN range(0, size(r.sourceIds) - 1) |
                                     CASE WHEN r.sourceIds[i] = $sourceId THEN row.evidence ELSE r.evidence[i] END]
                               ELSE r.evidence + row.evidence END,
             r.sourceIds = CASE WHEN $sourceId IN r.sourceIds THEN r.sourceIds ELSE r.sourceIds + $sourceId END
SET r += row.props
FOREACH (_ IN CASE WHEN row.audit.updatedAt IS NULL THEN [] ELSE [1] END |
  SET r.updatedAt = datetime(row.audit.updatedAt), r.updatedBy = row.audit.updatedBy)
FOREACH (_ IN CASE WHEN row.audit.retractedAt IS NULL THEN [] ELSE [1] END |
  SET r.retracted = true, r.retractedAt = datetime(row.audit.retractedAt), r.retractedBy = row.audit.retractedBy,
      r.retractionReason = row.audit.retractionReason)
RETURN count(r) AS written
