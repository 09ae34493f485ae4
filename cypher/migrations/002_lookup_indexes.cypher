// Filters and orderings the read API uses.
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX organization_country IF NOT EXISTS FOR (n:Organization) ON (n.country);
CREATE INDEX organization_kind IF NOT EXISTS FOR (n:Organization) ON (n.kind);
CREATE INDEX technology_kind IF NOT EXISTS FOR (n:Technology) ON (n.kind);
CREATE INDEX event_start_date IF NOT EXISTS FOR (n:Event) ON (n.startDate);
CREATE INDEX agreement_kind IF NOT EXISTS FOR (n:Agreement) ON (n.kind);
CREATE INDEX country_code IF NOT EXISTS FOR (n:Country) ON (n.code);
