// The live entities of $labels (any when null) and of $countries (any when
// null: its country property, a country's own code, or a country of an agreement's territory) that
// may have a dated fact of their own: a property of $dateProperties, a claim,
// or a relationship they start that carries a date. At most $limit, by id.
MATCH (e:Entity)
WHERE e.retracted IS NULL
  AND ($labels IS NULL OR any(l IN labels(e) WHERE l IN $labels))
  AND ($countries IS NULL OR e.country IN $countries OR e.code IN $countries OR any(t IN coalesce(e.territory, []) WHERE t IN $countries))
  AND (
    any(k IN keys(e) WHERE k IN $dateProperties)
    OR EXISTS { MATCH (c:Claim)-[:ABOUT]->(e) WHERE c.retracted IS NULL }
    OR EXISTS { MATCH (e)-[r]->(:Entity) WHERE type(r) IN $types AND r.retracted IS NULL AND any(k IN keys(r) WHERE k IN $dateProperties) }
  )
WITH e ORDER BY e.id LIMIT $limit
RETURN collect(e.id) AS ids
