// Sets properties of a relationship back (revertChange), as restoreEntity does for an entity;
// its citations too: the sources in $citationsOff leave its sourceIds (and their
// evidence), those in $citationsOn ({id, evidence}) join them again.
MATCH (:Entity {id: $from})-[r]->(:Entity {id: $to})
WHERE r.id = $id
SET r += $set, r.updatedAt = datetime(), r.updatedBy = $actor
FOREACH (k IN $remove | SET r[k] = null)
FOREACH (_ IN CASE WHEN $set.retracted = true THEN [1] ELSE [] END |
  SET r.retractedAt = datetime(), r.retractedBy = $actor, r.retractionReason = $reason)
FOREACH (_ IN CASE WHEN 'retracted' IN $remove THEN [1] ELSE [] END |
  REMOVE r.retractedAt, r.retractedBy, r.retractionReason)
WITH r, [c IN $citationsOn | c.id] AS onIds
WITH r, onIds, [i IN range(0, size(coalesce(r.sourceIds, [])) - 1)
                WHERE NOT r.sourceIds[i] IN $citationsOff AND NOT r.sourceIds[i] IN onIds | [r.sourceIds[i], coalesce(r.evidence[i], '')]] +
               [c IN $citationsOn | [c.id, c.evidence]] AS kept
FOREACH (_ IN CASE WHEN size($citationsOff) + size($citationsOn) > 0 THEN [1] ELSE [] END |
  SET r.sourceIds = CASE WHEN size(kept) > 0 THEN [k IN kept | k[0]] END,
      r.evidence = CASE WHEN size(kept) > 0 THEN [k IN kept | k[1]] END)
RETURN r.id AS id
