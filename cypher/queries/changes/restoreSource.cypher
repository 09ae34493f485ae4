// Brings a retracted source back (revertChange of a retractSource), the inverse of
// curation/retractSource: it is a :Source again without the retraction's stamps; each
// relationship it cited gets the citation back with its evidence (from
// citedRelationships/citedEvidence, which it kept), and `unverified` is derived again
// on what it states. No row unless $id is a retracted source.
MATCH (s:RetractedSource {id: $id})
REMOVE s:RetractedSource, s.retracted, s.retractedAt, s.retractedBy, s.retractionReason
SET s:Source
WITH s, coalesce(s.citedRelationships, []) AS rels, coalesce(s.citedEvidence, []) AS notes
REMOVE s.citedRelationships, s.citedEvidence
WITH s, rels, notes
CALL (s, rels, notes) {
  UNWIND range(0, size(rels) - 1) AS i
  MATCH (:Entity {id: split(rels[i], '--')[0]})-[r]->()
  WHERE r.id = rels[i] AND NOT s.id IN coalesce(r.sourceIds, [])
  SET r.sourceIds = coalesce(r.sourceIds, []) + s.id, r.evidence = coalesce(r.evidence, []) + notes[i]
  SET r.unverified = CASE WHEN all(x IN r.sourceIds WHERE EXISTS { MATCH (v:Source {id: x}) WHERE v.kind IN $unverifyingKinds }) THEN true END
  RETURN collect(r.id) AS relationships
}
CALL (s) {
  MATCH (n:Entity)-[:STATED_IN]->(s)
  WITH DISTINCT n
  SET n.unverified = CASE WHEN COUNT { (n)-[:STATED_IN]->(x:Source) WHERE NOT coalesce(x.kind, '') IN $unverifyingKinds } = 0 THEN true END
  RETURN collect(n.id) AS entities
}
RETURN entities, relationships
