// Each id with its entity's labels and properties (null when no entity has it); the
// live claims about the entity itself (not about one of its relationships), and the
// identity decisions about it with their status: a revision lists each claim as the
// field `claim:<id>` and each decision's status as `identity:<id>`.
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
RETURN id, labels(n) AS labels, properties(n) AS props,
  COLLECT {
    MATCH (c:Claim)-[:ABOUT]->(n)
    WHERE c.retracted IS NULL AND c.subjectRelationshipId IS NULL
    RETURN {id: c.id, property: c.property, value: c.value, asOf: c.asOf}
  } AS claims,
  COLLECT { MATCH (d:IdentityDecision)-[:ABOUT]->(n) RETURN {id: d.id, status: d.status} } AS decisions
