// Stores a proposed changeset as it was proposed: nothing of it is applied yet.
// $located (null when a trial found the targets): a lone upsertEntity proposed
// without a trial, {entityId, sourceId, countryCode}. The change is stored only when
// that source exists (`change` null otherwise: the caller refuses with NOT_FOUND, as
// the write would), and the entity's LOCATED_IN to the live Country of countryCode joins
// the targets under the id linkCountry would give it (relationshipId: from--TYPE--to),
// as curation/mergeEntity finds that Country. Always one row, so it can be sent along
// with the proposal's reads (changes/readTargets' AlongStatement).
WITH $located AS located
OPTIONAL MATCH (s:Source {id: located.sourceId})
OPTIONAL MATCH (country:Country {code: located.countryCode})
WHERE country.retracted IS NULL
WITH located, s, head(collect(country.id)) AS countryId
OPTIONAL CALL (located, s, countryId) {
  WITH * WHERE located IS NULL OR s IS NOT NULL
  CREATE (c:Change {
    id: $id, kind: 'CHANGESET', status: 'PROPOSED', direct: false,
    targetIds: $targetIds + CASE WHEN countryId IS NULL THEN [] ELSE [located.entityId + '--LOCATED_IN--' + countryId] END,
    summary: $summary, subject: $author, at: datetime(), statusAt: datetime(),
    sourceId: $sourceId, note: $note, operations: $operations, revertOf: $revertOf
  })
  RETURN properties(c) AS change
}
RETURN change
