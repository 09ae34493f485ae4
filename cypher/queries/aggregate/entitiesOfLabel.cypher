// {{label}} is one of ENTITY_LABELS: how many of $ids are entities of it, live, retracted or merged
// (a maintained view rebuilds when a change names an entity of its hop's target label).
MATCH (m:{{label}})
WHERE m.id IN $ids
RETURN count(m) AS found
