// {{type}} is one of RELATIONSHIP_TYPE_NAMES (src/domain/model.ts).
// sourceIds and evidence are parallel lists: evidence[i] is what sourceIds[i] said.
// row.audit is null for hand-written seed files, or the audit fields of an export.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:{{type}} {id: row.id}]->(b)
ON CREATE SET r.createdAt = CASE WHEN row.audit.createdAt IS NULL THEN datetime() ELSE datetime(row.audit.createdAt) END,
              r.createdBy = coalesce(row.audit.createdBy, $actor), r.sourceIds = [], r.evidence = []
SET r += row.props
FOREACH (_ IN CASE WHEN row.audit.updatedAt IS NULL THEN [] ELSE [1] END |
  SET r.updatedAt = datetime(row.audit.updatedAt), r.updatedBy = row.audit.updatedBy)
FOREACH (_ IN CASE WHEN row.audit.retractedAt IS NULL THEN [] ELSE [1] END |
  SET r.retracted = true, r.retractedAt = datetime(row.audit.retractedAt), r.retractedBy = row.audit.retractedBy,
      r.retractionReason = row.audit.retractionReason)
WITH r, row, [i IN range(0, size(r.sourceIds) - 1) WHERE r.sourceIds[i] = $sourceId] AS at
SET r.evidence = CASE WHEN size(at) = 0 THEN r.evidence + row.evidence
                      ELSE [i IN range(0, size(r.evidence) - 1) | CASE WHEN i = at[0] THEN row.evidence ELSE r.evidence[i] END] END,
    r.sourceIds = CASE WHEN size(at) = 0 THEN r.sourceIds + $sourceId ELSE r.sourceIds END
RETURN count(r) AS written
