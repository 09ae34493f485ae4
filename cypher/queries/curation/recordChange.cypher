// One audit entry per curation write, created in the write's own transaction.
// $before and $after: JSON texts of the state a write changed (null: none kept).
CREATE (c:Change {
  id: randomUUID(), kind: $kind, targetIds: $targetIds, summary: $summary,
  subject: $subject, at: datetime(), sourceId: $sourceId, note: $note,
  before: $before, after: $after
})
RETURN properties(c) AS change
