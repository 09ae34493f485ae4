MATCH ()-[r]->()
WHERE type(r) IN $types AND r.retracted IS NULL
RETURN type(r) AS type, count(*) AS count
ORDER BY count DESC, type
