// Events matching the filter; `// if: x` lines apply only when $x is given.
MATCH (n:Event)
WHERE n.retracted IS NULL
  AND n.id IN $ids // if: ids
  AND n.id IN textIds // if: textIds
  AND n.country IN $countries // if: countries
  AND n.startDate >= $from // if: from
  AND n.startDate <= $to // if: to
