// Partner suggestions for organization $id over every relationship type the
// model gives a weight (src/domain/suggestionLinks.ts, passed as $hop: type ->
// {kind, weight}). {{nonDomain}} types (provenance, claims) are not counted in degrees.
//
// A route from an organization X to a shared entity m is one relationship
// X-r-m, or two through a linker a ($linkers: an agreement, approval, trial,
// technology, fund or person), X-r1-a-r2-m. Its weight is the product of its
// relationships' weights; its kind is the last relationship's (or the linker's,
// $linkerKinds); its quality is
//   recency      0.5 ^ (years from its latest date to $refYear / $halfLife), $undated when undated,
//   corroboration 1 - $corroboration / (n + 1), n = sources of its least-cited relationship.
// Every relationship and entity on a route is live: unretracted, verified unless
// $includeUnverified, and with $asOf true on that date (a relationship from the
// first of $startedOn — $roleStartedOn for a held role — until endedOn, as the
// other asOf reads; an entity from the first of $nodeStartedOn, so an agreement
// signed later is not there yet). Undated ones are kept.
//
// Candidates c are organizations reaching a shared m by such a route, not X,
// of a kind that can be a partner ($partnerKinds, src/domain/model.ts
// PARTNER_PROPENSITY; a regulator is only ever a shared m) or of $kind when given,
// in $country when given ($only: that one organization, for "why not"). For each (c, m) the best pair of routes
// counts:
//   contribution = sqrt(weight_X * weight_c) * quality_X * quality_c / ln(max(degree(m), 2))
//   score(c)     = sum of contributions * (1 + $activity * (ln(1 + degree(c)) + ln(1 + sources(c)) / 2)),
// sources(c) being the pages that state c: more active organizations form more partnerships.
// The best 3·$first + 10 that are not partners are then refined by how specific
// their own links are and how readily their kind partners: score(c) * (1 +
// $activity * ln(1 + sum over c's weighed neighbours n of 1 / (1 + ln(1 +
// degree(n))))) * (1 + $activity * $propensity[kind of c]) (the specificity of
// src/modules/paths/rank.ts; src/domain/model.ts PARTNER_PROPENSITY), so
// candidates that share the same thing with X still differ when one is tied to
// more specific entities or is of a kind likelier to partner.
// Ranked by score, then name and id; existing partners (a live domain
// relationship between X and c, or a live agreement both are party to by
// $partnerTypes) are skipped.
//
// The cost never depends on a hub's size: each expansion reads at most $sample
// relationships in the store's order before anything is filtered by label, and
// a shared entity with more than $sample relationships gives `sampled` reasons.
MATCH (o:Entity {id: $id}) WHERE o.retracted IS NULL
CALL (o) {
  WITH o WHERE o:Organization
  CALL (o) {
    MATCH (o)-[r]-(m)
    WHERE $hop[type(r)] IS NOT NULL AND NOT m:Agreement AND CASE WHEN r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r[p] IS NOT NULL | toString(r[p])]), '') <= $asOf AND (r.endedOn IS NULL OR toString(r.endedOn) + '~' >= $asOf))) THEN true ELSE false END AND CASE WHEN m.retracted IS NULL AND (m.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE m[p] IS NOT NULL | toString(m[p])]), '') <= $asOf) THEN true ELSE false END
    WITH r, m LIMIT $sample
    RETURN m, [r] AS rels, [m] AS nodes, null AS a
    UNION ALL
    MATCH (o)-[r1]-(a)
    WHERE $hop[type(r1)] IS NOT NULL AND any(l IN labels(a) WHERE l IN $linkers) AND CASE WHEN r1.retracted IS NULL AND (r1.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r1) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r1[p] IS NOT NULL | toString(r1[p])]), '') <= $asOf AND (r1.endedOn IS NULL OR toString(r1.endedOn) + '~' >= $asOf))) THEN true ELSE false END AND CASE WHEN a.retracted IS NULL AND (a.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE a[p] IS NOT NULL | toString(a[p])]), '') <= $asOf) THEN true ELSE false END
    WITH o, r1, a LIMIT $sample
    CALL (o, a) {
      MATCH (a)-[r2]-(m)
      WHERE m <> o AND $hop[type(r2)] IS NOT NULL AND NOT m:Agreement AND NOT ((a:Technology OR a:Person) AND m:Organization) AND CASE WHEN r2.retracted IS NULL AND (r2.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r2) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r2[p] IS NOT NULL | toString(r2[p])]), '') <= $asOf AND (r2.endedOn IS NULL OR toString(r2.endedOn) + '~' >= $asOf))) THEN true ELSE false END AND CASE WHEN m.retracted IS NULL AND (m.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE m[p] IS NOT NULL | toString(m[p])]), '') <= $asOf) THEN true ELSE false END
      RETURN r2, m LIMIT $sample
    }
    RETURN m, [r1, r2] AS rels, [a, m] AS nodes, a
  }
  WITH o, m, a, rels, nodes, reduce(w = 1.0, x IN rels | w * $hop[type(x)].weight) AS weight,
       coalesce($linkerKinds[head([l IN labels(a) WHERE $linkerKinds[l] IS NOT NULL])], $hop[type(last(rels))].kind) AS kind,
       reduce(d = null, x IN rels + nodes | CASE WHEN d IS NULL OR coalesce(head([p IN $dated WHERE x[p] IS NOT NULL | toString(x[p])]), '') > d THEN head([p IN $dated WHERE x[p] IS NOT NULL | toString(x[p])]) ELSE d END) AS date,
       reduce(n = 1000, x IN rels | CASE WHEN size(coalesce(x.sourceIds, [])) < n THEN size(coalesce(x.sourceIds, [])) ELSE n END) AS sources
  WITH o, m, kind, weight, date, sources, rels, a,
       weight * (CASE WHEN date IS NULL THEN $undated ELSE 0.5 ^ (CASE WHEN $refYear > toFloat(left(date, 4)) + CASE WHEN size(date) >= 7 THEN (toFloat(substring(date, 5, 2)) - 0.5) / 12.0 ELSE 0.5 END THEN $refYear - toFloat(left(date, 4)) - CASE WHEN size(date) >= 7 THEN (toFloat(substring(date, 5, 2)) - 0.5) / 12.0 ELSE 0.5 END ELSE 0.0 END / $halfLife) END) * (1.0 - $corroboration / (sources + 1)) AS strength
  ORDER BY strength DESC
  WITH o, m, head(collect({kind: kind, weight: weight, strength: strength, date: date, sources: sources, rels: rels, linker: a})) AS own
  WITH o, m, own, (COUNT { (m)--() } - COUNT { (m)-[:{{nonDomain}}]-() }) AS degree
  WITH o, m, own, 1.0 / log(CASE WHEN degree > 2 THEN degree ELSE 2 END) AS specificity, degree > $sample AS sampled
  CALL (o, m) {
    MATCH (m)-[r]-(c)
    WHERE $hop[type(r)] IS NOT NULL AND CASE WHEN r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r[p] IS NOT NULL | toString(r[p])]), '') <= $asOf AND (r.endedOn IS NULL OR toString(r.endedOn) + '~' >= $asOf))) THEN true ELSE false END
    WITH r, c LIMIT $sample
    WITH r, c WHERE c:Organization AND (c.kind IN $partnerKinds OR c.kind = $kind) AND c <> o AND c <> m AND CASE WHEN c.retracted IS NULL AND (c.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE c[p] IS NOT NULL | toString(c[p])]), '') <= $asOf) THEN true ELSE false END
    RETURN c, [r] AS rels, [] AS nodes, null AS a
    UNION ALL
    MATCH (m)-[r2]-(a)
    WHERE $hop[type(r2)] IS NOT NULL AND any(l IN labels(a) WHERE l IN $linkers) AND NOT ((a:Technology OR a:Person) AND m:Organization) AND CASE WHEN r2.retracted IS NULL AND (r2.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r2) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r2[p] IS NOT NULL | toString(r2[p])]), '') <= $asOf AND (r2.endedOn IS NULL OR toString(r2.endedOn) + '~' >= $asOf))) THEN true ELSE false END AND CASE WHEN a.retracted IS NULL AND (a.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE a[p] IS NOT NULL | toString(a[p])]), '') <= $asOf) THEN true ELSE false END
    WITH o, r2, a LIMIT $sample
    CALL (o, m, a) {
      MATCH (a)-[r1]-(c)
      WHERE $hop[type(r1)] IS NOT NULL AND CASE WHEN r1.retracted IS NULL AND (r1.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r1) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r1[p] IS NOT NULL | toString(r1[p])]), '') <= $asOf AND (r1.endedOn IS NULL OR toString(r1.endedOn) + '~' >= $asOf))) THEN true ELSE false END
      WITH r1, c LIMIT $sample
      WITH r1, c WHERE c:Organization AND (c.kind IN $partnerKinds OR c.kind = $kind) AND c <> o AND c <> m AND CASE WHEN c.retracted IS NULL AND (c.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE c[p] IS NOT NULL | toString(c[p])]), '') <= $asOf) THEN true ELSE false END
      RETURN r1, c
    }
    RETURN c, [r1, r2] AS rels, [a] AS nodes, a
  }
  WITH o, m, own, specificity, sampled, c, a, rels, nodes
  WHERE ($country IS NULL OR c.country = $country) AND ($kind IS NULL OR c.kind = $kind) AND ($only IS NULL OR c.id = $only)
  WITH o, m, own, specificity, sampled, c, a, rels, reduce(w = 1.0, x IN rels | w * $hop[type(x)].weight) AS weight,
       reduce(d = null, x IN rels + nodes | CASE WHEN d IS NULL OR coalesce(head([p IN $dated WHERE x[p] IS NOT NULL | toString(x[p])]), '') > d THEN head([p IN $dated WHERE x[p] IS NOT NULL | toString(x[p])]) ELSE d END) AS date,
       reduce(n = 1000, x IN rels | CASE WHEN size(coalesce(x.sourceIds, [])) < n THEN size(coalesce(x.sourceIds, [])) ELSE n END) AS sources
  WITH o, m, own, specificity, sampled, c, a, rels, weight, date, sources,
       weight * (CASE WHEN date IS NULL THEN $undated ELSE 0.5 ^ (CASE WHEN $refYear > toFloat(left(date, 4)) + CASE WHEN size(date) >= 7 THEN (toFloat(substring(date, 5, 2)) - 0.5) / 12.0 ELSE 0.5 END THEN $refYear - toFloat(left(date, 4)) - CASE WHEN size(date) >= 7 THEN (toFloat(substring(date, 5, 2)) - 0.5) / 12.0 ELSE 0.5 END ELSE 0.0 END / $halfLife) END) * (1.0 - $corroboration / (sources + 1)) AS strength
  ORDER BY strength DESC
  WITH o, m, own, specificity, sampled, c, head(collect({weight: weight, strength: strength, date: date, sources: sources, rels: rels, linker: a})) AS theirs
  WITH o, c, m, own, theirs, sampled, sqrt(own.weight * theirs.weight) * (own.strength / own.weight) * (theirs.strength / theirs.weight) * specificity AS contribution
  WITH o, c, sum(contribution) AS shared, collect({m: m, own: own, theirs: theirs, sampled: sampled, contribution: contribution}) AS reasons
  WITH o, c, reasons, shared * (1.0 + $activity * (log(1.0 + (COUNT { (c)--() } - COUNT { (c)-[:{{nonDomain}}]-() })) + 0.5 * log(1.0 + COUNT { (c)-[:STATED_IN]-() }))) AS score
  ORDER BY score DESC, c.name, c.id
  WITH o, c, score, reasons
  WHERE NOT EXISTS { MATCH (o)-[r]-(c) WHERE NOT type(r) IN $nonDomainTypes AND CASE WHEN r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r[p] IS NOT NULL | toString(r[p])]), '') <= $asOf AND (r.endedOn IS NULL OR toString(r.endedOn) + '~' >= $asOf))) THEN true ELSE false END }
    AND NOT EXISTS {
      MATCH (o)-[r1]-(ag:Agreement)-[r2]-(c)
      WHERE type(r1) IN $partnerTypes AND type(r2) IN $partnerTypes AND CASE WHEN r1.retracted IS NULL AND (r1.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r1) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r1[p] IS NOT NULL | toString(r1[p])]), '') <= $asOf AND (r1.endedOn IS NULL OR toString(r1.endedOn) + '~' >= $asOf))) THEN true ELSE false END AND CASE WHEN r2.retracted IS NULL AND (r2.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r2) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r2[p] IS NOT NULL | toString(r2[p])]), '') <= $asOf AND (r2.endedOn IS NULL OR toString(r2.endedOn) + '~' >= $asOf))) THEN true ELSE false END AND CASE WHEN ag.retracted IS NULL AND (ag.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE ag[p] IS NOT NULL | toString(ag[p])]), '') <= $asOf) THEN true ELSE false END
    }
  LIMIT $first * 3 + 10
  CALL (c) {
    MATCH (c)-[r]-(n)
    WHERE $hop[type(r)] IS NOT NULL AND CASE WHEN r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r[p] IS NOT NULL | toString(r[p])]), '') <= $asOf AND (r.endedOn IS NULL OR toString(r.endedOn) + '~' >= $asOf))) THEN true ELSE false END
    WITH n LIMIT $sample
    WITH n, (COUNT { (n)--() } - COUNT { (n)-[:{{nonDomain}}]-() }) AS degree
    RETURN sum(1.0 / (1.0 + log(1.0 + degree))) AS reach
  }
  WITH c, reasons, score * (1.0 + $activity * log(1.0 + reach)) * (1.0 + $activity * coalesce($propensity[c.kind], 0.0)) AS score
  ORDER BY score DESC, c.name, c.id
  LIMIT $first
  CALL (reasons) {
    UNWIND reasons AS reason
    WITH reason, reason.m AS m, reason.own AS own, reason.theirs AS theirs
    WITH reason, m, own, theirs, own.linker AS ownLinker, theirs.linker AS theirLinker
    ORDER BY reason.contribution DESC, m.name, m.id
    RETURN collect({
      shared: {labels: labels(m), props: m {.*, createdAt: null, updatedAt: null}},
      kind: own.kind, weight: reason.contribution, sampled: reason.sampled,
      routes: [
        {date: own.date, sources: own.sources,
          linker: CASE WHEN ownLinker IS NULL THEN null ELSE {labels: labels(ownLinker), props: ownLinker {.*, createdAt: null, updatedAt: null}} END,
          rels: [rel IN own.rels | {type: type(rel), start: startNode(rel).id, end: endNode(rel).id, props: rel {.*, createdAt: null, updatedAt: null}}]},
        {date: theirs.date, sources: theirs.sources,
          linker: CASE WHEN theirLinker IS NULL THEN null ELSE {labels: labels(theirLinker), props: theirLinker {.*, createdAt: null, updatedAt: null}} END,
          rels: [rel IN theirs.rels | {type: type(rel), start: startNode(rel).id, end: endNode(rel).id, props: rel {.*, createdAt: null, updatedAt: null}}]}
      ]
    }) AS reasonRows
  }
  RETURN collect({organization: {labels: labels(c), props: c {.*, createdAt: null, updatedAt: null}}, score: score, reasons: reasonRows}) AS suggestions
}
RETURN o:Organization AS isOrganization, o {.*, createdAt: null, updatedAt: null} AS selfProps, labels(o) AS selfLabels, suggestions
