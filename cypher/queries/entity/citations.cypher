// Where each entity was stated: its STATED_IN links to sources.
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[s:STATED_IN]->(src:Source)
WITH id, s, src ORDER BY src.publishedOn, src.id
RETURN id, collect({sourceId: src.id, evidence: s.evidence}) AS citations
