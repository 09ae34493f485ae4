// The entities and relationships of the paths a partnership-path search kept
// (src/modules/paths/frontier.ts), in one round trip: $nodes are elementIds,
// $pairs the consecutive [from, to] elementIds of every hop, $hubs the
// elementIds of the hubs met on the way. $walked are the walked types.
//
// Every relationship of a walked type between the two ends of a hop comes back
// (two relationships over the same nodes make two paths), unretracted only.
// For each hub, `members` counts what makes it a hub in words: an event's
// participants, a modality's or an indication's users (read from the degree
// store, so the cost does not depend on the hub's size); null for other labels.
CALL () {
  UNWIND $nodes AS key
  MATCH (n:Entity) WHERE elementId(n) = key
  RETURN collect({key: key, labels: labels(n), props: n {.*, createdAt: null, updatedAt: null}}) AS nodes
}
CALL () {
  UNWIND $pairs AS pair
  MATCH (u:Entity) WHERE elementId(u) = pair[0]
  MATCH (v:Entity) WHERE elementId(v) = pair[1]
  MATCH (u)-[r]-(v)
  WHERE type(r) IN $walked AND r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified)
  RETURN collect({from: pair[0], to: pair[1], type: type(r), forward: startNode(r) = u, props: r {.*, createdAt: null, updatedAt: null}}) AS rels
}
CALL () {
  UNWIND $hubs AS key
  MATCH (h:Entity) WHERE elementId(h) = key
  RETURN collect({key: key, members: CASE
    WHEN h:Event THEN COUNT { (h)<-[:PARTICIPATED_IN]-() }
    WHEN h:Modality THEN COUNT { (h)<-[:USES_MODALITY]-() }
    WHEN h:Indication THEN COUNT { (h)<-[:TARGETS_INDICATION]-() }
    ELSE null END}) AS hubs
}
RETURN nodes, rels, hubs
