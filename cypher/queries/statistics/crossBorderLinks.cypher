// Relationships whose two ends are in different countries (an entity's country is
// its `country` property; a Country node's is its code). LOCATED_IN is excluded:
// it is the country link itself.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) IN $types AND type(r) <> 'LOCATED_IN' AND r.retracted IS NULL
WITH type(r) AS type, coalesce(a.country, a.code) AS ca, coalesce(b.country, b.code) AS cb
WHERE ca IS NOT NULL AND cb IS NOT NULL AND ca <> cb
WITH type, CASE WHEN ca < cb THEN [ca, cb] ELSE [cb, ca] END AS between
RETURN type, between, count(*) AS count
ORDER BY count DESC, type
