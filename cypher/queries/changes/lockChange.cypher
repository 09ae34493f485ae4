// Write-locks a change, so that two reviews of it run one after the other.
MATCH (c:Change {id: $id})
SET c.writeLock = true
REMOVE c.writeLock
RETURN c.id AS id
