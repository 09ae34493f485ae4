// Any other label ({{label}} from ENTITY_LABELS): id and text filters only.
MATCH (n:{{label}})
WHERE n.retracted IS NULL
  AND n.id IN $ids // if: ids
  AND n.id IN textIds // if: textIds
