// One text for every label: row.label is one of ECOSYSTEM_LABELS (the loader
// checks) and is set as a dynamic label next to :Entity. row.props holds the
// full definition's fields for a definition and only `properties` for a mention,
// so applying them in any file order gives the same node. Aliases are unioned;
// with none on either side there is no aliases property (the graph holds no
// empty list, see storedProperties in src/seed/seedFile.ts). Their search and
// lookup keys (row.searchAliases, row.aliasKeys, computed by the loader:
// aliasKeyProperties in src/domain/nameKeys.ts) are unioned alike, so they stay
// the keys of the aliases.
// The names of each language (namesEn, namesJa, namesZhHant: a name's language
// tags, NAME_LANGUAGE_PROPERTIES) are unioned too.
// Each citation is one STATED_IN {evidence}; a page stating the entity twice with
// different evidence keeps both. `unverified` is recomputed from every page now
// citing the node, so the last file to touch it decides with all citations.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n.createdAt = datetime(), n.createdBy = $actor, n.version = 0
WITH n, row, properties(n) AS before
WITH n, row, before, coalesce(n.aliases, []) + [a IN row.aliases WHERE NOT a IN coalesce(n.aliases, [])] AS aliases,
     coalesce(n.searchAliases, []) + [k IN row.searchAliases WHERE NOT k IN coalesce(n.searchAliases, [])] AS searchAliases,
     coalesce(n.aliasKeys, []) + [k IN row.aliasKeys WHERE NOT k IN coalesce(n.aliasKeys, [])] AS aliasKeys,
     coalesce(n.namesEn, []) + [v IN row.namesEn WHERE NOT v IN coalesce(n.namesEn, [])] AS namesEn,
     coalesce(n.namesJa, []) + [v IN row.namesJa WHERE NOT v IN coalesce(n.namesJa, [])] AS namesJa,
     coalesce(n.namesZhHant, []) + [v IN row.namesZhHant WHERE NOT v IN coalesce(n.namesZhHant, [])] AS namesZhHant
SET n:$(row.label), n += row.props,
    n.aliases = CASE WHEN size(aliases) = 0 THEN null ELSE aliases END,
    n.searchAliases = CASE WHEN size(aliases) = 0 THEN null ELSE searchAliases END,
    n.aliasKeys = CASE WHEN size(aliases) = 0 THEN null ELSE aliasKeys END,
    n.namesEn = CASE WHEN size(namesEn) = 0 THEN null ELSE namesEn END,
    n.namesJa = CASE WHEN size(namesJa) = 0 THEN null ELSE namesJa END,
    n.namesZhHant = CASE WHEN size(namesZhHant) = 0 THEN null ELSE namesZhHant END
WITH n, row, before
CALL (n, row) {
  UNWIND row.citations AS c
  MATCH (s:Source {id: c.source})
  MERGE (n)-[:STATED_IN {evidence: c.evidence}]->(s)
}
// The format-1 loader sets its evidence on every STATED_IN between a node and its
// page, so after it reloads, two may say the same thing: keep one of each.
CALL (n) {
  MATCH (n)-[st:STATED_IN]->(s:Source)
  WITH s, st.evidence AS evidence, collect(st) AS same
  WHERE size(same) > 1
  UNWIND same[1..] AS extra
  DELETE extra
}
WITH n, before
SET n.unverified = CASE WHEN COUNT { (n)-[:STATED_IN]->(s:Source) WHERE NOT coalesce(s.kind, '') IN $unverifyingKinds } = 0
                        THEN true ELSE null END
// A load that changes an entity raises its version (absent: 1), so an edit based on the
// version read before the load is refused with CONFLICT; a new one gets none (version 0
// marked it as new above).
// Only what existed before this load run began ($loadStartedAt) is raised: a run of many
// files that creates an entity and enriches it leaves it as new, as the bulk path does.
WITH n, before
CALL (n, before) {
  WITH * WHERE before.version = 0
  REMOVE n.version
}
CALL (n, before) {
  WITH * WHERE (before.version <> 0 OR before.version IS NULL)
    AND (before.createdAt IS NULL OR before.createdAt < datetime($loadStartedAt))
  WITH * WHERE properties(n) <> before
  SET n.version = coalesce(before.version, 1) + 1
}
RETURN count(n) AS written
