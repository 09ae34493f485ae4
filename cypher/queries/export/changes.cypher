MATCH (c:Change)
RETURN properties(c) AS props
ORDER BY c.at, c.id
