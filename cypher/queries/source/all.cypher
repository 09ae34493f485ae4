MATCH (s:Source)
RETURN s.id AS id, properties(s) AS props
ORDER BY s.publishedOn DESC, s.id
