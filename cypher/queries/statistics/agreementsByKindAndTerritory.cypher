MATCH (a:Agreement)
WHERE a.retracted IS NULL
UNWIND a.territory AS territory
RETURN a.kind AS kind, territory, count(*) AS count
ORDER BY count DESC, kind, territory
