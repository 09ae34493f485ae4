// Any other label ({{label}} from ENTITY_LABELS): id and text filters only.
MATCH (n:{{label}})
WHERE n.retracted IS NULL
  AND ($ids IS NULL OR n.id IN $ids)
  AND ($textIds IS NULL OR n.id IN $textIds)
