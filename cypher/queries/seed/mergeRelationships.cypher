// One text for every relationship type, so it is planned once. Each type has its own
// branch with a static type (one per RELATIONSHIP_TYPE_NAMES entry, which a test
// checks), because a dynamic type in MERGE is planned as a scan of every
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
  WITH * WHERE row.type = 'HOLDS_ROLE' MERGE (a)-[r:HOLDS_ROLE {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'SPOKE_AT' MERGE (a)-[r:SPOKE_AT {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'DEVELOPS' MERGE (a)-[r:DEVELOPS {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'USES_MODALITY' MERGE (a)-[r:USES_MODALITY {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'TARGETS_INDICATION' MERGE (a)-[r:TARGETS_INDICATION {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'ORGANIZED' MERGE (a)-[r:ORGANIZED {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'CO_HOSTED' MERGE (a)-[r:CO_HOSTED {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'PARTICIPATED_IN' MERGE (a)-[r:PARTICIPATED_IN {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'HELD_AT' MERGE (a)-[r:HELD_AT {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'PARTY_TO' MERGE (a)-[r:PARTY_TO {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'FACILITATED' MERGE (a)-[r:FACILITATED {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'COVERS' MERGE (a)-[r:COVERS {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'APPLIES_IN' MERGE (a)-[r:APPLIES_IN {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'SIGNED_AT' MERGE (a)-[r:SIGNED_AT {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'ADMINISTERS' MERGE (a)-[r:ADMINISTERS {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'SUPPORTS' MERGE (a)-[r:SUPPORTS {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'PART_OF' MERGE (a)-[r:PART_OF {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'LOCATED_IN' MERGE (a)-[r:LOCATED_IN {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'INDICATED_FOR' MERGE (a)-[r:INDICATED_FOR {id: row.id}]->(b) RETURN r
  UNION ALL
  WITH * WHERE row.type = 'FOCUSES_ON' MERGE (a)-[r:FOCUSES_ON {id: row.id}]->(b) RETURN r
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
