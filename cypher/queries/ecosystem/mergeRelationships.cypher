// One text for every type: row.type is a model type (the loader checks); row.id is
// relationshipId. A relationship already held between the two ends (same id) is
// updated; otherwise it is created with the dynamic type. CREATE needs no scan,
// where a dynamic-type MERGE is planned as a scan of every relationship on an
// empty store, and a 39-branch static MERGE costs seconds to plan. The seed load
// runs in one transaction per file, alone, so nothing creates the same id between
// the check and the CREATE.
// sourceIds and evidence are parallel lists (evidence[i] is what sourceIds[i]
// said); a citation is appended unless the same (source, evidence) pair is held.
UNWIND $rows AS row
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
WITH r, row, CASE WHEN existing IS NULL THEN null ELSE properties(existing) END AS before
SET r.createdAt = coalesce(r.createdAt, datetime()), r.createdBy = coalesce(r.createdBy, $actor),
    r.sourceIds = coalesce(r.sourceIds, []), r.evidence = coalesce(r.evidence, [])
SET r += row.props
WITH r, row, before, [i IN range(0, size(r.sourceIds) - 1) | [r.sourceIds[i], r.evidence[i]]] AS held
WITH r, before, [c IN row.citations WHERE NOT [c.source, c.evidence] IN held] AS fresh
SET r.sourceIds = r.sourceIds + [c IN fresh | c.source],
    r.evidence = r.evidence + [c IN fresh | c.evidence]
WITH r, before
SET r.unverified = CASE WHEN all(id IN r.sourceIds WHERE EXISTS {
                          MATCH (s:Source {id: id}) WHERE s.kind IN $unverifyingKinds })
                        THEN true ELSE null END
// A load that changes a relationship raises its version (absent: 1), so an edit based
// on the one read before the load is refused with CONFLICT.
// Only what existed before this load run began ($loadStartedAt) is raised: a run of many
// files that creates an entity and enriches it leaves it as new, as the bulk path does.
FOREACH (_ IN CASE WHEN before IS NOT NULL AND properties(r) <> before
                   AND (before.createdAt IS NULL OR before.createdAt < datetime($loadStartedAt)) THEN [1] ELSE [] END |
  SET r.version = coalesce(before.version, 1) + 1)
RETURN count(r) AS written
