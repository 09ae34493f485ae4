// What a maintained aggregate view (src/modules/aggregate/maintained.ts) reads before it
// recomputes anything: the database's clock (the next watermark), every Change that reached
// a status at or after $since less $slackMs (status and statusAt: the change_status_at index of
// migration 011, one seek per status), and the graph version's parts (as
// httpCache/graphVersion), so a write that recorded no Change is noticed.
// A Change is created in its write's own transaction, so once it is seen here that write
// has committed: whatever is read after this statement reflects it.
WITH datetime() AS now
CALL () {
  MATCH (c:Change)
  WHERE c.status IN ['APPROVED', 'PROPOSED', 'REJECTED'] AND c.statusAt >= datetime($since) - duration({milliseconds: $slackMs})
  RETURN collect({id: c.id, status: c.status, kind: c.kind, targetIds: c.targetIds}) AS changes
}
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
OPTIONAL CALL () {
  MATCH (c:Change) WHERE c.statusAt IS NOT NULL
  WITH c ORDER BY c.statusAt DESC, c.id DESC LIMIT 1
  RETURN c.id AS lastChangeId
}
RETURN toString(now) AS now, changes, nodes, relationships, lastChangeId
