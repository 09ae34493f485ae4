// {{type}} is one of RELATIONSHIP_TYPE_NAMES. Records who last wrote a relationship and when.
MATCH (:Entity {id: $from})-[r:{{type}} {id: $id}]->(:Entity {id: $to})
SET r.updatedAt = datetime(), r.updatedBy = $actor
RETURN properties(r) AS props
