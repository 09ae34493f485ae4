// Each id with its entity's labels and properties (null when no entity has it), and
// the live claims about the entity itself (not about one of its relationships):
// a revision lists each as the field `claim:<id>`.
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
RETURN id, labels(n) AS labels, properties(n) AS props,
  COLLECT {
    MATCH (c:Claim)-[:ABOUT]->(n)
    WHERE c.retracted IS NULL AND c.subjectRelationshipId IS NULL
    RETURN {id: c.id, property: c.property, value: c.value, asOf: c.asOf}
  } AS claims
