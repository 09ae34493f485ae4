// One value of one property, as one page or several state it. row.props sends
// every optional field (null when absent, which removes a stale one). A node
// subject is linked by ABOUT; a relationship subject is row.props.subjectRelationshipId.
// A load that adds or changes a claim (its value, its fields, a new citation) raises
// its subject's version once per statement (absent: 1), as a change of the subject's
// own properties does (ecosystem/mergeNodes), so an edit based on the version read
// before the load is refused with CONFLICT. Only subjects that existed before the load
// run began ($loadStartedAt; null, as an export's import passes: none) are raised.
UNWIND $rows AS row
OPTIONAL MATCH (old:Claim {id: row.id})
WITH row, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before,
     CASE WHEN old IS NULL THEN 0 ELSE COUNT { (old)-[:STATED_IN]->() } END AS citedBefore
MERGE (c:Claim {id: row.id})
ON CREATE SET c.createdAt = datetime(), c.createdBy = $actor
SET c += row.props
WITH c, row, before, citedBefore
CALL (c, row) {
  MATCH (subject:Entity {id: row.subjectId})
  MERGE (c)-[:ABOUT]->(subject)
}
CALL (c, row) {
  UNWIND row.citations AS cited
  MATCH (s:Source {id: cited.source})
  MERGE (c)-[:STATED_IN {evidence: cited.evidence}]->(s)
}
WITH c, row, before IS NULL OR properties(c) <> before OR COUNT { (c)-[:STATED_IN]->() } <> citedBefore AS changed
WITH count(c) AS written,
     collect(DISTINCT CASE WHEN changed THEN {from: row.subjectId, rel: row.props.subjectRelationshipId} END) AS subjects
CALL (subjects) {
  UNWIND subjects AS subject
  WITH subject WHERE subject.rel IS NULL
  MATCH (n:Entity {id: subject.from})
  WHERE n.createdAt IS NULL OR n.createdAt < datetime($loadStartedAt)
  SET n.version = coalesce(n.version, 1) + 1
}
CALL (subjects) {
  UNWIND subjects AS subject
  WITH subject WHERE subject.rel IS NOT NULL
  MATCH (:Entity {id: subject.from})-[r]->()
  WHERE r.id = subject.rel AND (r.createdAt IS NULL OR r.createdAt < datetime($loadStartedAt))
  SET r.version = coalesce(r.version, 1) + 1
}
RETURN written
