// The subgraph around one entity, breadth first: the root, then its neighbours
// (layer 1), then theirs (layer 2), then layer 3, each layer up to $limit
// nodes (nearest first, then by name and id) and each expanded only while the
// total is still under $limit. {{types}} are the walked relationship types.
//
// The cost never depends on a hub's size: of each expanded entity at most
// $sample neighbours are read, in the store's order, so work is bounded by
// $limit × $sample per layer. `sampled` lists the expanded entities that have
// more walked relationships than that (their neighbours shown are a sample).
// The first $limit nodes are kept; `truncated` says more existed. Edges are only
// those among kept nodes, found from each kept node's outgoing relationships
// filtered by $walked (the same types as {{types}}): one pass over a node's
// relationships instead of one lookup per type. Node and relationship properties
// beyond id and name are returned only when $nodeProperties / $edgeProperties
// (the selection asks for them). No row when the root is unknown.
MATCH (root:Entity {id: $id}) WHERE root.retracted IS NULL
CALL (root) {
  CALL (root) {
    MATCH (root)-[r:{{types}}]-(n)
    WHERE r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND n.retracted IS NULL AND (n.unverified IS NULL OR $includeUnverified) AND n <> root
    RETURN DISTINCT n
    LIMIT $sample
  }
  WITH DISTINCT n ORDER BY n.name, n.id LIMIT $limit
  RETURN collect(n) AS layer1
}
CALL (root, layer1) {
  UNWIND CASE WHEN $depth >= 2 AND 1 + size(layer1) <= $limit THEN layer1 ELSE [] END AS m
  CALL (m) {
    MATCH (m)-[r:{{types}}]-(n)
    WHERE r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND n.retracted IS NULL AND (n.unverified IS NULL OR $includeUnverified)
    RETURN DISTINCT n
    LIMIT $sample
  }
  WITH n WHERE n <> root AND NOT n IN layer1
  WITH DISTINCT n ORDER BY n.name, n.id LIMIT $limit
  RETURN collect(n) AS layer2
}
CALL (root, layer1, layer2) {
  UNWIND CASE WHEN $depth >= 3 AND 1 + size(layer1) + size(layer2) <= $limit THEN layer2 ELSE [] END AS m
  CALL (m) {
    MATCH (m)-[r:{{types}}]-(n)
    WHERE r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND n.retracted IS NULL AND (n.unverified IS NULL OR $includeUnverified)
    RETURN DISTINCT n
    LIMIT $sample
  }
  WITH n WHERE n <> root AND NOT n IN layer1 AND NOT n IN layer2
  WITH DISTINCT n ORDER BY n.name, n.id LIMIT $limit
  RETURN collect(n) AS layer3
}
WITH root, layer1, layer2, [root] + layer1 + layer2 + layer3 AS reached
WITH root, layer1, layer2, reached[..$limit] AS kept, size(reached) > $limit AS truncated
CALL (root, layer1, layer2) {
  WITH [root]
       + CASE WHEN $depth >= 2 AND 1 + size(layer1) <= $limit THEN layer1 ELSE [] END
       + CASE WHEN $depth >= 3 AND 1 + size(layer1) + size(layer2) <= $limit THEN layer2 ELSE [] END AS expanded
  UNWIND expanded AS m
  // All relationships first (one read of the degree store): only a node above $sample
  // then has its walked relationships counted, type by type.
  WITH m WHERE CASE WHEN COUNT { (m)--() } > $sample THEN COUNT { (m)-[:{{types}}]-() } > $sample ELSE false END
  RETURN collect(m.id) AS sampled
}
CALL (kept) {
  UNWIND kept AS s
  MATCH (s)-[r]->(t)
  WHERE type(r) IN $walked AND r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND t IN kept
  RETURN collect({id: r.id, type: type(r), source: s.id, target: t.id, props: CASE WHEN $edgeProperties THEN r {.*, id: null, createdAt: null, createdBy: null, updatedAt: null, updatedBy: null, sourceIds: null, evidence: null} ELSE {} END}) AS edges
}
RETURN [n IN kept | {labels: labels(n), props: CASE WHEN $nodeProperties THEN n {.*, createdAt: null, updatedAt: null} ELSE n {.id, .name} END}] AS nodes, edges, truncated, sampled
