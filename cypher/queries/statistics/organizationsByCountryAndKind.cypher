MATCH (o:Organization)
WHERE o.retracted IS NULL
RETURN o.country AS countryCode, o.kind AS kind, count(*) AS count
ORDER BY count DESC, countryCode, kind
