// What one change did, target by target.
MATCH (v:Revision {changeId: $id})
RETURN properties(v) AS revision
ORDER BY v.targetId
