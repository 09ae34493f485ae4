// $audit is null for hand-written seed files, or the audit fields of an export.
MERGE (s:Source {id: $source.id})
ON CREATE SET s.createdAt = CASE WHEN $audit.createdAt IS NULL THEN datetime() ELSE datetime($audit.createdAt) END,
              s.createdBy = coalesce($audit.createdBy, $actor)
SET s += $source
