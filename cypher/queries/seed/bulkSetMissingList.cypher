// After a bulk import, before the migrations build the indexes (so no index is
// updated twice): gives every node of one label that lacks the property the list
// the CSV could not carry (e.g. an empty aliases list). {{label}} is a model label
// (static, so a label scan), $key a validated camelCase name. Run until it writes
// fewer than $limit nodes.
MATCH (n:{{label}})
WHERE n[$key] IS NULL
WITH n LIMIT $limit
SET n[$key] = $value
RETURN count(n) AS written
