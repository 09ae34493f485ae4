// A cheap fingerprint of the graph for HTTP ETags: node and relationship counts
// (answered from the count store) and the newest audit entry, so a write that
// adds, removes or changes anything through the API gives a new version.
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () {
  OPTIONAL MATCH (c:Change)
  WITH c ORDER BY c.at DESC, c.id DESC LIMIT 1
  RETURN c.id AS lastChangeId, toString(c.at) AS lastChangeAt
}
RETURN nodes, relationships, lastChangeId, lastChangeAt
