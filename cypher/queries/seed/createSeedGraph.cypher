// First start: the whole seed, merged in memory (SeedGraph in src/seed/loadEcosystem.ts),
// written into a graph that holds no entity yet by CREATEs alone, in one statement, so
// one text is planned instead of one per statement kind and file. Every row holds its
// final properties but its instants: createdAt is the ISO text a file's audit gives, or
// null for the moment of the load; updatedAt and retractedAt are an audit's or null
// (datetime(null) is null, and setting null writes nothing).
// row.label and row.type come from the model (the loader checks). An id already in the
// graph fails a uniqueness constraint and nothing is written.
// replan=skip: the plan (creates, unique-index seeks) does not depend on statistics.
CYPHER replan=skip
CALL () {
  UNWIND $sources AS row
  CREATE (s:Source)
  SET s = row.props, s.createdAt = coalesce(datetime(row.createdAt), datetime())
}
CALL () {
  UNWIND $nodes AS row
  CREATE (n:Entity:$(row.label))
  SET n = row.props, n.createdAt = coalesce(datetime(row.createdAt), datetime()),
      n.updatedAt = datetime(row.updatedAt), n.retractedAt = datetime(row.retractedAt)
}
CALL () {
  UNWIND $relationships AS row
  MATCH (a:Entity {id: row.from})
  MATCH (b:Entity {id: row.to})
  CREATE (a)-[r:$(row.type)]->(b)
  SET r = row.props, r.createdAt = coalesce(datetime(row.createdAt), datetime()),
      r.updatedAt = datetime(row.updatedAt), r.retractedAt = datetime(row.retractedAt)
  RETURN count(r) AS relationships
}
CALL () {
  UNWIND $claims AS row
  CREATE (c:Claim)
  SET c = row.props, c.createdAt = coalesce(datetime(row.createdAt), datetime())
}
CALL () {
  UNWIND $entityStatedIn AS row
  MATCH (n:Entity {id: row.from})
  MATCH (s:Source {id: row.source})
  CREATE (n)-[:STATED_IN {evidence: row.evidence}]->(s)
}
CALL () {
  UNWIND $claimStatedIn AS row
  MATCH (c:Claim {id: row.from})
  MATCH (s:Source {id: row.source})
  CREATE (c)-[:STATED_IN {evidence: row.evidence}]->(s)
}
CALL () {
  UNWIND $about AS row
  MATCH (c:Claim {id: row.claim})
  MATCH (subject:Entity {id: row.subject})
  CREATE (c)-[:ABOUT]->(subject)
}
RETURN relationships
