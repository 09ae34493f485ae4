// Records a reviewer's ruling on identity decision $id: its status, who, when,
// why and the cited source ($sourceId, null for none). Returns the live entity
// $subject names (following a merge, as entity(id) does), null when none is live.
MATCH (d:IdentityDecision {id: $id})
SET d.status = $status, d.verdictBy = $actor, d.verdictAt = datetime(), d.verdictNote = $note, d.verdictSourceId = $sourceId
WITH d
OPTIONAL MATCH (x:Entity {id: $subject})
OPTIONAL MATCH (x)-[:SAME_AS]->(kept:Entity)
WITH coalesce(kept, x) AS e
RETURN CASE WHEN e IS NOT NULL AND e.retracted IS NULL THEN {labels: labels(e), props: properties(e)} END AS entity
