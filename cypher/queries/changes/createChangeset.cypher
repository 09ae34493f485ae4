// Stores a proposed changeset as it was proposed: nothing of it is applied yet.
CREATE (c:Change {
  id: $id, kind: 'CHANGESET', status: 'PROPOSED', direct: false,
  targetIds: $targetIds, summary: $summary, subject: $author, at: datetime(), statusAt: datetime(),
  sourceId: $sourceId, note: $note, operations: $operations, revertOf: $revertOf
})
RETURN properties(c) AS change
