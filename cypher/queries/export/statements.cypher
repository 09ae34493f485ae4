// Every entity with each source that stated it.
MATCH (n:Entity)-[st:STATED_IN]->(s:Source)
RETURN s.id AS sourceId, labels(n) AS labels, properties(n) AS props, st.evidence AS evidence
ORDER BY s.id, n.id
