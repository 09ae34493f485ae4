// Hides an entity from every read; nothing is deleted.
MATCH (n:Entity {id: $id})
WHERE n.retracted IS NULL
SET n.retracted = true, n.retractedAt = datetime(), n.retractedBy = $actor, n.retractionReason = $reason
RETURN n.id AS id
