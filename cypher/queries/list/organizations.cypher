// Organizations matching the filter; every condition is skipped when its parameter is null.
MATCH (n:Organization)
WHERE n.retracted IS NULL
  AND ($ids IS NULL OR n.id IN $ids)
  AND ($textIds IS NULL OR n.id IN $textIds)
  AND ($kinds IS NULL OR n.kind IN $kinds)
  AND ($countries IS NULL OR n.country IN $countries)
  AND ($modalities IS NULL
       OR EXISTS { MATCH (n)-[:USES_MODALITY]->(m:Modality) WHERE m.id IN $modalities }
       OR EXISTS { MATCH (n)-[:DEVELOPS]->(:Technology)-[:USES_MODALITY]->(m:Modality) WHERE m.id IN $modalities })
  AND ($indications IS NULL
       OR EXISTS { MATCH (n)-[:TARGETS_INDICATION]->(i:Indication) WHERE i.id IN $indications }
       OR EXISTS { MATCH (n)-[:DEVELOPS]->(:Technology)-[:TARGETS_INDICATION]->(i:Indication) WHERE i.id IN $indications })
  AND ($participatedIn IS NULL
       OR EXISTS { MATCH (n)-[:ORGANIZED|CO_HOSTED|PARTICIPATED_IN]->(e:Event) WHERE e.id IN $participatedIn })
  AND ($agreementKinds IS NULL
       OR EXISTS { MATCH (n)-[:PARTY_TO]->(a:Agreement) WHERE a.kind IN $agreementKinds })
