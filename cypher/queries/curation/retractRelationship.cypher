// {{type}} is one of RELATIONSHIP_TYPE_NAMES. Hides a relationship from every read; nothing is deleted.
MATCH (:Entity {id: $from})-[r:{{type}} {id: $id}]->(:Entity {id: $to})
WHERE r.retracted IS NULL
SET r.retracted = true, r.retractedAt = datetime(), r.retractedBy = $actor, r.retractionReason = $reason
RETURN r.id AS id
