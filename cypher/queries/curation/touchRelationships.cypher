// Records who last wrote each relationship and when. row.type is one of
// RELATIONSHIP_TYPE_NAMES (checked by the loader's relationshipRows); both ends are
// found by the :Entity id index.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MATCH (a)-[r:$(row.type) {id: row.id}]->(b)
SET r.updatedAt = datetime(), r.updatedBy = $actor
RETURN row.id AS id, properties(r) AS props
