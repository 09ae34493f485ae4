// Write-locks the entities with these ids (a property set and removed again: nothing
// changes, but the lock is taken; a bare REMOVE of an absent property does not
// reliably take it), so that what the next statement reads of them stays
// true until the transaction ends. Ids no entity has are skipped.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n.writeLock = true
REMOVE n.writeLock
RETURN count(n) AS locked
