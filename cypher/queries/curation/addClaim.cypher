// One value a page states for a property of an entity, stored as the loaders
// store claims (ecosystem/mergeClaims): a (:Claim) ABOUT the entity and STATED_IN
// the source with the evidence. The entity's own property is left as it is.
// unverified as the loaders derive it: the only page is of an unverifying kind.
MATCH (e:Entity {id: $entityId})
MATCH (s:Source {id: $sourceId})
CREATE (c:Claim {id: $id, property: $property, value: $value, createdAt: datetime(), createdBy: $actor})
SET c.asOf = $asOf, c.note = $note,
    c.unverified = CASE WHEN s.kind IN $unverifyingKinds THEN true ELSE null END
CREATE (c)-[:ABOUT]->(e)
CREATE (c)-[:STATED_IN {evidence: $evidence}]->(s)
RETURN c.id AS id
