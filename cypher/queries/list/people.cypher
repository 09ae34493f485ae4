// People matching the filter; `// if: x` lines apply only when $x is given.
MATCH (n:Person)
WHERE n.retracted IS NULL
  AND n.id IN $ids // if: ids
  AND n.id IN textIds // if: textIds
  AND EXISTS { MATCH (n)-[:HOLDS_ROLE]->(o:Organization) WHERE o.id IN $organizations } // if: organizations
  AND EXISTS { MATCH (n)-[:SPOKE_AT]->(e:Event) WHERE e.id IN $spokeAt } // if: spokeAt
