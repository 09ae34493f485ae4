// One text for every label: $label is one of ENTITY_LABELS (a parsed SeedNode's
// label) and is set next to :Entity; the caller has checked that the id is free or
// held by an entity of that label. Stores the node exactly as seed/mergeNodes
// does (createdAt/createdBy on create, properties merged, STATED_IN carrying the
// evidence) and also stamps updatedAt/updatedBy. `created` is true only for the
// call whose MERGE created the node: $marker is set on create and removed at once,
// so concurrent upserts of one id report exactly one creation.
// The citation is looked up and CREATEd when absent, not MERGEd: a MERGE of a
// relationship write-locks both ends when it finds none, and most writes cite one of
// a few sources, so every concurrent write citing the same source (proposal trials
// included) queued behind the others until each committed or rolled back. The
// entity itself is write-locked (track locks it first; a new one is this call's), so
// no other curation write adds the same citation meanwhile.
MERGE (n:Entity {id: $id})
ON CREATE SET n.createdAt = datetime(), n.createdBy = $actor, n.pendingCreation = $marker
SET n:$($label), n += $props, n.updatedAt = datetime(), n.updatedBy = $actor
WITH n, coalesce(n.pendingCreation = $marker, false) AS created
REMOVE n.pendingCreation
WITH n, created
MATCH (s:Source {id: $sourceId})
OPTIONAL MATCH (n)-[old:STATED_IN]->(s)
CALL (n, s, old) {
  WITH * WHERE old IS NULL
  CREATE (n)-[st:STATED_IN]->(s)
  SET st.evidence = $evidence
}
SET old.evidence = $evidence
WITH n, created
// $countryCode (null: none): the live Country of that code, for the entity's LOCATED_IN
// (as curation/countriesByCode finds it), read here to save a round trip.
OPTIONAL MATCH (country:Country {code: $countryCode})
WHERE country.retracted IS NULL
RETURN created, {labels: labels(n), props: properties(n)} AS entity, country.id AS countryId
