// The latest audit entries, newest first.
MATCH (c:Change)
RETURN properties(c) AS change
ORDER BY c.at DESC, c.id
LIMIT $first
