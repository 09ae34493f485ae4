// A PROPOSED changeset based anew by its author (rebaseChange): its operations with the
// current bases, and what they would write. The operations it had are kept, newest last.
MATCH (c:Change {id: $id})
WHERE c.status = 'PROPOSED'
SET c.rebasedFrom = coalesce(c.rebasedFrom, []) + c.operations,
    c.operations = $operations, c.targetIds = $targetIds, c.summary = $summary,
    c.sourceId = $sourceId, c.note = $note, c.rebasedAt = datetime()
RETURN properties(c) AS change
