// Every identity decision as ecosystem/mergeIdentities writes it again: its
// properties, the reviewer's ruling (null while STANDING) and its citations.
// ABOUT is rebuilt from entityIds.
MATCH (d:IdentityDecision)
RETURN d.id AS id,
       {decision: d.decision, entityIds: d.entityIds, names: d.names, reason: d.reason, unverified: d.unverified} AS props,
       CASE WHEN d.status IN ['CONFIRMED', 'UNDONE']
            THEN {status: d.status, by: d.verdictBy, at: toString(d.verdictAt), note: d.verdictNote, sourceId: d.verdictSourceId} END AS verdict,
       COLLECT { MATCH (d)-[st:STATED_IN]->(s:Source) WITH st, s ORDER BY s.id, st.evidence RETURN {source: s.id, evidence: st.evidence} } AS citations
ORDER BY d.id
