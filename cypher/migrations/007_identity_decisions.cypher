// Identity decisions (seed files' `identities`, src/domain/identity.ts): one
// (:IdentityDecision) per decision id, ABOUT the entities it names and STATED_IN
// its pages, as a Claim is stored. The seed loader and the import MERGE on the id.
CREATE CONSTRAINT identity_decision_id IF NOT EXISTS FOR (n:IdentityDecision) REQUIRE n.id IS UNIQUE;
