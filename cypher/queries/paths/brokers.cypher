// Organizations and people within two hops of at least two of the given
// entities ($between), best first. {{types}} are the walked relationship types;
// {{domain}} every domain type (degrees count these; STATED_IN never).
//
// Each route from a given entity g to a candidate c weighs
//   1                                   when c is g's neighbour (1 hop),
//   1 / (2 * ln(2 + degree(m)))         when it passes through one entity m (2 hops),
// so a route through a hub (the forum, ~60 relationships) weighs about half of
// one through a specific agreement (7). Per given entity only the best route
// counts. Then
//   reaches = how many given entities c reaches,
//   score   = sum over the reached given entities of their best route weight,
// ranked by reaches, then score, then name and id. Degrees come from the
// degree store (O(1) per node, retracted relationships included). Routes never
// pass through another given entity (that is the given entity's link, not the
// broker's), and intermediates with more than $maxHubDegree relationships are
// not walked through, which bounds the work on very large graphs.
//
// Scoring aggregates bare nodes; only the $first brokers kept get their best
// route per reached entity rebuilt (same weights), as a path from the broker.
// One row: `missing` lists the given ids that name no entity (then nothing is
// computed), `brokers` the ranked answer.
CALL () {
  UNWIND $between AS id
  OPTIONAL MATCH (n:Entity {id: id}) WHERE n.retracted IS NULL
  WITH id WHERE n IS NULL
  RETURN collect(id) AS missing
}
CALL (missing) {
  WITH missing WHERE size(missing) = 0
  UNWIND $between AS gid
  MATCH (g:Entity {id: gid}) WHERE g.retracted IS NULL
  CALL (g) {
    MATCH (g)-[r:{{types}}]-(c:Organization|Person)
    WHERE r.retracted IS NULL
    RETURN c, 1.0 AS weight
    UNION ALL
    MATCH (g)-[r1:{{types}}]-(m:Entity)
    WHERE r1.retracted IS NULL AND m.retracted IS NULL AND NOT m.id IN $between
    WITH DISTINCT m
    WITH m, COUNT { (m)-[:{{domain}}]-() } AS degree
    WHERE degree <= $maxHubDegree
    MATCH (m)-[r2:{{types}}]-(c:Organization|Person)
    WHERE r2.retracted IS NULL
    RETURN c, 1.0 / (2 * log(2 + degree)) AS weight
  }
  WITH g, c, max(weight) AS weight
  WITH c, count(g) AS reaches, sum(weight) AS score, collect(g) AS reached
  WHERE reaches >= 2 AND c.retracted IS NULL AND NOT c.id IN $between
  ORDER BY reaches DESC, score DESC, c.name, c.id
  LIMIT $first
  CALL (c, reached) {
    UNWIND reached AS g
    CALL (c, g) {
      MATCH (c)-[r:{{types}}]-(g)
      WHERE r.retracted IS NULL
      RETURN 1.0 AS weight, [c, g] AS nodes, [r] AS rels
      UNION ALL
      MATCH (c)-[r2:{{types}}]-(m:Entity)-[r1:{{types}}]-(g)
      WHERE r1.retracted IS NULL AND r2.retracted IS NULL AND m.retracted IS NULL AND NOT m.id IN $between
      WITH m, r1, r2, COUNT { (m)-[:{{domain}}]-() } AS degree
      WHERE degree <= $maxHubDegree
      RETURN 1.0 / (2 * log(2 + degree)) AS weight, [c, m, g] AS nodes, [r2, r1] AS rels
    }
    WITH g, weight, nodes, rels
    ORDER BY weight DESC, [n IN nodes | n.id], [rel IN rels | type(rel)]
    WITH g, collect({nodes: nodes, rels: rels})[0] AS best
    RETURN collect({
      nodes: [n IN best.nodes | {labels: labels(n), props: properties(n)}],
      rels: [rel IN best.rels | {type: type(rel), start: startNode(rel).id, props: properties(rel)}]
    }) AS paths
  }
  RETURN collect({entity: {labels: labels(c), props: properties(c)}, reaches: reaches, score: score, paths: paths}) AS brokers
}
RETURN missing, brokers
