// Put before an export's match when it has a `search`:
// the ids of the best full-text matches of the label ({{label}} from the model),
// as list pages choose them (src/translate/roots.ts).
CALL () {
  CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: $textCandidates}) YIELD node, score
  WHERE node:{{label}} AND node.retracted IS NULL
  WITH node, score ORDER BY score DESC LIMIT $textMatches
  RETURN collect(node.id) AS textIds
}
