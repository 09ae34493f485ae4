// Per modality or indication ({{label}}, {{type}}: USES_MODALITY or TARGETS_INDICATION):
// how many technologies and organizations link to it directly.
MATCH (m:{{label}})
WHERE m.retracted IS NULL
RETURN {labels: labels(m), props: properties(m)} AS entity,
       COUNT { (m)<-[r:{{type}}]-(t:Technology) WHERE r.retracted IS NULL } AS technologyCount,
       COUNT { (m)<-[r:{{type}}]-(o:Organization) WHERE r.retracted IS NULL } AS organizationCount
ORDER BY technologyCount + organizationCount DESC, m.name
