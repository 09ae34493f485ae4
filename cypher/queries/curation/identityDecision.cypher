// One identity decision as a ruling needs it, write-locking it for the rest of
// the transaction (SET of its own status), so two rulings on it run one after the
// other and the second sees the first's status. No row for an unknown id.
MATCH (d:IdentityDecision {id: $id})
SET d.status = d.status
RETURN d.decision AS decision, d.entityIds AS entityIds, d.status AS status, d.verdictBy AS by, toString(d.verdictAt) AS at
