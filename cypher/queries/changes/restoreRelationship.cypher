// Sets properties of a relationship back (revertChange), as restoreEntity does for an entity.
MATCH (:Entity {id: $from})-[r]->(:Entity {id: $to})
WHERE r.id = $id
SET r += $set, r.updatedAt = datetime(), r.updatedBy = $actor
FOREACH (k IN $remove | SET r[k] = null)
FOREACH (_ IN CASE WHEN $set.retracted = true THEN [1] ELSE [] END |
  SET r.retractedAt = datetime(), r.retractedBy = $actor, r.retractionReason = $reason)
FOREACH (_ IN CASE WHEN 'retracted' IN $remove THEN [1] ELSE [] END |
  REMOVE r.retractedAt, r.retractedBy, r.retractionReason)
RETURN r.id AS id
