// Cites a source for a relationship without re-stating it: $sourceId joins its
// sourceIds with $evidence at the same place in its evidence list (a source cited
// already gets the new evidence), and `unverified` is derived again (every source of
// $unverifyingKinds). No row when the relationship or source is absent.
MATCH (s:Source {id: $sourceId})
MATCH (:Entity {id: $from})-[r]->(:Entity {id: $to})
WHERE r.id = $id
WITH s, r, coalesce(r.sourceIds, []) AS ids, coalesce(r.evidence, []) AS notes
WITH s, r, ids, notes, CASE WHEN $sourceId IN ids THEN ids ELSE ids + $sourceId END AS cited
SET r.sourceIds = cited,
    r.evidence = CASE WHEN $sourceId IN ids
                      THEN [i IN range(0, size(ids) - 1) | CASE WHEN ids[i] = $sourceId THEN $evidence ELSE coalesce(notes[i], '') END]
                      ELSE notes + $evidence END,
    r.updatedAt = datetime(), r.updatedBy = $actor
SET r.unverified = CASE WHEN all(x IN cited WHERE EXISTS { MATCH (v:Source {id: x}) WHERE v.kind IN $unverifyingKinds }) THEN true END
RETURN r.id AS id
