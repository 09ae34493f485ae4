// Each relationship by id with its type and properties (null when it does not exist). $rels: [{id, from, to}].
UNWIND $rels AS rel
OPTIONAL MATCH (:Entity {id: rel.from})-[r]->(:Entity {id: rel.to})
WHERE r.id = rel.id
WITH rel, head(collect(r)) AS r
RETURN rel.id AS id, type(r) AS type, properties(r) AS props
