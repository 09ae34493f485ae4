// The change feed per status (src/modules/changes): changes of one status newest first,
// read in index order, so a review queue of a few PROPOSED changesets is not found by
// reading every applied change of the period (changes/page).
CREATE INDEX change_status_status_at IF NOT EXISTS FOR (c:Change) ON (c.status, c.statusAt);
