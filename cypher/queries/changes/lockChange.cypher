// Write-locks a change and returns its properties as they are once locked, so that
// two reviews (or a review and a rebase) of it run one after the other.
MATCH (c:Change {id: $id})
SET c.writeLock = true
REMOVE c.writeLock
RETURN properties(c) AS change
