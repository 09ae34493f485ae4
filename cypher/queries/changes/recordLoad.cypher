// One audit entry per load by a loader (seed, import, gen): applied, direct, no revisions.
CREATE (c:Change {
  id: randomUUID(), kind: 'LOAD', targetIds: [], summary: $summary, subject: $subject,
  at: datetime(), statusAt: datetime(), appliedAt: datetime(), sourceId: null, note: $note,
  status: 'APPROVED', direct: true
})
RETURN c.id AS id
