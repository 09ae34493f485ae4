// How many entities and relationships cite each source.
UNWIND $ids AS id
OPTIONAL MATCH (:Entity)-[s:STATED_IN]->(:Source {id: id})
WITH id, count(s) AS entities
CALL (id) {
  MATCH ()-[r]->()
  WHERE r.sourceIds IS NOT NULL AND id IN r.sourceIds
  RETURN count(r) AS relationships
}
RETURN id, entities + relationships AS count
