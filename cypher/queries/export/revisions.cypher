// Every revision (one per target of an applied change), for audit/revisions.json.
MATCH (v:Revision)
RETURN properties(v) AS props
ORDER BY v.changeId, v.targetId, v.version
