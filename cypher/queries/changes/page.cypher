// A page of changes, newest first (by when each reached its status), with the
// feed's filters; a null filter holds for every change. Each status is read newest
// first from the (status, statusAt) index, in index order (ORDER BY both keys), so
// the filters are checked only until a page is found, and a queue of a few PROPOSED
// changesets is not looked for among every applied change. $full: also the
// operations and the before/after texts (large; only when the query selects them).
// With $sources, each change carries its source, so resolving Change.source costs no
// round trip; the feed, which names only the source's id, reads none.
UNWIND $status AS status
CALL (status) {
  MATCH (c:Change)
  WHERE c.status = status
    AND c.statusAt >= datetime(coalesce($since, '0001-01-01T00:00:00Z'))
    AND ($until IS NULL OR c.statusAt < datetime($until))
    AND ($afterAt IS NULL OR c.statusAt < datetime($afterAt) OR (c.statusAt = datetime($afterAt) AND c.id < $afterId))
    AND ($entity IS NULL OR $entity IN coalesce(c.entityIds, c.targetIds))
    AND ($types IS NULL OR any(t IN coalesce(c.entityTypes, []) WHERE t IN $types))
    AND ($countries IS NULL OR any(x IN coalesce(c.countries, []) WHERE x IN $countries))
  RETURN c ORDER BY c.status DESC, c.statusAt DESC, c.id DESC LIMIT $limit
}
WITH c ORDER BY c.statusAt DESC, c.id DESC LIMIT $limit
RETURN c {
  .id, .kind, .targetIds, .summary, .subject, .at, .sourceId, .note, .status, .direct, .reviewer, .reviewedAt,
  .reviewComment, .appliedAt, .statusAt, .revertOf, .rebasedAt,
  operations: CASE WHEN $full THEN c.operations END, before: CASE WHEN $full THEN c.before END, after: CASE WHEN $full THEN c.after END,
  source: CASE WHEN $sources THEN head(COLLECT { MATCH (s:Source {id: c.sourceId}) RETURN {id: s.id, props: properties(s)} }) END
} AS change
