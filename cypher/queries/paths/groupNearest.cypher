// The nearest way into a group for organization $id: its own live partners in
// $country (a domain relationship, or an agreement both are party to by
// $partnerTypes), with whether each is itself a member ($kind, when given),
// members first, then by name and id. Rules of liveness and $asOf as in
// suggestions.cypher. One row whenever $id exists.
MATCH (o:Entity {id: $id}) WHERE o.retracted IS NULL
CALL (o) {
  MATCH (o)-[r]-(p:Organization)
  WHERE NOT type(r) IN $nonDomainTypes AND r.retracted IS NULL AND (r.unverified IS NULL OR $includeUnverified)
    AND ($asOf IS NULL OR (coalesce(head([x IN $startedOn WHERE r[x] IS NOT NULL | toString(r[x])]), '') <= $asOf AND (r.endedOn IS NULL OR toString(r.endedOn) + '~' >= $asOf)))
  RETURN p
  UNION
  MATCH (o)-[r1]-(ag:Agreement)-[r2]-(p:Organization)
  WHERE p <> o AND type(r1) IN $partnerTypes AND type(r2) IN $partnerTypes
    AND r1.retracted IS NULL AND (r1.unverified IS NULL OR $includeUnverified) AND r2.retracted IS NULL AND (r2.unverified IS NULL OR $includeUnverified)
    AND ag.retracted IS NULL AND (ag.unverified IS NULL OR $includeUnverified)
    AND ($asOf IS NULL OR coalesce(head([x IN $nodeStartedOn WHERE ag[x] IS NOT NULL | toString(ag[x])]), '') <= $asOf)
  RETURN p
}
WITH o, p WHERE p.retracted IS NULL AND (p.unverified IS NULL OR $includeUnverified) AND p.country = $country
WITH o, p, ($kind IS NULL OR p.kind = $kind) AS member
ORDER BY member DESC, p.name, p.id
RETURN o:Organization AS isOrganization, collect({partner: {labels: labels(p), props: p {.*, createdAt: null, updatedAt: null}}, member: member})[..$first] AS partners
