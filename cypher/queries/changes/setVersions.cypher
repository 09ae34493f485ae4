// Stamps the new version of each entity and relationship a write changed, and
// leaves one (:Revision) per target: which fields it changed (JSON), before and after.
// Then records on the Change (absent while a proposal is tried) which entities the
// revisions touched ($entityIds), their types and countries, for the change feed's
// filters, adding to what an earlier operation of the same changeset recorded.
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
WITH count(v) AS written
OPTIONAL MATCH (c:Change {id: $changeId})
CALL (c) {
  WITH c WHERE c IS NOT NULL
  OPTIONAL MATCH (n:Entity) WHERE n.id IN $entityIds
  WITH c, collect(n) AS touched
  WITH c,
       [n IN touched | n.id] AS ids,
       [n IN touched | toUpper([l IN labels(n) WHERE l <> 'Entity'][0])] AS types,
       [n IN touched WHERE n.country IS NOT NULL OR n:Country | CASE WHEN n:Country THEN n.code ELSE n.country END] AS countries
  SET c.entityIds = reduce(acc = [], x IN coalesce(c.entityIds, []) + ids | CASE WHEN x IN acc THEN acc ELSE acc + x END),
      c.entityTypes = reduce(acc = [], x IN coalesce(c.entityTypes, []) + types | CASE WHEN x IN acc THEN acc ELSE acc + x END),
      c.countries = reduce(acc = [], x IN coalesce(c.countries, []) + countries | CASE WHEN x IN acc OR x IS NULL THEN acc ELSE acc + x END)
}
RETURN written
