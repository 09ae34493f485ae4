// One audit entry per direct curation write, created in the write's own transaction:
// a changeset applied at once (APPROVED, direct, no reviewer).
// $before and $after: JSON texts of the state a write changed (null: none kept).
CREATE (c:Change {
  id: randomUUID(), kind: $kind, targetIds: $targetIds, summary: $summary,
  subject: $subject, at: datetime(), sourceId: $sourceId, note: $note,
  before: $before, after: $after,
  status: 'APPROVED', direct: true, appliedAt: datetime(), statusAt: datetime()
})
RETURN properties(c) AS change
