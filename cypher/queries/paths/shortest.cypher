// The shortest paths between two entities, shortest first, at most $limit, in one
// round trip. Template values (src/modules/paths/repository.ts): {{k}} and
// {{maxHops}} are validated integers (SHORTEST needs k as a literal on Neo4j
// 5.26); {{unit}} is PATHS (the k shortest paths) or GROUPS (every path of the k
// shortest lengths: SHORTEST 1 GROUPS is ALL SHORTEST); {{types}} the walkable
// relationship types. STATED_IN (provenance) is never among them.
//
// Both endpoints are bound by their unique id first; the rows say whether each
// exists, so the caller can answer NOT_FOUND without a second query.
//
// SHORTEST matches trails (no relationship twice) but may repeat a node
// (measured: duogenic-stemcells -> forum -> bpipo -> forum -> meti comes back).
// The WHERE inside the parenthesized path pattern is applied BEFORE the
// selector (measured: SHORTEST 5 with it returns 5 acyclic paths, with the
// same predicate after the pattern only 4), so k acyclic paths are returned:
// no node twice (`a` not among `x`, every `x` distinct). crossBorderOnly is
// filtered the same way: some hop joins two different non-null countries
// (`country` on entities, `code` on Country nodes).
// Hubs, entities with more than $maxHubDegree relationships (read from the degree
// store), are not walked through; the end b is exempt.
OPTIONAL MATCH (a:Entity {id: $from}) WHERE a.retracted IS NULL
OPTIONAL MATCH (b:Entity {id: $to}) WHERE b.retracted IS NULL
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = SHORTEST {{k}} {{unit}} (
    (a)((u)-[r:{{types}}]-(x) WHERE r.retracted IS NULL AND x.retracted IS NULL AND NOT x.id IN $avoid
                                 AND (x = b OR COUNT { (x)--() } <= $maxHubDegree)){1,{{maxHops}}}(b)
    WHERE NOT a IN x
      AND all(i IN range(0, size(x) - 2) WHERE NOT x[i] IN x[i + 1..])
      AND (NOT $crossBorderOnly
           OR any(i IN range(0, size(x) - 1) WHERE coalesce(u[i].country, u[i].code) <> coalesce(x[i].country, x[i].code)))
  )
  WITH p ORDER BY length(p), [n IN nodes(p) | n.id], [rel IN relationships(p) | type(rel)]
  LIMIT $limit
  RETURN collect({
    nodes: [n IN nodes(p) | {labels: labels(n), props: properties(n)}],
    rels: [rel IN relationships(p) | {type: type(rel), start: startNode(rel).id, props: properties(rel)}]
  }) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths
