// After a bulk import, before the migrations build the indexes (so no index is
// updated twice): gives every node of one label that lacks the property the list
// the CSV could not carry (e.g. an empty aliases list). {{label}} is a model label
// (static, so a label scan), $key a validated camelCase name. One scan, committed
// in batches of $batch (an auto-commit statement, Executor.writeAutoCommit).
MATCH (n:{{label}})
WHERE n[$key] IS NULL
CALL (n) {
  SET n[$key] = $value
} IN TRANSACTIONS OF $batch ROWS
RETURN count(n) AS written
