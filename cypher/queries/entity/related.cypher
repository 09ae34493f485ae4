// Relationships of several entities at once, one round trip. The repository
// puts one branch per (type, direction) asked for in place of the line below
// that holds only the placeholder,
// each from entity/related-out or entity/related-in with a type from
// RELATIONSHIP_TYPE_NAMES: static types let Neo4j read only that type's chain
// of a dense node, so an event everyone attended stays cheap.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  BRANCHES
}
WITH id, type, outgoing, collect({id: r.id, props: properties(r), node: {labels: labels(m), props: properties(m)}}) AS related
RETURN id, collect({type: type, outgoing: outgoing, related: related}) AS groups
