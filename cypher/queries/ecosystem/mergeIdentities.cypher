// Identity decisions: whether names denote one entity (src/domain/identity.ts).
// row.props sends every optional field (null when absent, which removes a stale
// one): decision, entityIds (in the file's order), names (SAME only), reason,
// unverified. A new decision is STANDING; a load never changes the status a
// reviewer left. row.verdict (only from an export) restores a reviewer's ruling:
// {status, by, at, note, sourceId}. ABOUT each named entity the graph holds;
// each citation one STATED_IN {evidence}, as mergeClaims.
UNWIND $rows AS row
MERGE (d:IdentityDecision {id: row.id})
ON CREATE SET d.createdAt = datetime(), d.createdBy = $actor, d.status = 'STANDING'
SET d += row.props
FOREACH (v IN CASE WHEN row.verdict IS NULL THEN [] ELSE [row.verdict] END |
  SET d.status = v.status, d.verdictBy = v.by, d.verdictAt = datetime(v.at), d.verdictNote = v.note, d.verdictSourceId = v.sourceId)
WITH d, row
CALL (d, row) {
  UNWIND row.props.entityIds AS entityId
  MATCH (subject:Entity {id: entityId})
  MERGE (d)-[:ABOUT]->(subject)
}
CALL (d, row) {
  UNWIND row.citations AS cited
  MATCH (s:Source {id: cited.source})
  MERGE (d)-[:STATED_IN {evidence: cited.evidence}]->(s)
}
RETURN count(d) AS written
