// The relationships of the model's types ($types) at these entities, with their
// properties: what a write about the entities may also change.
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r]-()
WHERE type(r) IN $types AND r.id IS NOT NULL
RETURN DISTINCT r.id AS id, type(r) AS type, properties(r) AS props
