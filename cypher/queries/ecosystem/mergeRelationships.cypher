// One text for every type: row.type is one of ECOSYSTEM_RELATIONSHIP_TYPE_NAMES
// (the loader checks) and is used as a dynamic type; row.id is relationshipId.
// sourceIds and evidence are parallel lists (evidence[i] is what sourceIds[i]
// said); a citation is appended unless the same (source, evidence) pair is held.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
ON CREATE SET r.createdAt = datetime(), r.createdBy = $actor, r.sourceIds = [], r.evidence = []
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
