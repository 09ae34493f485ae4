// Organizations matching the filter. A line tagged `// if: x` is kept only when
// the parameter $x is given (src/db/cypher.ts withConditions).
MATCH (n:Organization)
WHERE n.retracted IS NULL
  AND n.id IN $ids // if: ids
  AND n.id IN textIds // if: textIds
  AND n.kind IN $kinds // if: kinds
  AND n.country IN $countries // if: countries
  AND (EXISTS { MATCH (n)-[:USES_MODALITY]->(m:Modality) WHERE m.id IN $modalities } OR EXISTS { MATCH (n)-[:DEVELOPS]->(:Technology)-[:USES_MODALITY]->(m:Modality) WHERE m.id IN $modalities }) // if: modalities
  AND (EXISTS { MATCH (n)-[:TARGETS_INDICATION]->(i:Indication) WHERE i.id IN $indications } OR EXISTS { MATCH (n)-[:DEVELOPS]->(:Technology)-[:TARGETS_INDICATION]->(i:Indication) WHERE i.id IN $indications }) // if: indications
  AND EXISTS { MATCH (n)-[:ORGANIZED|CO_HOSTED|PARTICIPATED_IN]->(e:Event) WHERE e.id IN $participatedIn } // if: participatedIn
  AND EXISTS { MATCH (n)-[:PARTY_TO]->(a:Agreement) WHERE a.kind IN $agreementKinds } // if: agreementKinds
