MATCH (a:Account {name: $name})
DELETE a
RETURN count(*) AS removed
