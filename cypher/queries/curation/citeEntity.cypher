// Cites a source for an entity (an agreement too) without re-stating it: only the
// STATED_IN link with its evidence is written (a source cited already gets the new
// evidence), and `unverified` is derived again as the loaders derive it (no live
// source but of $unverifyingKinds). No row when the entity or source is absent.
MATCH (n:Entity {id: $id})
MATCH (s:Source {id: $sourceId})
// Looked up and created when absent rather than MERGEd, which would write-lock the
// shared source (see curation/mergeEntity); the entity is write-locked by track.
OPTIONAL MATCH (n)-[old:STATED_IN]->(s)
CALL (n, s, old) {
  WITH * WHERE old IS NULL
  CREATE (n)-[st:STATED_IN]->(s)
  SET st.evidence = $evidence
}
SET old.evidence = $evidence, n.updatedAt = datetime(), n.updatedBy = $actor,
    n.unverified = CASE WHEN COUNT { (n)-[:STATED_IN]->(x:Source) WHERE NOT coalesce(x.kind, '') IN $unverifyingKinds } = 0 THEN true END
RETURN n.id AS id
