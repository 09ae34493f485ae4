// One further layer of a partnership-path search (src/modules/paths/frontier.ts):
// the neighbours of the given frontier nodes, for one or both sides at once.
// $frontier lists {side, key} with key an elementId; the caller only ever puts
// entities at or below the hub degree here, so no hub is expanded and the work
// is bounded by the sum of the frontier's degrees, which the caller budgets.
// $walked are the walked relationship types (checked per relationship, one pass
// over a node's relationships); degrees count every relationship but those of
// the {{nonDomain}} types (provenance, claims).
//
// $terminal lists the two endpoints, reached but never expanded through.
// $targets, when not null, keeps only neighbours among those keys (the last
// layer of a search only looks for meeting points, so nothing else is shipped).
// One row per side and neighbour, with every frontier node it was reached from.
UNWIND $frontier AS entry
MATCH (u:Entity) WHERE elementId(u) = entry.key
MATCH (u)-[r]-(x)
WHERE type(r) IN $walked AND r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND x.retracted IS NULL AND (x.unverified IS NULL OR $includeUnverified)
  AND (elementId(x) IN $terminal OR NOT x.id IN $avoid)
  AND ($targets IS NULL OR elementId(x) IN $targets)
WITH entry.side AS side, x, collect(DISTINCT entry.key) AS parents
RETURN side, elementId(x) AS node, parents, (COUNT { (x)--() } - COUNT { (x)-[:{{nonDomain}}]-() }) AS degree, coalesce(x.country, x.code) AS country
