// {{label}} is one of ENTITY_LABELS (src/domain/model.ts). row.audit is null for
// hand-written seed files, or the audit fields of an export (kept as they were).
UNWIND $rows AS row
MERGE (n:Entity:{{label}} {id: row.id})
ON CREATE SET n.createdAt = CASE WHEN row.audit.createdAt IS NULL THEN datetime() ELSE datetime(row.audit.createdAt) END,
              n.createdBy = coalesce(row.audit.createdBy, $actor)
SET n += row.props
FOREACH (_ IN CASE WHEN row.audit.updatedAt IS NULL THEN [] ELSE [1] END |
  SET n.updatedAt = datetime(row.audit.updatedAt), n.updatedBy = row.audit.updatedBy)
FOREACH (_ IN CASE WHEN row.audit.retractedAt IS NULL THEN [] ELSE [1] END |
  SET n.retracted = true, n.retractedAt = datetime(row.audit.retractedAt), n.retractedBy = row.audit.retractedBy,
      n.retractionReason = row.audit.retractionReason)
WITH n, row
MATCH (s:Source {id: $sourceId})
MERGE (n)-[st:STATED_IN]->(s)
SET st.evidence = row.evidence
RETURN count(n) AS written
