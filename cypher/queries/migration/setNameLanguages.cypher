// The name languages of entities loaded before they were stored (migration 011):
// each list keeps only names the entity still holds; an empty list is no property.
// Entities that already have one are left as they are.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WHERE n.namesEn IS NULL AND n.namesJa IS NULL AND n.namesZhHant IS NULL
WITH n, row, [n.name] + coalesce(n.aliases, []) AS held
WITH n, [v IN row.namesEn WHERE v IN held] AS en, [v IN row.namesJa WHERE v IN held] AS ja, [v IN row.namesZhHant WHERE v IN held] AS zh
SET n.namesEn = CASE WHEN size(en) = 0 THEN null ELSE en END,
    n.namesJa = CASE WHEN size(ja) = 0 THEN null ELSE ja END,
    n.namesZhHant = CASE WHEN size(zh) = 0 THEN null ELSE zh END
RETURN count(n) AS written
