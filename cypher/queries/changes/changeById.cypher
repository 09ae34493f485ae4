// One change's properties by id.
MATCH (c:Change {id: $id})
RETURN properties(c) AS change
