// The identity decisions about each entity in $ids, and about the ids merged into
// it (mergeEntities keeps every tombstone one SAME_AS hop from the kept entity),
// each once, seen from the entity itself where it is about it. otherId: for a
// PROBABLY_SAME, the id it names besides the one it is seen from. SAME first, then by id.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id, COLLECT {
  MATCH (d:IdentityDecision)-[:ABOUT]->(x:Entity)
  WHERE x = e OR (x)-[:SAME_AS]->(e)
  WITH d, x ORDER BY CASE WHEN x = e THEN 0 ELSE 1 END
  WITH d, head(collect(x.id)) AS subjectId
  WITH d, subjectId, CASE WHEN d.decision = 'PROBABLY_SAME' THEN head([other IN d.entityIds WHERE other <> subjectId]) END AS otherId
  ORDER BY d.decision DESC, d.id
  RETURN {
    id: d.id, decision: d.decision, entityIds: d.entityIds, names: coalesce(d.names, []), reason: d.reason,
    unverified: coalesce(d.unverified, false), status: d.status, subjectId: subjectId, subjectName: e.name,
    otherId: otherId, otherName: head(COLLECT { MATCH (o:Entity {id: otherId}) RETURN coalesce(o.name, o.id) }),
    ruling: CASE WHEN d.status IN ['CONFIRMED', 'UNDONE'] THEN {
      verdict: CASE d.status WHEN 'CONFIRMED' THEN 'CONFIRM' ELSE 'UNDO' END,
      by: d.verdictBy, at: toString(d.verdictAt), note: d.verdictNote, sourceId: d.verdictSourceId
    } END,
    citations: COLLECT { MATCH (d)-[st:STATED_IN]->(s:Source) WITH st, s ORDER BY s.id, st.evidence RETURN {sourceId: s.id, evidence: st.evidence} }
  }
} AS decisions
