// The live entity an id was merged into (mergeEntities keeps every tombstone one
// SAME_AS hop from it), or no row.
MATCH (:Entity {id: $id})-[:SAME_AS]->(kept:Entity)
WHERE kept.retracted IS NULL
RETURN kept.id AS id
