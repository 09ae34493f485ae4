// Every claim with what the loader needs to write it again (ecosystem/mergeClaims
// rows): the subject entity, its properties and its citations.
MATCH (c:Claim)-[:ABOUT]->(e:Entity)
RETURN c.id AS id, e.id AS subjectId, properties(c) AS props,
       COLLECT { MATCH (c)-[st:STATED_IN]->(s:Source) WITH st, s ORDER BY s.id, st.evidence RETURN {source: s.id, evidence: st.evidence} } AS citations
ORDER BY c.id
