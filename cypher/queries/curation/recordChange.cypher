// One audit entry per curation write, created in the write's own transaction.
CREATE (c:Change {
  id: randomUUID(), kind: $kind, targetIds: $targetIds, summary: $summary,
  subject: $subject, at: datetime(), sourceId: $sourceId, note: $note
})
RETURN properties(c) AS change
