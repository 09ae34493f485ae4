// The claims about each entity in $ids (a relationship's claims are about its
// start entity and carry subjectRelationshipId), with their citations, ordered
// by property, then value date, then id. Retracted claims are left out.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id, COLLECT {
  MATCH (c:Claim)-[:ABOUT]->(e)
  WHERE c.retracted IS NULL
  WITH c ORDER BY c.property, c.asOf, c.id
  RETURN {
    id: c.id, property: c.property, value: c.value, valueEntity: c.valueEntity, asOf: c.asOf, note: c.note,
    unverified: coalesce(c.unverified, false), subjectId: e.id, subjectRelationshipId: c.subjectRelationshipId,
    relationshipType: head(COLLECT { MATCH (e)-[r]->(o:Entity) WHERE r.id = c.subjectRelationshipId RETURN type(r) }),
    otherId: head(COLLECT { MATCH (e)-[r]->(o:Entity) WHERE r.id = c.subjectRelationshipId RETURN o.id }),
    citations: COLLECT { MATCH (c)-[st:STATED_IN]->(s:Source) WITH st, s ORDER BY s.id RETURN {sourceId: s.id, evidence: st.evidence} }
  }
} AS claims
