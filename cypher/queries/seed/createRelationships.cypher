// The relationships of a load into a graph that held no entity when it began, whose
// ids this load has not written yet (EmptyGraphLoad): created between the two
// index-found ends without looking for an existing one, with what
// seed/mergeRelationships would write for a new id (one source, one evidence note).
// A row whose end is missing writes nothing (the loader counts and refuses the file).
// row.type is one of the model's types (the loader checks).
// replan=skip: the plan (unique-index seeks, creates) does not depend on statistics,
// which change fast during a load and would otherwise have it planned again and again.
CYPHER replan=skip
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r.id = row.id,
    r.createdAt = coalesce(datetime(row.audit.createdAt), datetime()),
    r.createdBy = coalesce(row.audit.createdBy, $actor),
    r.evidence = [row.evidence],
    r.sourceIds = [$sourceId],
    r += row.props
FOREACH (_ IN CASE WHEN row.audit.updatedAt IS NULL THEN [] ELSE [1] END |
  SET r.updatedAt = datetime(row.audit.updatedAt), r.updatedBy = row.audit.updatedBy)
FOREACH (_ IN CASE WHEN row.audit.retractedAt IS NULL THEN [] ELSE [1] END |
  SET r.retracted = true, r.retractedAt = datetime(row.audit.retractedAt), r.retractedBy = row.audit.retractedBy,
      r.retractionReason = row.audit.retractionReason)
RETURN count(r) AS written
