// Records on a Change which entities its writes touched (a relationship touches both
// ends), their types and countries, for the change feed's filters. Adds to what an
// earlier operation of the same changeset recorded.
MATCH (c:Change {id: $changeId})
OPTIONAL MATCH (n:Entity) WHERE n.id IN $entityIds
WITH c, collect(n) AS touched
WITH c,
     [n IN touched | n.id] AS ids,
     [n IN touched | toUpper([l IN labels(n) WHERE l <> 'Entity'][0])] AS types,
     [n IN touched WHERE n.country IS NOT NULL OR n:Country | CASE WHEN n:Country THEN n.code ELSE n.country END] AS countries
SET c.entityIds = reduce(acc = [], x IN coalesce(c.entityIds, []) + ids | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    c.entityTypes = reduce(acc = [], x IN coalesce(c.entityTypes, []) + types | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    c.countries = reduce(acc = [], x IN coalesce(c.countries, []) + countries | CASE WHEN x IN acc OR x IS NULL THEN acc ELSE acc + x END)
RETURN c.id AS id
