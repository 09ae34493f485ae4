// Moves relationships to new ends: each row names the relationship as stored
// (oldId, type, oldFrom, oldTo) and where it goes (id, from, to). row.type is a
// model type (the caller takes it from RELATIONSHIP_TYPE_NAMES). When the new
// ends already have that relationship (same id), the two are combined: the held
// properties stay, the moved one only fills the ones missing, and its citations
// (parallel lists sourceIds/evidence) are appended unless the same
// (source, evidence) pair is held. Otherwise it is created with the dynamic type:
// CREATE needs no scan, unlike MERGE, and the caller holds both entities' locks.
// `unverified` is recomputed as the ecosystem loader does. The moved one is deleted.
// A held relationship that was retracted stays retracted: the retraction judged the
// fact, whichever id stated it.
UNWIND $rows AS row
MATCH (:Entity {id: row.oldFrom})-[old]->(:Entity {id: row.oldTo})
WHERE old.id = row.oldId AND type(old) = row.type
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[existing]->(b)
WHERE existing.id = row.id AND type(existing) = row.type
CALL (a, b, row, existing) {
  WITH * WHERE existing IS NULL
  CREATE (a)-[r:$(row.type)]->(b)
  SET r.id = row.id
  RETURN r
  UNION
  WITH * WHERE existing IS NOT NULL
  RETURN existing AS r
}
WITH old, r, properties(r) AS held, properties(old) AS incoming
SET r += incoming {.*, id: held.id}
SET r += held
WITH old, r, size(keys(held)) > 1 AS combined,
     coalesce(held.sourceIds, []) AS heldIds, coalesce(held.evidence, []) AS heldEvidence,
     coalesce(old.sourceIds, []) AS oldIds, coalesce(old.evidence, []) AS oldEvidence
WITH old, r, combined, heldIds, heldEvidence, oldIds, oldEvidence,
     [j IN range(0, size(heldIds) - 1) | [heldIds[j], coalesce(heldEvidence[j], '')]] AS heldPairs
WITH old, r, combined, heldIds, heldEvidence,
     [i IN range(0, size(oldIds) - 1) WHERE NOT [oldIds[i], coalesce(oldEvidence[i], '')] IN heldPairs] AS fresh, oldIds, oldEvidence
SET r.sourceIds = heldIds + [i IN fresh | oldIds[i]],
    r.evidence = heldEvidence + [i IN fresh | oldEvidence[i]],
    r.updatedAt = datetime(), r.updatedBy = $actor
WITH old, r, combined
SET r.unverified = CASE WHEN size(r.sourceIds) > 0 AND all(id IN r.sourceIds WHERE EXISTS {
                          MATCH (s:Source {id: id}) WHERE s.kind IN $unverifyingKinds })
                        THEN true ELSE null END
DELETE old
RETURN count(r) AS moved, sum(CASE WHEN combined THEN 1 ELSE 0 END) AS combined
