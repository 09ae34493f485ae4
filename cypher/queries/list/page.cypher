// Appended to a list filter: keyset pagination on (name, id) in {{order}} (ASC or DESC).
WITH n
WHERE $after IS NULL
   OR ('{{order}}' = 'ASC' AND (n.name > $after.name OR (n.name = $after.name AND n.id > $after.id)))
   OR ('{{order}}' = 'DESC' AND (n.name < $after.name OR (n.name = $after.name AND n.id < $after.id)))
RETURN {labels: labels(n), props: properties(n)} AS entity
ORDER BY n.name {{order}}, n.id {{order}}
LIMIT $limit
