// The partner suggestions before issue #33 (kept for the backtest, scripts/evalSuggestions.ts):
// for organization $id by Adamic–Adar over shared neighbours, with $asOf read as
// by the current suggestions (cypher/queries/paths/suggestions.cypher).
// {{domain}} is every domain relationship type (STATED_IN is provenance, never walked);
// degrees count every relationship but those of the {{nonDomain}} types (provenance, claims).
//
// An organization X has these neighbours ("features"), every link unretracted:
//   modality / indication  X -USES_MODALITY|TARGETS_INDICATION|FOCUSES_ON-> s,
//                          or X -DEVELOPS-> technology -USES_MODALITY|TARGETS_INDICATION-> s
//   event                  X -ORGANIZED|CO_HOSTED|PARTICIPATED_IN-> s
//   organization           X -any domain type- s
// Candidates: organizations sharing at least one feature with $id, not $id, not
// directly linked to it by a domain relationship, not a co-party of one of its
// agreements (already partners), in $country when given.
//   weight(s) = 1 / ln(max(degree(s), 2))     (degree over domain types; guards degree <= 1)
//   score(c)  = sum of weight(s) over the features c shares with $id
// Ranked by score, then name and id; reasons strongest first. Candidates are
// scored as bare nodes (each feature's degree read once); the partner checks
// run on the best-ranked candidates only, until $first pass; properties are
// read only for the $first kept. One row whenever $id exists; none when it does not.
//
// The cost never depends on a hub's size: each way of reaching features reads
// at most $sample entities, and of each feature at most $sample relationships
// are read, in the store's order, before anything is filtered by label (a
// modality's technologies and organizations come from the same sample). A
// feature with more than $hubDegree relationships is a hub whose members are
// therefore a sample; the reasons it gives say `sampled`.
MATCH (o:Entity {id: $id}) WHERE o.retracted IS NULL
CALL (o) {
  WITH o WHERE o:Organization
  CALL (o) {
    MATCH (o)-[r:USES_MODALITY|TARGETS_INDICATION|FOCUSES_ON]->(s:Modality|Indication)
    WHERE CASE WHEN r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r[p] IS NOT NULL | toString(r[p])]), '') <= $asOf AND (r.endedOn IS NULL OR toString(r.endedOn) + '~' >= $asOf))) THEN true ELSE false END
    RETURN s
    LIMIT $sample
    UNION
    MATCH (o)-[r1:DEVELOPS]->(t:Technology)-[r2:USES_MODALITY|TARGETS_INDICATION]->(s:Modality|Indication)
    WHERE CASE WHEN r1.retracted IS NULL AND (r1.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r1) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r1[p] IS NOT NULL | toString(r1[p])]), '') <= $asOf AND (r1.endedOn IS NULL OR toString(r1.endedOn) + '~' >= $asOf))) THEN true ELSE false END AND CASE WHEN r2.retracted IS NULL AND (r2.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r2) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r2[p] IS NOT NULL | toString(r2[p])]), '') <= $asOf AND (r2.endedOn IS NULL OR toString(r2.endedOn) + '~' >= $asOf))) THEN true ELSE false END AND CASE WHEN t.retracted IS NULL AND (t.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE t[p] IS NOT NULL | toString(t[p])]), '') <= $asOf) THEN true ELSE false END
    RETURN s
    LIMIT $sample
    UNION
    MATCH (o)-[r:ORGANIZED|CO_HOSTED|PARTICIPATED_IN]->(s:Event)
    WHERE CASE WHEN r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r[p] IS NOT NULL | toString(r[p])]), '') <= $asOf AND (r.endedOn IS NULL OR toString(r.endedOn) + '~' >= $asOf))) THEN true ELSE false END
    RETURN s
    LIMIT $sample
    UNION
    MATCH (o)-[r:{{domain}}]-(s:Organization)
    WHERE CASE WHEN r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r[p] IS NOT NULL | toString(r[p])]), '') <= $asOf AND (r.endedOn IS NULL OR toString(r.endedOn) + '~' >= $asOf))) THEN true ELSE false END
    RETURN s
    LIMIT $sample
  }
  WITH o, s WHERE CASE WHEN s.retracted IS NULL AND (s.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE s[p] IS NOT NULL | toString(s[p])]), '') <= $asOf) THEN true ELSE false END
  WITH o, s, (COUNT { (s)--() } - COUNT { (s)-[:{{nonDomain}}]-() }) AS degree
  WITH o, s, 1.0 / log(CASE WHEN degree > 2 THEN degree ELSE 2 END) AS weight, degree > $hubDegree AS sampled
  CALL (s) {
    WITH s WHERE s:Modality OR s:Indication
    MATCH (s)<-[r:USES_MODALITY|TARGETS_INDICATION|FOCUSES_ON]-(x)
    WHERE CASE WHEN r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r[p] IS NOT NULL | toString(r[p])]), '') <= $asOf AND (r.endedOn IS NULL OR toString(r.endedOn) + '~' >= $asOf))) THEN true ELSE false END
    WITH x LIMIT $sample
    CALL (x) {
      WITH x WHERE x:Organization
      RETURN x AS c
      UNION
      MATCH (x:Technology)<-[r1:DEVELOPS]-(c:Organization)
      WHERE CASE WHEN r1.retracted IS NULL AND (r1.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r1) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r1[p] IS NOT NULL | toString(r1[p])]), '') <= $asOf AND (r1.endedOn IS NULL OR toString(r1.endedOn) + '~' >= $asOf))) THEN true ELSE false END AND CASE WHEN x.retracted IS NULL AND (x.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE x[p] IS NOT NULL | toString(x[p])]), '') <= $asOf) THEN true ELSE false END
      RETURN c
    }
    RETURN c
    UNION
    WITH s WHERE s:Event
    MATCH (s)<-[r:ORGANIZED|CO_HOSTED|PARTICIPATED_IN]-(x)
    WHERE CASE WHEN r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r[p] IS NOT NULL | toString(r[p])]), '') <= $asOf AND (r.endedOn IS NULL OR toString(r.endedOn) + '~' >= $asOf))) THEN true ELSE false END
    WITH x LIMIT $sample
    WITH x AS c WHERE c:Organization
    RETURN c
    UNION
    WITH s WHERE s:Organization
    MATCH (s)-[r:{{domain}}]-(x)
    WHERE CASE WHEN r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r[p] IS NOT NULL | toString(r[p])]), '') <= $asOf AND (r.endedOn IS NULL OR toString(r.endedOn) + '~' >= $asOf))) THEN true ELSE false END
    WITH x LIMIT $sample
    WITH x AS c WHERE c:Organization
    RETURN c
  }
  WITH o, c, weight, sampled, s
  WHERE c <> o AND CASE WHEN c.retracted IS NULL AND (c.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE c[p] IS NOT NULL | toString(c[p])]), '') <= $asOf) THEN true ELSE false END AND ($country IS NULL OR c.country = $country)
  WITH o, c, sum(weight) AS score, collect({s: s, weight: weight, sampled: sampled}) AS shared
  ORDER BY score DESC, c.name, c.id
  WITH o, c, score, shared
  WHERE NOT EXISTS { MATCH (o)-[r:{{domain}}]-(c) WHERE CASE WHEN r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r[p] IS NOT NULL | toString(r[p])]), '') <= $asOf AND (r.endedOn IS NULL OR toString(r.endedOn) + '~' >= $asOf))) THEN true ELSE false END }
    AND NOT EXISTS {
      MATCH (o)-[r1:PARTY_TO]->(ag:Agreement)<-[r2:PARTY_TO]-(c)
      WHERE CASE WHEN r1.retracted IS NULL AND (r1.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r1) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r1[p] IS NOT NULL | toString(r1[p])]), '') <= $asOf AND (r1.endedOn IS NULL OR toString(r1.endedOn) + '~' >= $asOf))) THEN true ELSE false END AND CASE WHEN r2.retracted IS NULL AND (r2.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR (coalesce(head([p IN CASE WHEN type(r2) = 'HOLDS_ROLE' THEN $roleStartedOn ELSE $startedOn END WHERE r2[p] IS NOT NULL | toString(r2[p])]), '') <= $asOf AND (r2.endedOn IS NULL OR toString(r2.endedOn) + '~' >= $asOf))) THEN true ELSE false END AND CASE WHEN ag.retracted IS NULL AND (ag.unverified IS NULL OR $includeUnverified) AND ($asOf IS NULL OR coalesce(head([p IN $nodeStartedOn WHERE ag[p] IS NOT NULL | toString(ag[p])]), '') <= $asOf) THEN true ELSE false END
    }
  LIMIT $first
  CALL (shared) {
    UNWIND shared AS reason
    WITH reason.s AS s, reason.weight AS weight, reason.sampled AS sampled
    ORDER BY weight DESC, s.name, s.id
    RETURN collect({shared: {labels: labels(s), props: s {.*, createdAt: null, updatedAt: null}}, weight: weight, sampled: sampled}) AS reasons
  }
  RETURN collect({organization: {labels: labels(c), props: c {.*, createdAt: null, updatedAt: null}}, score: score, reasons: reasons}) AS suggestions
}
RETURN o:Organization AS isOrganization, suggestions
