// For each name to check, the live entities of the same label, other than the new
// id itself, that the full-text index finds for the name's Lucene text
// (src/seed/likelyDuplicates.ts builds it from letters and digits only). The
// caller decides which candidates are close; the score is not used. Retracted
// and merged entities are never candidates. With $onlyNewIds (the seed), names
// of ids the graph already holds are not looked up.
UNWIND $requests AS request
CALL (request) {
  WITH request
  WHERE NOT ($onlyNewIds AND EXISTS { MATCH (:Entity {id: request.id}) })
  CALL db.index.fulltext.queryNodes('entity_search', request.lucene, {limit: $limit}) YIELD node
  WHERE node.id <> request.id AND node.retracted IS NULL AND request.label IN labels(node)
  RETURN collect({id: node.id, name: node.name, aliases: node.aliases}) AS candidates
}
RETURN request.key AS key, candidates
