// Splits a merge back (revertChange of a mergeEntities), from what the merge recorded
// in its revisions (the caller reads them): $merge is an entity again (no tombstone,
// no SAME_AS to $keep); $keep's fields the merge changed are set back ($keepSet,
// $keepRemove); the citations and claims that moved go back to $merge; the
// relationships the merge created on $keep ($dropRelationships: {id, from, to}) are
// deleted and the ones it took from $merge ($recreate: {id, type, from, to, props})
// are created again; `unverified` is derived again on both, as the merge derives it.
MATCH (k:Entity {id: $keep})
MATCH (m:Entity {id: $merge})
SET k += $keepSet, k.updatedAt = datetime(), k.updatedBy = $actor
FOREACH (key IN $keepRemove | SET k[key] = null)
REMOVE m.retracted, m.retractedAt, m.retractedBy, m.retractionReason, m.mergedInto
SET m.updatedAt = datetime(), m.updatedBy = $actor
WITH k, m
CALL (k, m) {
  OPTIONAL MATCH (m)-[same:SAME_AS]->(k)
  DELETE same
}
CALL (k) {
  UNWIND $keepCitationsOff AS sourceId
  MATCH (k)-[st:STATED_IN]->(:Source {id: sourceId})
  DELETE st
}
CALL (m) {
  UNWIND $mergeCitationsOn AS cited
  MATCH (s:Source {id: cited.id})
  OPTIONAL MATCH (m)-[old:STATED_IN]->(s)
  CALL (m, s, old, cited) {
    WITH * WHERE old IS NULL
    CREATE (m)-[st:STATED_IN]->(s)
    SET st.evidence = cited.evidence
  }
}
CALL (k, m) {
  UNWIND $claimsBack AS claimId
  MATCH (c:Claim {id: claimId})-[about:ABOUT]->(k)
  MERGE (c)-[:ABOUT]->(m)
  DELETE about
}
CALL () {
  UNWIND $dropRelationships AS rel
  MATCH (:Entity {id: rel.from})-[r]->(:Entity {id: rel.to})
  WHERE r.id = rel.id
  DELETE r
}
CALL () {
  UNWIND $recreate AS rel
  MATCH (a:Entity {id: rel.from})
  MATCH (b:Entity {id: rel.to})
  CREATE (a)-[r:$(rel.type)]->(b)
  SET r = rel.props, r.createdAt = datetime(), r.createdBy = $actor, r.updatedAt = datetime(), r.updatedBy = $actor
}
WITH k, m
UNWIND [k, m] AS n
SET n.unverified = CASE WHEN EXISTS { (n)-[:STATED_IN]->(:Source) }
                         AND COUNT { (n)-[:STATED_IN]->(s:Source) WHERE NOT coalesce(s.kind, '') IN $unverifyingKinds } = 0
                        THEN true ELSE null END
RETURN collect(n.id) AS ids
