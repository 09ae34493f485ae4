// One value of one property, as one page or several state it. row.props sends
// every optional field (null when absent, which removes a stale one). A node
// subject is linked by ABOUT; a relationship subject is row.props.subjectRelationshipId.
UNWIND $rows AS row
MERGE (c:Claim {id: row.id})
ON CREATE SET c.createdAt = datetime(), c.createdBy = $actor
SET c += row.props
WITH c, row
CALL (c, row) {
  MATCH (subject:Entity {id: row.subjectId})
  MERGE (c)-[:ABOUT]->(subject)
}
CALL (c, row) {
  UNWIND row.citations AS cited
  MATCH (s:Source {id: cited.source})
  MERGE (c)-[:STATED_IN {evidence: cited.evidence}]->(s)
}
RETURN count(c) AS written
