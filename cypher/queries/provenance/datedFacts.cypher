// For each entity in $ids: its properties, and its live domain relationships that
// carry one of $dateProperties or lead to an entity of $datedLabels (an agreement,
// trial, approval, event, policy or patent) that carries one, with that entity's
// properties and, for those, its citations.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id, {labels: labels(e), props: properties(e)} AS entity, COLLECT {
  MATCH (e)-[r]-(o:Entity)
  WHERE type(r) IN $types AND r.retracted IS NULL AND o.retracted IS NULL
  WITH r, o, any(l IN labels(o) WHERE l IN $datedLabels) AND any(k IN keys(o) WHERE k IN $dateProperties) AS datedNode
  WHERE datedNode OR any(k IN keys(r) WHERE k IN $dateProperties)
  RETURN {
    id: r.id, type: type(r), outgoing: startNode(r) = e, props: properties(r),
    node: {labels: labels(o), props: CASE WHEN datedNode THEN properties(o) ELSE o {.id, .name, .kind, .exclusive, .territory} END},
    nodeCitations: CASE WHEN datedNode THEN COLLECT { MATCH (o)-[st:STATED_IN]->(s:Source) RETURN {sourceId: s.id, evidence: st.evidence} } ELSE [] END
  }
} AS relationships
