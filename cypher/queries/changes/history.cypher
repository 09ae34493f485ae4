// A page of one entity's or relationship's revisions, newest first, each with its
// change; read from the (targetId, version) index. $before: the version to read on from.
MATCH (v:Revision)
WHERE v.targetId = $id AND v.version < coalesce($before, 9223372036854775807)
WITH v ORDER BY v.version DESC LIMIT $limit
OPTIONAL MATCH (c:Change {id: v.changeId})
RETURN properties(v) AS revision, properties(c) AS change
ORDER BY v.version DESC
