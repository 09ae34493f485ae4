// The first step of a partnership-path search (src/modules/paths/frontier.ts):
// both endpoints bound by their unique id, each with its degree and country,
// and the first layer of each side's frontier (the endpoint's neighbours).
// {{types}} are the walked relationship types; {{domain}} every domain type
// (degrees count these; STATED_IN never).
//
// An endpoint's neighbours are read at most $sample at a time: a hub endpoint
// (a forum with thousands of participants) yields a sample of them, so the cost
// of this query never depends on the hub's size. `sampled` on the caller's side
// says when that happened (the endpoint's degree is above $sample).
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
    MATCH (u)-[r:{{types}}]-(x:Entity)
    WHERE r.retracted IS NULL AND x.retracted IS NULL AND (x = other OR NOT x.id IN $avoid)
    RETURN DISTINCT x
    LIMIT $sample
  }
  WITH side, u, x, COUNT { (x)-[:{{domain}}]-() } AS degree
  RETURN collect({side: side, parent: elementId(u), node: elementId(x), degree: degree, country: coalesce(x.country, x.code)}) AS layer
}
RETURN elementId(a) AS fromKey, elementId(b) AS toKey,
       CASE WHEN a IS NULL THEN 0 ELSE COUNT { (a)-[:{{domain}}]-() } END AS fromDegree,
       CASE WHEN b IS NULL THEN 0 ELSE COUNT { (b)-[:{{domain}}]-() } END AS toDegree,
       coalesce(a.country, a.code) AS fromCountry, coalesce(b.country, b.code) AS toCountry,
       coalesce(layer, []) AS layer
