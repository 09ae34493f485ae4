// Write-locks both ends of each relationship (as seed/mergeRelationships does before
// it writes one), so no other write of these relationships runs until this
// transaction ends. $rels: [{id, from, to}].
UNWIND $rels AS rel
MATCH (a:Entity {id: rel.from})
MATCH (b:Entity {id: rel.to})
SET a.writeLock = true, b.writeLock = true
REMOVE a.writeLock, b.writeLock
RETURN count(*) AS locked
