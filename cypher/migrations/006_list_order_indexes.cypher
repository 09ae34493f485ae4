// Lists sorted by name (the default) read entities in the order of a range index on
// their label's name, from the keyset position, and stop after a page
// (src/translate/roots.ts compileListPage); every entity has a name, so the index
// holds them all. One per entity label (test/domainModel.test.ts checks the list
// against src/domain/model.ts).
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX technology_name IF NOT EXISTS FOR (n:Technology) ON (n.name);
CREATE INDEX modality_name IF NOT EXISTS FOR (n:Modality) ON (n.name);
CREATE INDEX indication_name IF NOT EXISTS FOR (n:Indication) ON (n.name);
CREATE INDEX fund_name IF NOT EXISTS FOR (n:Fund) ON (n.name);
CREATE INDEX policy_name IF NOT EXISTS FOR (n:Policy) ON (n.name);
CREATE INDEX event_name IF NOT EXISTS FOR (n:Event) ON (n.name);
CREATE INDEX agreement_name IF NOT EXISTS FOR (n:Agreement) ON (n.name);
CREATE INDEX country_name IF NOT EXISTS FOR (n:Country) ON (n.name);
CREATE INDEX trial_name IF NOT EXISTS FOR (n:Trial) ON (n.name);
CREATE INDEX approval_name IF NOT EXISTS FOR (n:Approval) ON (n.name);
CREATE INDEX patent_name IF NOT EXISTS FOR (n:Patent) ON (n.name);
// The organizations list's own filter pair: its total counts from this index alone
// (and the retraction mark), without reading each candidate's country and kind.
CREATE INDEX organization_country_kind IF NOT EXISTS FOR (n:Organization) ON (n.country, n.kind);
