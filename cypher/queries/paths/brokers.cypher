// Organizations and people within two hops of at least two of the given
// entities ($between), best first, on the graph as it stood on $asOf when given
// (relationships and dated entities as in suggestions.cypher). $walked are the walked relationship types,
// checked on each relationship met (one pass over a node's relationships);
// degrees count every relationship but those of the {{nonDomain}} types (provenance,
// claims), two reads of the degree store whatever the number of domain types.
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
// broker's).
//
// The cost never depends on a hub's size: of any entity's neighbours (a given
// entity's or an intermediate m's) at most $sample are read, in the store's
// order, before they are filtered by label (a modality's first thousands of
// relationships may all come from technologies: filtering first would read
// them all to find $sample organizations), and an entity with more than
// $hubDegree relationships is a hub whose members are therefore a sample. A broker whose best route to some given
// entity passes through a hub is `sampled`: other members of that hub would
// serve as well.
//
// Scoring aggregates bare nodes; only the $first brokers kept get their best
// route per reached entity rebuilt (same weights, both ends bound), as a path
// from the broker with each node's degree. One row: `missing` lists the given
// ids that name no entity (then nothing is computed), `brokers` the answer.
CALL () {
  UNWIND $between AS id
  OPTIONAL MATCH (n:Entity {id: id}) WHERE n.retracted IS NULL
  WITH id WHERE n IS NULL
  RETURN collect(id) AS missing
}
CALL (missing) {
  WITH missing WHERE size(missing) = 0
  UNWIND $between AS gid
  MATCH (g:Entity {id: gid}) WHERE CASE WHEN g.retracted IS NULL AND (g.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE g[p] IS NOT NULL | toString(g[p])]), '') <= $asOf) THEN true ELSE false END
  WITH g, (COUNT { (g)--() } - COUNT { (g)-[:{{nonDomain}}]-() }) > $hubDegree AS gSampled
  CALL (g) {
    MATCH (g)-[r]-(m)
    WHERE type(r) IN $walked AND CASE WHEN r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r[p] IS NOT NULL | toString(r[p])]), '') <= $asOf AND (r.endedOn IS NULL OR toString(r.endedOn) + '~' >= $asOf))) THEN true ELSE false END AND CASE WHEN m.retracted IS NULL AND (m.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE m[p] IS NOT NULL | toString(m[p])]), '') <= $asOf) THEN true ELSE false END
    RETURN DISTINCT m
    LIMIT $sample
  }
  CALL (g, gSampled, m) {
    WITH m WHERE m:Organization OR m:Person
    RETURN m AS c, 1.0 AS weight, gSampled AS sampled
    UNION ALL
    WITH m WHERE NOT m.id IN $between
    WITH m, (COUNT { (m)--() } - COUNT { (m)-[:{{nonDomain}}]-() }) AS degree
    CALL (m) {
      MATCH (m)-[r2]-(x)
      WHERE type(r2) IN $walked AND CASE WHEN r2.retracted IS NULL AND (r2.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r2) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r2[p] IS NOT NULL | toString(r2[p])]), '') <= $asOf AND (r2.endedOn IS NULL OR toString(r2.endedOn) + '~' >= $asOf))) THEN true ELSE false END
      WITH DISTINCT x LIMIT $sample
      WITH x AS c WHERE c:Organization OR c:Person
      RETURN c
    }
    RETURN c, 1.0 / (2 * log(2 + degree)) AS weight, degree > $hubDegree AS sampled
  }
  WITH g, c, weight, sampled ORDER BY weight DESC, sampled
  WITH g, c, head(collect({weight: weight, sampled: sampled})) AS best
  WITH c, count(g) AS reaches, sum(best.weight) AS score, any(b IN collect(best) WHERE b.sampled) AS sampled, collect(g) AS reached
  WHERE reaches >= 2 AND CASE WHEN c.retracted IS NULL AND (c.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE c[p] IS NOT NULL | toString(c[p])]), '') <= $asOf) THEN true ELSE false END AND NOT c.id IN $between
  ORDER BY reaches DESC, score DESC, c.name, c.id
  LIMIT $first
  CALL (c, reached) {
    UNWIND reached AS g
    CALL (c, g) {
      MATCH (c)-[r]-(g)
      WHERE type(r) IN $walked AND CASE WHEN r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r[p] IS NOT NULL | toString(r[p])]), '') <= $asOf AND (r.endedOn IS NULL OR toString(r.endedOn) + '~' >= $asOf))) THEN true ELSE false END
      RETURN 1.0 AS weight, [c, g] AS nodes, [r] AS rels
      UNION ALL
      MATCH (c)-[r2]-(m)-[r1]-(g)
      WHERE type(r1) IN $walked AND type(r2) IN $walked AND CASE WHEN r1.retracted IS NULL AND (r1.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r1) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r1[p] IS NOT NULL | toString(r1[p])]), '') <= $asOf AND (r1.endedOn IS NULL OR toString(r1.endedOn) + '~' >= $asOf))) THEN true ELSE false END AND CASE WHEN r2.retracted IS NULL AND (r2.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r2) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r2[p] IS NOT NULL | toString(r2[p])]), '') <= $asOf AND (r2.endedOn IS NULL OR toString(r2.endedOn) + '~' >= $asOf))) THEN true ELSE false END AND CASE WHEN m.retracted IS NULL AND (m.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE m[p] IS NOT NULL | toString(m[p])]), '') <= $asOf) THEN true ELSE false END AND NOT m.id IN $between
      WITH m, r1, r2, (COUNT { (m)--() } - COUNT { (m)-[:{{nonDomain}}]-() }) AS degree
      RETURN 1.0 / (2 * log(2 + degree)) AS weight, [c, m, g] AS nodes, [r2, r1] AS rels
    }
    WITH g, weight, nodes, rels
    ORDER BY weight DESC, [n IN nodes | n.id], [rel IN rels | type(rel)]
    WITH g, collect({nodes: nodes, rels: rels})[0] AS best
    RETURN collect({
      nodes: [n IN best.nodes | {labels: labels(n), props: n {.*, createdAt: null, updatedAt: null}}],
      rels: [rel IN best.rels | {type: type(rel), start: startNode(rel).id, props: rel {.*, createdAt: null, updatedAt: null}}],
      degrees: [n IN best.nodes | (COUNT { (n)--() } - COUNT { (n)-[:{{nonDomain}}]-() })]
    }) AS paths
  }
  RETURN collect({entity: {labels: labels(c), props: c {.*, createdAt: null, updatedAt: null}}, reaches: reaches, score: score, sampled: sampled, paths: paths}) AS brokers
}
RETURN missing, brokers
