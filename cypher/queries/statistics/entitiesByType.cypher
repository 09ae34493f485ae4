MATCH (n:Entity)
WHERE n.retracted IS NULL
UNWIND [l IN labels(n) WHERE l <> 'Entity'] AS label
RETURN label, count(*) AS count
ORDER BY label
