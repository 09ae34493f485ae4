// Partner suggestions for organization $id by Adamic–Adar over shared neighbours.
// {{domain}} is every domain relationship type (STATED_IN is provenance, never walked).
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
// scored as bare nodes (each feature's degree read once); properties are read
// only for the $first kept. One row whenever $id exists; none when it does not.
//
// The cost never depends on a hub's size: each way of reaching features, and
// each way from a feature to candidates, reads at most $sample entities, in the
// store's order. A feature with more than $hubDegree relationships is a hub whose
// members are therefore a sample; the reasons it gives say `sampled`.
MATCH (o:Entity {id: $id}) WHERE o.retracted IS NULL
CALL (o) {
  WITH o WHERE o:Organization
  CALL (o) {
    MATCH (o)-[r:USES_MODALITY|TARGETS_INDICATION|FOCUSES_ON]->(s:Modality|Indication)
    WHERE r.retracted IS NULL
    RETURN s
    LIMIT $sample
    UNION
    MATCH (o)-[r1:DEVELOPS]->(t:Technology)-[r2:USES_MODALITY|TARGETS_INDICATION]->(s:Modality|Indication)
    WHERE r1.retracted IS NULL AND r2.retracted IS NULL AND t.retracted IS NULL
    RETURN s
    LIMIT $sample
    UNION
    MATCH (o)-[r:ORGANIZED|CO_HOSTED|PARTICIPATED_IN]->(s:Event)
    WHERE r.retracted IS NULL
    RETURN s
    LIMIT $sample
    UNION
    MATCH (o)-[r:{{domain}}]-(s:Organization)
    WHERE r.retracted IS NULL
    RETURN s
    LIMIT $sample
  }
  WITH o, s WHERE s.retracted IS NULL
  WITH o, s, COUNT { (s)-[:{{domain}}]-() } AS degree
  WITH o, s, 1.0 / log(CASE WHEN degree > 2 THEN degree ELSE 2 END) AS weight, degree > $hubDegree AS sampled
  CALL (s) {
    MATCH (s)<-[r:USES_MODALITY|TARGETS_INDICATION|FOCUSES_ON]-(c:Organization)
    WHERE (s:Modality OR s:Indication) AND r.retracted IS NULL
    RETURN c
    LIMIT $sample
    UNION
    MATCH (s)<-[r2:USES_MODALITY|TARGETS_INDICATION]-(t:Technology)<-[r1:DEVELOPS]-(c:Organization)
    WHERE (s:Modality OR s:Indication) AND r1.retracted IS NULL AND r2.retracted IS NULL AND t.retracted IS NULL
    RETURN c
    LIMIT $sample
    UNION
    MATCH (s)<-[r:ORGANIZED|CO_HOSTED|PARTICIPATED_IN]-(c:Organization)
    WHERE s:Event AND r.retracted IS NULL
    RETURN c
    LIMIT $sample
    UNION
    MATCH (s)-[r:{{domain}}]-(c:Organization)
    WHERE s:Organization AND r.retracted IS NULL
    RETURN c
    LIMIT $sample
  }
  WITH o, c, sum(weight) AS score, collect({s: s, weight: weight, sampled: sampled}) AS shared
  WHERE c <> o AND c.retracted IS NULL
    AND ($country IS NULL OR c.country = $country)
    AND NOT EXISTS { MATCH (o)-[r:{{domain}}]-(c) WHERE r.retracted IS NULL }
    AND NOT EXISTS {
      MATCH (o)-[r1:PARTY_TO]->(ag:Agreement)<-[r2:PARTY_TO]-(c)
      WHERE r1.retracted IS NULL AND r2.retracted IS NULL AND ag.retracted IS NULL
    }
  ORDER BY score DESC, c.name, c.id
  LIMIT $first
  CALL (shared) {
    UNWIND shared AS reason
    WITH reason ORDER BY reason.weight DESC, reason.s.name, reason.s.id
    RETURN collect({shared: {labels: labels(reason.s), props: properties(reason.s)}, weight: reason.weight, sampled: reason.sampled}) AS reasons
  }
  RETURN collect({organization: {labels: labels(c), props: properties(c)}, score: score, reasons: reasons}) AS suggestions
}
RETURN o:Organization AS isOrganization, suggestions
