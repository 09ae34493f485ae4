// A fragment, not a statement: the targets of a write, read after the statement it is
// composed into has bound `ids` (entity ids), `incidentIds` (those whose relationships of
// the types $incidentTypes are read too) and `rels` ({id, from, to}): changes/readTargets
// binds them from its parameters, changes/lockChange (for an approval) from the Change's
// targetIds, so an approval of a lone upsert locks and reads its entity with its change.
// The targets of a write in one round trip, write-locked first when $lock (track:
// entities in id order, then both ends of each relationship, as seed/mergeRelationships
// locks them; a property set and removed again takes the lock and changes nothing), so
// what is read stays true until the transaction ends. Ids no entity has are skipped by
// the lock and read as null.
// - entities: each id in ids with its labels and properties, the live claims about it
//   (not about one of its relationships) and the identity decisions about it: a revision
//   lists each claim as the field `claim:<id>` and each decision's status as `identity:<id>`;
//   for the ids in incidentIds, its relationships of the types $incidentTypes too;
//   with $citations, the live sources it is STATED_IN with their evidence (a revision
//   then lists each as the field `citation:<source id>`; only cite and restore ask).
// - relationships: each of rels ({id, from, to}) with its type and properties.
CALL (ids, incidentIds) {
  UNWIND ids AS id
  OPTIONAL MATCH (n:Entity {id: id})
  CALL (n) {
    WITH n WHERE n IS NOT NULL AND $lock
    SET n.writeLock = true
    REMOVE n.writeLock
  }
  RETURN collect({
    id: id, labels: labels(n), props: properties(n),
    claims: COLLECT {
      MATCH (c:Claim)-[:ABOUT]->(n)
      WHERE c.retracted IS NULL AND c.subjectRelationshipId IS NULL
      RETURN {id: c.id, property: c.property, value: c.value, asOf: c.asOf}
    },
    decisions: COLLECT { MATCH (d:IdentityDecision)-[:ABOUT]->(n) RETURN {id: d.id, status: d.status} },
    incident: CASE WHEN id IN incidentIds THEN COLLECT {
      MATCH (n)-[r]-()
      WHERE type(r) IN $incidentTypes AND r.id IS NOT NULL
      RETURN {id: r.id, type: type(r), props: properties(r)}
    } ELSE [] END,
    citations: CASE WHEN $citations AND n IS NOT NULL THEN COLLECT {
      MATCH (n)-[st:STATED_IN]->(s:Source)
      RETURN {id: s.id, evidence: st.evidence}
    } ELSE [] END
  }) AS entities
}
CALL (rels) {
  UNWIND rels AS rel
  OPTIONAL MATCH (a:Entity {id: rel.from})
  OPTIONAL MATCH (b:Entity {id: rel.to})
  CALL (a, b) {
    WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND $lock
    SET a.writeLock = true, b.writeLock = true
    REMOVE a.writeLock, b.writeLock
  }
  OPTIONAL MATCH (a)-[r]->(b)
  WHERE r.id = rel.id
  WITH rel, head(collect(r)) AS r
  RETURN collect({id: rel.id, type: type(r), props: properties(r)}) AS relationships
}
RETURN entities, relationships
