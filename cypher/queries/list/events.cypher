MATCH (n:Event)
WHERE n.retracted IS NULL
  AND ($ids IS NULL OR n.id IN $ids)
  AND ($textIds IS NULL OR n.id IN $textIds)
  AND ($countries IS NULL OR n.country IN $countries)
  AND ($from IS NULL OR n.startDate >= $from)
  AND ($to IS NULL OR n.startDate <= $to)
