// Relationships of several entities at once ({{types}} from RELATIONSHIP_TYPE_NAMES),
// at most $cap per entity, sorted by type then the other end's name. Retracted
// relationships and entities are hidden.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r:{{types}}]-(m:Entity)
  WHERE r.retracted IS NULL AND m.retracted IS NULL
  WITH r, m ORDER BY type(r), m.name, m.id
  LIMIT $cap
  RETURN collect({
    id: r.id, type: type(r), outgoing: startNode(r) = n, props: properties(r),
    node: {labels: labels(m), props: properties(m)}
  }) AS related
}
RETURN id, related
