// A lone upsert's proposal stored (changes/createChangeset, along with its reads) on
// the guess that its entity was new, corrected once the reads found it was not: its
// summary (updated, not created) and its operations (the base version found).
MATCH (c:Change {id: $id})
SET c.summary = $summary, c.operations = $operations
RETURN properties(c) AS change
