// The subgraph around one entity, breadth first: the root, then its neighbours
// (layer 1), then theirs (layer 2), then layer 3, each layer up to $limit
// nodes (nearest first, then by name and id) and each expanded only while the
// total is still under $limit. {{types}} are the walked relationship types.
// Work is bounded by $limit nodes per layer rather than by the size of the
// graph. The first $limit nodes are kept; `truncated` says more existed. Edges
// are only those among kept nodes. No row when the root is unknown.
MATCH (root:Entity {id: $id}) WHERE root.retracted IS NULL
CALL (root) {
  MATCH (root)-[r:{{types}}]-(n:Entity)
  WHERE r.retracted IS NULL AND n.retracted IS NULL AND n <> root
  WITH DISTINCT n ORDER BY n.name, n.id LIMIT $limit
  RETURN collect(n) AS layer1
}
CALL (root, layer1) {
  UNWIND CASE WHEN $depth >= 2 AND 1 + size(layer1) <= $limit THEN layer1 ELSE [] END AS m
  MATCH (m)-[r:{{types}}]-(n:Entity)
  WHERE r.retracted IS NULL AND n.retracted IS NULL AND n <> root AND NOT n IN layer1
  WITH DISTINCT n ORDER BY n.name, n.id LIMIT $limit
  RETURN collect(n) AS layer2
}
CALL (root, layer1, layer2) {
  UNWIND CASE WHEN $depth >= 3 AND 1 + size(layer1) + size(layer2) <= $limit THEN layer2 ELSE [] END AS m
  MATCH (m)-[r:{{types}}]-(n:Entity)
  WHERE r.retracted IS NULL AND n.retracted IS NULL AND n <> root AND NOT n IN layer1 AND NOT n IN layer2
  WITH DISTINCT n ORDER BY n.name, n.id LIMIT $limit
  RETURN collect(n) AS layer3
}
WITH [root] + layer1 + layer2 + layer3 AS reached
WITH reached[..$limit] AS kept, size(reached) > $limit AS truncated
CALL (kept) {
  UNWIND kept AS s
  MATCH (s)-[r:{{types}}]->(t:Entity)
  WHERE r.retracted IS NULL AND t IN kept
  RETURN collect({id: r.id, type: type(r), source: s.id, target: t.id, props: properties(r)}) AS edges
}
RETURN [n IN kept | {labels: labels(n), props: properties(n)}] AS nodes, edges, truncated
