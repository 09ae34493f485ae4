// A cheap fingerprint of the graph for HTTP ETags: node and relationship counts
// (answered from the count store) and the newest audit entry by when it reached its
// status (a proposal, a review, a direct write or a load all set statusAt), so a write
// that adds, removes or changes anything through the API gives a new version. The
// newest entry is read from the change_status_at index (PartialTop over the index
// order: a few db hits), not by sorting every Change: with 11,000 changes the sort took
// 33,553 db hits and 50 ms.
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
OPTIONAL CALL () {
  MATCH (c:Change) WHERE c.statusAt IS NOT NULL
  WITH c ORDER BY c.statusAt DESC, c.id DESC LIMIT 1
  RETURN c.id AS lastChangeId, toString(c.statusAt) AS lastChangeAt
}
RETURN nodes, relationships, lastChangeId, lastChangeAt
