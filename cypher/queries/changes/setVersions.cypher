// Stamps the new version of each entity and relationship a write changed, and
// leaves one (:Revision) per target: which fields it changed (JSON), before and after.
UNWIND $revisions AS rev
OPTIONAL MATCH (n:Entity {id: rev.targetId})
WHERE rev.targetKind = 'entity'
OPTIONAL MATCH (:Entity {id: rev.from})-[r]->(:Entity {id: rev.to})
WHERE rev.targetKind = 'relationship' AND r.id = rev.targetId
FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END | SET n.version = rev.version)
FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END | SET r.version = rev.version)
CREATE (v:Revision {
  targetId: rev.targetId, targetKind: rev.targetKind, version: rev.version, changeId: $changeId,
  at: datetime(), subject: $subject, fields: rev.fields, fieldNames: rev.fieldNames, created: rev.created
})
RETURN count(v) AS written
