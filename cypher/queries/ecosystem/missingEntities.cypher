// The ids among $ids that no entity holds yet.
UNWIND $ids AS id
WITH id WHERE NOT EXISTS { MATCH (:Entity {id: id}) }
RETURN collect(id) AS missing
