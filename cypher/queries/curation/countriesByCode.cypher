// The Country entity id of each ISO code (null when the graph has none).
UNWIND $codes AS code
OPTIONAL MATCH (c:Country {code: code})
WHERE c.retracted IS NULL
RETURN code, c.id AS id
