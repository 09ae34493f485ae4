// Withdraws a source; nothing is deleted. The node leaves :Source for
// :RetractedSource, so no read lists it or cites it (reads reach citations
// through :Source): entities keep their STATED_IN link to it for the record,
// claims too. A relationship's citation of it moves from its sourceIds/evidence
// lists onto the retracted source (citedRelationships, citedEvidence). Whatever
// is left without a live source that is not $unverifyingKinds is marked
// unverified, with no source at all counted as that. No row when no live source has $id.
MATCH (s:Source {id: $id})
REMOVE s:Source
SET s:RetractedSource, s.retracted = true, s.retractedAt = datetime(), s.retractedBy = $actor, s.retractionReason = $reason
WITH s
CALL (s) {
  MATCH (n:Entity)-[:STATED_IN]->(s)
  WITH DISTINCT n
  SET n.unverified = CASE WHEN COUNT { (n)-[:STATED_IN]->(x:Source) WHERE NOT coalesce(x.kind, '') IN $unverifyingKinds } = 0 THEN true END
  RETURN collect(n.id) AS entities, count(CASE WHEN NOT EXISTS { (n)-[:STATED_IN]->(:Source) } THEN 1 END) AS entitiesUnsourced
}
CALL (s) {
  MATCH ()-[r]->()
  WHERE $id IN r.sourceIds
  WITH r, range(0, size(r.sourceIds) - 1) AS at
  WITH r, [i IN at WHERE r.sourceIds[i] <> $id | r.sourceIds[i]] AS ids, [i IN at WHERE r.sourceIds[i] <> $id | coalesce(r.evidence[i], '')] AS notes,
       [i IN at WHERE r.sourceIds[i] = $id | coalesce(r.evidence[i], '')] AS withdrawn
  SET r.sourceIds = CASE WHEN size(ids) > 0 THEN ids END, r.evidence = CASE WHEN size(ids) > 0 THEN notes END,
      r.unverified = CASE WHEN all(x IN ids WHERE EXISTS { MATCH (v:Source {id: x}) WHERE v.kind IN $unverifyingKinds }) THEN true END
  RETURN collect(r.id) AS relationships, count(CASE WHEN size(ids) = 0 THEN 1 END) AS relationshipsUnsourced,
         reduce(acc = [], w IN collect([x IN withdrawn | [r.id, x]]) | acc + w) AS citations
}
SET s.citedRelationships = CASE WHEN size(citations) > 0 THEN [c IN citations | c[0]] END,
    s.citedEvidence = CASE WHEN size(citations) > 0 THEN [c IN citations | c[1]] END
RETURN entities, relationships, entitiesUnsourced + relationshipsUnsourced AS unsourced
