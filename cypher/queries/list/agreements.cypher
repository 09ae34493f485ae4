MATCH (n:Agreement)
WHERE n.retracted IS NULL
  AND ($ids IS NULL OR n.id IN $ids)
  AND ($textIds IS NULL OR n.id IN $textIds)
  AND ($kinds IS NULL OR n.kind IN $kinds)
  AND ($exclusive IS NULL OR n.exclusive = $exclusive)
  AND ($territories IS NULL OR any(t IN n.territory WHERE t IN $territories))
  AND ($parties IS NULL OR EXISTS { MATCH (n)<-[:PARTY_TO]-(o:Organization) WHERE o.id IN $parties })
