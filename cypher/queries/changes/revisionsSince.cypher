// The revisions of each target after a version, oldest first: what changed since a base.
// $since: [{id, version}].
UNWIND $since AS base
MATCH (v:Revision)
WHERE v.targetId = base.id AND v.version > base.version
RETURN base.id AS targetId, v.version AS version, v.changeId AS changeId, v.fieldNames AS fieldNames
ORDER BY targetId, version
