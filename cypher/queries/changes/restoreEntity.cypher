// Sets fields of an entity back (revertChange): $set holds the values, $remove the
// names to remove. Retracting or restoring also sets or clears the retraction's stamps.
// Claims about it named in $claimsOff are retracted, those in $claimsOn brought back;
// each identity decision in $decisions gets its status back (STANDING: no ruling).
// Citations: the sources in $citationsOff are no longer cited, those in $citationsOn
// ({id, evidence}) are cited again; `unverified` is then derived again.
MATCH (n:Entity {id: $id})
SET n += $set, n.updatedAt = datetime(), n.updatedBy = $actor
FOREACH (k IN $remove | SET n[k] = null)
FOREACH (_ IN CASE WHEN $set.retracted = true THEN [1] ELSE [] END |
  SET n.retractedAt = datetime(), n.retractedBy = $actor, n.retractionReason = $reason)
FOREACH (_ IN CASE WHEN 'retracted' IN $remove THEN [1] ELSE [] END |
  REMOVE n.retractedAt, n.retractedBy, n.retractionReason)
WITH n
CALL (n) {
  UNWIND $claimsOff AS claimId
  MATCH (c:Claim {id: claimId})-[:ABOUT]->(n)
  SET c.retracted = true, c.retractedAt = datetime(), c.retractedBy = $actor, c.retractionReason = $reason
}
CALL (n) {
  UNWIND $claimsOn AS claimId
  MATCH (c:Claim {id: claimId})-[:ABOUT]->(n)
  REMOVE c.retracted, c.retractedAt, c.retractedBy, c.retractionReason
}
CALL (n) {
  UNWIND $decisions AS back
  MATCH (d:IdentityDecision {id: back.id})-[:ABOUT]->(n)
  SET d.status = back.status
  FOREACH (_ IN CASE WHEN back.status = 'STANDING' THEN [1] ELSE [] END |
    REMOVE d.verdictBy, d.verdictAt, d.verdictNote, d.verdictSourceId)
}
CALL (n) {
  UNWIND $citationsOff AS sourceId
  MATCH (n)-[st:STATED_IN]->(:Source {id: sourceId})
  DELETE st
}
CALL (n) {
  UNWIND $citationsOn AS cited
  MATCH (s:Source {id: cited.id})
  MERGE (n)-[st:STATED_IN]->(s)
  SET st.evidence = cited.evidence
}
CALL (n) {
  WITH n WHERE size($citationsOff) + size($citationsOn) > 0
  SET n.unverified = CASE WHEN COUNT { (n)-[:STATED_IN]->(x:Source) WHERE NOT coalesce(x.kind, '') IN $unverifyingKinds } = 0 THEN true END
}
RETURN n.id AS id
