// A page of one entity's or relationship's revisions, newest first, each with its
// change; read from the (targetId, version) index in index order (ORDER BY both keys:
// no sort of every revision). $before: the version to read on from. $full: also the
// change's operations and before/after texts (large; only when the query selects them).
// Each change carries its source, so resolving Change.source costs no round trip.
MATCH (v:Revision)
WHERE v.targetId = $id AND v.version < coalesce($before, 9223372036854775807)
WITH v ORDER BY v.targetId DESC, v.version DESC LIMIT $limit
OPTIONAL MATCH (c:Change {id: v.changeId})
RETURN v {.targetId, .targetKind, .version, .created, .fields, .changeId} AS revision,
  c {
    .id, .kind, .targetIds, .summary, .subject, .at, .sourceId, .note, .status, .direct, .reviewer, .reviewedAt,
    .reviewComment, .appliedAt, .statusAt, .revertOf, .rebasedAt,
    operations: CASE WHEN $full THEN c.operations END, before: CASE WHEN $full THEN c.before END, after: CASE WHEN $full THEN c.after END,
    source: head(COLLECT { MATCH (s:Source {id: c.sourceId}) RETURN {id: s.id, props: properties(s)} })
  } AS change
ORDER BY v.version DESC
