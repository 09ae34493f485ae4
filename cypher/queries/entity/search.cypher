// Full-text search; $lucene is built by src/modules/search/lucene.ts from escaped terms.
CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: $candidates}) YIELD node, score
WHERE node.retracted IS NULL
  AND ($labels IS NULL OR any(l IN labels(node) WHERE l IN $labels))
RETURN {labels: labels(node), props: properties(node)} AS entity, score
ORDER BY score DESC, node.name
LIMIT $limit
