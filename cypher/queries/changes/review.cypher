// Moves a PROPOSED changeset to APPROVED (applied, with what its operations wrote)
// or REJECTED, with the reviewer and the comment. Besides its author's rebase
// (changes/rebase) while PROPOSED, the only edit a Change ever gets.
// {{targetIds}}: what the operations wrote, the parameter $targetIds (reviewQuery) or a
// list bound by the statement this one is composed into (an approved lone upsert's).
MATCH (c:Change {id: $changeId})
WHERE c.status = 'PROPOSED'
SET c.status = $status, c.reviewer = $reviewer, c.reviewedAt = datetime(), c.reviewComment = $comment, c.statusAt = datetime()
FOREACH (_ IN CASE WHEN $status = 'APPROVED' THEN [1] ELSE [] END |
  SET c.appliedAt = datetime(), c.targetIds = {{targetIds}}, c.summary = $summary)
RETURN properties(c) AS change
