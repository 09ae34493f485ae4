// Reviewed changes (src/modules/changes): a changeset is a (:Change) found by id,
// the feed reads changes by when they reached their status (statusAt), and each write leaves one (:Revision) per entity
// or relationship it changed, read by target and version (history, conflicts).
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE;
CREATE INDEX change_status_at IF NOT EXISTS FOR (c:Change) ON (c.statusAt);
CREATE INDEX revision_target_version IF NOT EXISTS FOR (r:Revision) ON (r.targetId, r.version);
CREATE INDEX revision_change IF NOT EXISTS FOR (r:Revision) ON (r.changeId);
