// Agreements matching the filter; `// if: x` lines apply only when $x is given.
MATCH (n:Agreement)
WHERE n.retracted IS NULL
  AND n.id IN $ids // if: ids
  AND n.id IN textIds // if: textIds
  AND n.kind IN $kinds // if: kinds
  AND n.exclusive = $exclusive // if: exclusive
  AND any(t IN n.territory WHERE t IN $territories) // if: territories
  AND EXISTS { MATCH (n)<-[:PARTY_TO]-(o:Organization) WHERE o.id IN $parties } // if: parties
