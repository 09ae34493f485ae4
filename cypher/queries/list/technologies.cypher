MATCH (n:Technology)
WHERE n.retracted IS NULL
  AND ($ids IS NULL OR n.id IN $ids)
  AND ($textIds IS NULL OR n.id IN $textIds)
  AND ($kinds IS NULL OR n.kind IN $kinds)
  AND ($modalities IS NULL OR EXISTS { MATCH (n)-[:USES_MODALITY]->(m:Modality) WHERE m.id IN $modalities })
  AND ($indications IS NULL OR EXISTS { MATCH (n)-[:TARGETS_INDICATION]->(i:Indication) WHERE i.id IN $indications })
  AND ($developerCountries IS NULL
       OR EXISTS { MATCH (n)<-[:DEVELOPS]-(o:Organization) WHERE o.country IN $developerCountries })
