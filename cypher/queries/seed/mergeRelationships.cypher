// {{type}} is one of RELATIONSHIP_TYPE_NAMES (src/domain/model.ts).
// sourceIds and evidence are parallel lists: evidence[i] is what sourceIds[i] said.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:{{type}} {id: row.id}]->(b)
ON CREATE SET r.createdAt = datetime(), r.createdBy = $actor, r.sourceIds = [], r.evidence = []
SET r += row.props
WITH r, row, [i IN range(0, size(r.sourceIds) - 1) WHERE r.sourceIds[i] = $sourceId] AS at
SET r.evidence = CASE WHEN size(at) = 0 THEN r.evidence + row.evidence
                      ELSE [i IN range(0, size(r.evidence) - 1) | CASE WHEN i = at[0] THEN row.evidence ELSE r.evidence[i] END] END,
    r.sourceIds = CASE WHEN size(at) = 0 THEN r.sourceIds + $sourceId ELSE r.sourceIds END
RETURN count(r) AS written
