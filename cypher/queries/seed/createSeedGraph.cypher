// First start: the whole seed, merged in memory (SeedGraph in src/seed/loadEcosystem.ts),
// written into a graph that holds no entity yet by CREATEs alone, in one statement, so
// one text is planned instead of several per file. $nodes holds every Source, entity and
// Claim with its final properties; each relationship row (domain types, STATED_IN, ABOUT)
// names its ends by their position in $nodes, so no end is looked up. collect() keeps the
// order of the UNWIND; the ids each row also carries are checked against the nodes found
// there, and a row that does not match writes nothing (the loader counts the rows written
// and refuses the load). Instants: createdAt is the ISO text a file's audit gives, or null
// for the moment of the load (a row that is not `stamped`, STATED_IN and ABOUT, gets none);
// updatedAt and retractedAt an audit's or null (datetime(null) is null; setting null
// writes nothing). Labels and types come from the model or the loader, never from input
// text. An id the graph already holds fails a uniqueness constraint: nothing is written.
// replan=skip: the plan (creates, list lookups) does not depend on statistics.
CYPHER replan=skip
UNWIND $nodes AS row
CREATE (n:$(row.labels))
SET n = row.props, n.createdAt = coalesce(datetime(row.createdAt), datetime()),
    n.updatedAt = datetime(row.updatedAt), n.retractedAt = datetime(row.retractedAt)
WITH collect(n) AS created
CALL (created) {
  UNWIND $relationships AS row
  WITH created[row.from] AS a, created[row.to] AS b, row
  WHERE a.id = row.fromId AND b.id = row.toId
  CREATE (a)-[r:$(row.type)]->(b)
  SET r = row.props, r.createdAt = coalesce(datetime(row.createdAt), CASE WHEN row.stamped THEN datetime() END),
      r.updatedAt = datetime(row.updatedAt), r.retractedAt = datetime(row.retractedAt)
  RETURN count(r) AS relationships
}
RETURN relationships
