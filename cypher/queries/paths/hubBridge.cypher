// The last resort of a partnership-path search (src/modules/paths/frontier.ts),
// run only when no path through at most one hub exists: two hubs, each reached
// by one side, linked by one non-hub entity x (a company that took part in one
// forum and works with one modality). Hubs are never expanded in full: at most
// $sample members of the first hub of each pair (the smaller one) are read, in
// the store's order, and each is checked against the second hub with both ends
// bound. So the cost is at most $sample relationships per pair, whatever the
// hubs' size, and a bridge outside the sample is not seen.
// $pairs lists [first hub, second hub] elementIds. {{types}} and $walked are the walked
// types; degrees count every relationship but those of the {{nonDomain}} types.
// One row per pair that has a bridge, with the first bridge found.
UNWIND $pairs AS pair
MATCH (h1:Entity) WHERE elementId(h1) = pair[0]
MATCH (h2:Entity) WHERE elementId(h2) = pair[1]
CALL (h1, h2) {
  MATCH (h1)-[r1:{{types}}]-(x:Entity)
  WHERE r1.retracted IS NULL AND (r1.unverified IS NULL OR $includeUnverified) AND x.retracted IS NULL AND (x.unverified IS NULL OR $includeUnverified) AND NOT x.id IN $avoid AND NOT elementId(x) IN $terminal
  WITH DISTINCT x LIMIT $sample
  WITH x, (COUNT { (x)--() } - COUNT { (x)-[:{{nonDomain}}]-() }) AS degree
  WHERE degree <= $hubDegree AND EXISTS { MATCH (x)-[r2]-(h2) WHERE type(r2) IN $walked AND r2.retracted IS NULL AND (r2.unverified IS NULL OR $includeUnverified) }
  RETURN x, degree
  LIMIT 1
}
RETURN pair, elementId(x) AS node, degree, coalesce(x.country, x.code) AS country
