// Storage for the ecosystem seed (format 2, seed/ecosystem/): the new entity
// labels, claims (one value of one property with the pages that state it), and
// sources found by their page address.
CREATE CONSTRAINT trial_id IF NOT EXISTS FOR (n:Trial) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT approval_id IF NOT EXISTS FOR (n:Approval) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT patent_id IF NOT EXISTS FOR (n:Patent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE;
// One Source per page: the validator maps each url to one source id across files.
CREATE CONSTRAINT source_url IF NOT EXISTS FOR (n:Source) REQUIRE n.url IS UNIQUE;
CREATE INDEX source_kind IF NOT EXISTS FOR (n:Source) ON (n.kind);
// Conflicts are listed by (subject, property): by ABOUT for a node, by this id for a relationship.
CREATE INDEX claim_property IF NOT EXISTS FOR (n:Claim) ON (n.property);
CREATE INDEX claim_subject_relationship IF NOT EXISTS FOR (n:Claim) ON (n.subjectRelationshipId);
CREATE INDEX trial_status IF NOT EXISTS FOR (n:Trial) ON (n.status);
CREATE INDEX approval_kind IF NOT EXISTS FOR (n:Approval) ON (n.kind);
