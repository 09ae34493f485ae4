// After revisions are restored: each entity and relationship they name gets the
// version of its latest revision again. $versions maps target id to version.
CALL () {
  UNWIND $entityIds AS id
  MATCH (n:Entity {id: id})
  SET n.version = $versions[id]
  RETURN count(n) AS entities
}
CALL () {
  MATCH ()-[r]->()
  WHERE r.id IN $relationshipIds
  SET r.version = $versions[r.id]
  RETURN count(r) AS relationships
}
RETURN entities + relationships AS written
