// The first step of a partnership-path search (src/modules/paths/frontier.ts):
// both endpoints bound by their unique id, each with its degree and country,
// and the first layer of each side's frontier (the endpoint's neighbours).
// $walked are the walked relationship types, checked on each relationship a
// node's one pass over its relationships meets (cheaper than one lookup per
// type); degrees count every relationship but those of the {{nonDomain}} types
// (provenance, claims).
//
// An endpoint's neighbours are read at most $sample at a time: a hub endpoint
// (a forum with thousands of participants) yields a sample of them, so the cost
// of this query never depends on the hub's size. `sampled` on the caller's side
// says when that happened (the endpoint's degree is above $sample).
//
// With $deeper, the second layer of both sides comes back too (`layer2`), in the
// same round trip, when each side's cost (the sum of the degrees of its first
// layer's entities at or below $hubDegree, the ones a search expands) is at most
// $pairedCost; otherwise `layer2` is null and the caller grows the frontiers
// itself. Hubs and the endpoints are never expanded.
//
// One row; `fromKey`/`toKey` are null when the endpoint does not exist (then
// nothing is expanded). Nodes are named by elementId, which later steps seek by.
OPTIONAL MATCH (a:Entity {id: $from}) WHERE a.retracted IS NULL
OPTIONAL MATCH (b:Entity {id: $to}) WHERE b.retracted IS NULL
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  UNWIND [{side: 'A', end: a, other: b}, {side: 'B', end: b, other: a}] AS start
  WITH start.side AS side, start.end AS u, start.other AS other
  CALL (u, other) {
    MATCH (u)-[r]-(x)
    WHERE type(r) IN $walked AND r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND x.retracted IS NULL AND (x.unverified IS NULL OR $includeUnverified) AND (x = other OR NOT x.id IN $avoid)
    RETURN DISTINCT x
    LIMIT $sample
  }
  WITH side, u, x, (COUNT { (x)--() } - COUNT { (x)-[:{{nonDomain}}]-() }) AS degree
  RETURN collect({side: side, parent: elementId(u), node: elementId(x), degree: degree, country: coalesce(x.country, x.code)}) AS layer
}
OPTIONAL CALL (a, b, layer) {
  WITH a, b, [e IN layer WHERE e.degree <= $hubDegree AND NOT e.node IN [elementId(a), elementId(b)]] AS expandable
  WITH a, b, expandable,
       reduce(cost = 0, e IN expandable | cost + CASE WHEN e.side = 'A' THEN e.degree ELSE 0 END) AS costA,
       reduce(cost = 0, e IN expandable | cost + CASE WHEN e.side = 'B' THEN e.degree ELSE 0 END) AS costB
  WHERE $deeper AND a IS NOT NULL AND b IS NOT NULL AND costA <= $pairedCost AND costB <= $pairedCost
  CALL (a, b, expandable) {
    UNWIND expandable AS e
    MATCH (u:Entity) WHERE elementId(u) = e.node
    MATCH (u)-[r]-(x)
    WHERE type(r) IN $walked AND r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND x.retracted IS NULL AND (x.unverified IS NULL OR $includeUnverified) AND (x = a OR x = b OR NOT x.id IN $avoid)
    WITH e.side AS side, x, collect(DISTINCT e.node) AS parents
    RETURN collect({side: side, node: elementId(x), parents: parents, degree: (COUNT { (x)--() } - COUNT { (x)-[:{{nonDomain}}]-() }), country: coalesce(x.country, x.code)}) AS layer2
  }
  RETURN layer2
}
RETURN elementId(a) AS fromKey, elementId(b) AS toKey,
       CASE WHEN a IS NULL THEN 0 ELSE (COUNT { (a)--() } - COUNT { (a)-[:{{nonDomain}}]-() }) END AS fromDegree,
       CASE WHEN b IS NULL THEN 0 ELSE (COUNT { (b)--() } - COUNT { (b)-[:{{nonDomain}}]-() }) END AS toDegree,
       coalesce(a.country, a.code) AS fromCountry, coalesce(b.country, b.code) AS toCountry,
       coalesce(layer, []) AS layer, layer2
