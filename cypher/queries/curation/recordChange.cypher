// One audit entry per direct curation write, created in the write's own transaction:
// a changeset applied at once (APPROVED, direct, no reviewer).
CREATE (c:Change {
  id: randomUUID(), kind: $kind, targetIds: $targetIds, summary: $summary,
  subject: $subject, at: datetime(), sourceId: $sourceId, note: $note,
  status: 'APPROVED', direct: true, appliedAt: datetime(), statusAt: datetime()
})
RETURN properties(c) AS change
