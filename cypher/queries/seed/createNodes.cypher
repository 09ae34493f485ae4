// The nodes of a load into a graph that held no entity when it began, whose ids this
// load has not written yet (EmptyGraphLoad): created without a lookup, with what
// seed/mergeNodes would write for a new id. The entity_id constraint still refuses
// an id someone else wrote meanwhile (the transaction fails, nothing is written).
// row.label is one of ENTITY_LABELS (the loader checks).
// replan=skip: the plan (unique-index seeks, creates) does not depend on statistics,
// which change fast during a load and would otherwise have it planned again and again.
CYPHER replan=skip
MATCH (s:Source {id: $sourceId})
UNWIND $rows AS row
CREATE (n:Entity:$(row.label))
SET n.createdAt = coalesce(datetime(row.audit.createdAt), datetime()),
    n.createdBy = coalesce(row.audit.createdBy, $actor),
    n += row.props
FOREACH (_ IN CASE WHEN row.audit.updatedAt IS NULL THEN [] ELSE [1] END |
  SET n.updatedAt = datetime(row.audit.updatedAt), n.updatedBy = row.audit.updatedBy)
FOREACH (_ IN CASE WHEN row.audit.retractedAt IS NULL THEN [] ELSE [1] END |
  SET n.retracted = true, n.retractedAt = datetime(row.audit.retractedAt), n.retractedBy = row.audit.retractedBy,
      n.retractionReason = row.audit.retractionReason)
CREATE (n)-[:STATED_IN {evidence: row.evidence}]->(s)
RETURN count(n) AS written
