// Every domain relationship ($types) of several entities at once, both
// directions, sorted by type then the other end's name; at most $cap per type
// and direction for one entity, so a hub (an event everyone attended) stays
// bounded. Retracted relationships and entities are hidden.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE type(r) IN $types AND r.retracted IS NULL AND m.retracted IS NULL
  WITH type(r) AS type, startNode(r) = n AS outgoing, r, m
  ORDER BY type, m.name, m.id
  WITH type, outgoing, collect({id: r.id, props: properties(r), node: {labels: labels(m), props: properties(m)}})[..$cap] AS related
  RETURN collect({type: type, outgoing: outgoing, related: related}) AS groups
}
RETURN id, groups
