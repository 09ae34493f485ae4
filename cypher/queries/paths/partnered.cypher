// Whether organizations $id and $other are partners already (a live domain
// relationship, or a live agreement both are party to by $partnerTypes), with
// $other as a node. Liveness and $asOf as in suggestions.cypher. No row when
// $other does not exist.
MATCH (c:Entity {id: $other}) WHERE c.retracted IS NULL
OPTIONAL MATCH (o:Entity {id: $id}) WHERE o.retracted IS NULL
RETURN {labels: labels(c), props: c {.*, createdAt: null, updatedAt: null}} AS other,
  o IS NOT NULL AND (
    EXISTS { MATCH (o)-[r]-(c) WHERE NOT type(r) IN $nonDomainTypes AND r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified)
             AND ($asOf IS NULL OR (coalesce(head([x IN $startedOn WHERE r[x] IS NOT NULL | toString(r[x])]), '') <= $asOf AND (r.endedOn IS NULL OR toString(r.endedOn) + '~' >= $asOf))) }
    OR EXISTS { MATCH (o)-[r1]-(ag:Agreement)-[r2]-(c) WHERE type(r1) IN $partnerTypes AND type(r2) IN $partnerTypes
             AND r1.retracted IS NULL AND r2.retracted IS NULL AND ag.retracted IS NULL AND (ag.unverified IS NULL OR $includeUnverified)
             AND ($asOf IS NULL OR coalesce(head([x IN $nodeStartedOn WHERE ag[x] IS NOT NULL | toString(ag[x])]), '') <= $asOf) }
  ) AS partners
