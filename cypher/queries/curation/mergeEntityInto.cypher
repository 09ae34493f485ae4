// Joins $merge into $keep, after moveRelationships moved its relationships:
// - properties: $merge's fill those $keep lacks; $keep's own values stay (the
//   tombstone keeps $merge's, so nothing is lost); aliases are $aliases (null: none),
//   their search and lookup keys $searchAliases and $aliasKeys; the name-language lists are unioned;
// - citations: each (merge)-[:STATED_IN]->(source) moves to $keep, unless $keep
//   holds one to that source with the same evidence;
// - claims: ABOUT $merge becomes ABOUT $keep, valueEntity $merge becomes $keep,
//   and claims about a moved relationship follow its new id ($renamed);
// - $merge stays as a tombstone: hidden like a retracted entity, with mergedInto
//   and (merge)-[:SAME_AS]->(keep); earlier tombstones of $merge point at $keep.
MATCH (k:Entity {id: $keep})
MATCH (m:Entity {id: $merge})
// The id is held by a uniqueness constraint, checked at each SET: never copy it.
WITH k, m, properties(k) AS held, properties(m) AS incoming
SET k += incoming {.*, id: held.id}
SET k += held
SET k.aliases = $aliases, k.searchAliases = $searchAliases, k.aliasKeys = $aliasKeys, k.updatedAt = datetime(), k.updatedBy = $actor
// The names of each language are unioned: $merge's name and aliases keep their tags on $keep.
SET k.namesEn = CASE WHEN held.namesEn IS NULL AND incoming.namesEn IS NULL THEN null ELSE coalesce(held.namesEn, []) + [v IN coalesce(incoming.namesEn, []) WHERE NOT v IN coalesce(held.namesEn, [])] END,
    k.namesJa = CASE WHEN held.namesJa IS NULL AND incoming.namesJa IS NULL THEN null ELSE coalesce(held.namesJa, []) + [v IN coalesce(incoming.namesJa, []) WHERE NOT v IN coalesce(held.namesJa, [])] END,
    k.namesZhHant = CASE WHEN held.namesZhHant IS NULL AND incoming.namesZhHant IS NULL THEN null ELSE coalesce(held.namesZhHant, []) + [v IN coalesce(incoming.namesZhHant, []) WHERE NOT v IN coalesce(held.namesZhHant, [])] END
WITH k, m
CALL (k, m) {
  MATCH (m)-[st:STATED_IN]->(s:Source)
  OPTIONAL MATCH (k)-[same:STATED_IN]->(s)
  WHERE coalesce(same.evidence, '') = coalesce(st.evidence, '')
  WITH k, st, s, count(same) AS held
  CALL (k, st, s, held) {
    WITH * WHERE held = 0
    CREATE (k)-[copy:STATED_IN]->(s)
    SET copy = properties(st)
  }
  DELETE st
  RETURN count(*) AS citations
}
CALL (k, m) {
  MATCH (c:Claim)-[about:ABOUT]->(m)
  MERGE (c)-[:ABOUT]->(k)
  DELETE about
  RETURN count(c) AS claims
}
CALL () {
  MATCH (c:Claim)
  WHERE c.valueEntity = $merge
  SET c.valueEntity = $keep
}
CALL () {
  UNWIND $renamed AS pair
  MATCH (c:Claim {subjectRelationshipId: pair.from})
  SET c.subjectRelationshipId = pair.to
}
SET k.unverified = CASE WHEN EXISTS { (k)-[:STATED_IN]->(:Source) }
                         AND COUNT { (k)-[:STATED_IN]->(s:Source) WHERE NOT coalesce(s.kind, '') IN $unverifyingKinds } = 0
                        THEN true ELSE null END
SET m.retracted = true, m.retractedAt = datetime(), m.retractedBy = $actor, m.retractionReason = $tombstoneNote,
    m.mergedInto = $keep
MERGE (m)-[same:SAME_AS]->(k)
SET same.at = datetime(), same.by = $actor, same.reason = $reason
WITH k, m, citations, claims
CALL (k, m) {
  MATCH (older:Entity)-[was:SAME_AS]->(m)
  MERGE (older)-[now:SAME_AS]->(k)
  SET now = properties(was), older.mergedInto = $keep
  DELETE was
}
RETURN citations, claims, {labels: labels(k), props: properties(k)} AS entity
