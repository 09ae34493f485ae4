// A page of changes, newest first (by when each reached its status), with the
// feed's filters; a null filter holds for every change. Read from the statusAt index.
MATCH (c:Change)
WHERE c.statusAt >= datetime(coalesce($since, '0001-01-01T00:00:00Z'))
  AND ($until IS NULL OR c.statusAt < datetime($until))
  AND c.status IN $status
  AND ($entity IS NULL OR $entity IN c.entityIds OR $entity IN c.targetIds)
  AND ($types IS NULL OR any(t IN coalesce(c.entityTypes, []) WHERE t IN $types))
  AND ($countries IS NULL OR any(x IN coalesce(c.countries, []) WHERE x IN $countries))
  AND ($afterAt IS NULL OR c.statusAt < datetime($afterAt) OR (c.statusAt = datetime($afterAt) AND c.id < $afterId))
RETURN properties(c) AS change
ORDER BY c.statusAt DESC, c.id DESC
LIMIT $limit
