// One text for every type: row.type is a model type (the loader checks), merged in
// its own static-type branch (a dynamic type in MERGE plans a scan of every
// relationship); row.id is relationshipId.
// sourceIds and evidence are parallel lists (evidence[i] is what sourceIds[i]
// said); a citation is appended unless the same (source, evidence) pair is held.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CALL (a, b, row) {
  // for each relationship type of the model, joined by UNION ALL:
  WITH * WHERE row.type = '{{type}}' MERGE (a)-[r:{{type}} {id: row.id}]->(b) RETURN r
  // end for each
}
SET r.createdAt = coalesce(r.createdAt, datetime()), r.createdBy = coalesce(r.createdBy, $actor),
    r.sourceIds = coalesce(r.sourceIds, []), r.evidence = coalesce(r.evidence, [])
SET r += row.props
WITH r, row, [i IN range(0, size(r.sourceIds) - 1) | [r.sourceIds[i], r.evidence[i]]] AS held
WITH r, [c IN row.citations WHERE NOT [c.source, c.evidence] IN held] AS fresh
SET r.sourceIds = r.sourceIds + [c IN fresh | c.source],
    r.evidence = r.evidence + [c IN fresh | c.evidence]
WITH r
SET r.unverified = CASE WHEN all(id IN r.sourceIds WHERE EXISTS {
                          MATCH (s:Source {id: id}) WHERE s.kind IN $unverifyingKinds })
                        THEN true ELSE null END
RETURN count(r) AS written
