MATCH (n:Person)
WHERE n.retracted IS NULL
  AND ($ids IS NULL OR n.id IN $ids)
  AND ($textIds IS NULL OR n.id IN $textIds)
  AND ($organizations IS NULL OR EXISTS { MATCH (n)-[:HOLDS_ROLE]->(o:Organization) WHERE o.id IN $organizations })
  AND ($spokeAt IS NULL OR EXISTS { MATCH (n)-[:SPOKE_AT]->(e:Event) WHERE e.id IN $spokeAt })
