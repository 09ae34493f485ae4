// {{label}} is one of ENTITY_LABELS (src/domain/model.ts).
UNWIND $rows AS row
MERGE (n:Entity:{{label}} {id: row.id})
ON CREATE SET n.createdAt = coalesce(row.createdAt, datetime()), n.createdBy = coalesce(row.createdBy, $actor)
SET n += row.props
WITH n, row
MATCH (s:Source {id: $sourceId})
MERGE (n)-[st:STATED_IN]->(s)
SET st.evidence = row.evidence
RETURN count(n) AS written
