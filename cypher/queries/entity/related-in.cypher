MATCH (n)<-[r:{{type}}]-(m:Entity)
WHERE r.retracted IS NULL AND m.retracted IS NULL
RETURN '{{type}}' AS type, false AS outgoing, r, m
ORDER BY m.name, m.id
LIMIT $cap
