MERGE (s:Source {id: $source.id})
ON CREATE SET s.createdAt = datetime(), s.createdBy = $actor
SET s += $source
