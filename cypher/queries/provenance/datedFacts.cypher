// For each entity in $ids: its properties, and its live domain relationships
// that carry one of $dateProperties, with the other end's id, labels and name.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id, {labels: labels(e), props: properties(e)} AS entity, COLLECT {
  MATCH (e)-[r]-(o:Entity)
  WHERE type(r) IN $types AND r.retracted IS NULL AND o.retracted IS NULL AND any(k IN keys(r) WHERE k IN $dateProperties)
  RETURN {id: r.id, type: type(r), outgoing: startNode(r) = e, props: properties(r), node: {labels: labels(o), props: o {.id, .name, .kind, .exclusive, .territory}}}
} AS relationships
