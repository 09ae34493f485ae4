// Technologies matching the filter; `// if: x` lines apply only when $x is given.
MATCH (n:Technology)
WHERE n.retracted IS NULL
  AND n.id IN $ids // if: ids
  AND n.id IN textIds // if: textIds
  AND n.kind IN $kinds // if: kinds
  AND EXISTS { MATCH (n)-[:USES_MODALITY]->(m:Modality) WHERE m.id IN $modalities } // if: modalities
  AND EXISTS { MATCH (n)-[:TARGETS_INDICATION]->(i:Indication) WHERE i.id IN $indications } // if: indications
  AND EXISTS { MATCH (n)<-[:DEVELOPS]-(o:Organization) WHERE o.country IN $developerCountries } // if: developerCountries
