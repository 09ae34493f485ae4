import { getArgumentValues, getVariableValues, TypeInfo, visit, visitWithTypeInfo, BREAK, Kind, type DocumentNode, type FieldNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { COMMON_PROPERTY_DECLARATIONS, EDGE_DECLARATIONS, ENTITY_DECLARATIONS, fieldNameOf, type EntityDeclaration } from '../domain/entities';
import { CONNECTION_LABELS, LIST_NAMES } from '../domain/entityTypes';
import { LIST_LABELS } from '../modules/list/inputs';

/**
 * The audit behind the result cache (src/http/resultCache.ts): which fields
 * answer from graph data that every applied write versions, so that an answer
 * kept under the graph version (src/http/httpCache.ts GraphVersion: node and
 * relationship counts and the newest Change by statusAt) is still the answer.
 *
 * The writes that leave the version as it is: a PROPOSED changeset's rebase
 * (rebaseChange edits its operations, summary, targetIds, sourceId, note and
 * rebasedAt, and keeps its statusAt), an account's password or roles
 * (accounts are not graph data any field reads), and an edit made in Neo4j
 * outside the API that adds no Change and no node. A proposal (a new Change), a rejection and an approval (statusAt),
 * an identity ruling and every direct write (a Change of its own) all move it.
 *
 * A kept answer is also keyed by the document, the variables, the reader's
 * language (display names, phrases and descriptions answer in it) and the
 * caller's roles (Source.text is for curators only), so fields that vary by
 * those are versioned here too.
 *
 * A query is kept only when every field it selects, through fragments too,
 * is declared here as versioned: a field added later is left out of the cache
 * until someone audits it and declares it (VERSIONED_FIELDS) or records why
 * not (UNVERSIONED_FIELDS).
 */

/** Fields every entity type shares (the Entity interface), each read from the entity, its relationships, claims, decisions and applied revisions. */
const ENTITY_FIELDS = [
  'id', 'name', 'canonicalName', 'names', 'aliases', 'type', 'kind', 'description', 'facts', 'sources', 'relations', 'relationsConnection',
  'unverified', 'corroboration', 'claims', 'conflicts', 'timeline', 'identityDecisions', 'version', 'history',
] as const;

/**
 * Fields computed by a hand-written resolver (EntityDeclaration.computed) that
 * were audited: the model alone does not say what they read.
 */
const AUDITED_COMPUTED_FIELDS: ReadonlySet<string> = new Set(['organizationCount']);

/** An entity type's fields from the model: its properties, its kind field, its relationship fields, and its audited computed ones. */
function modelFields(entity: EntityDeclaration): string[] {
  const properties = { ...COMMON_PROPERTY_DECLARATIONS, ...entity.properties };
  return [
    ...Object.entries(properties).flatMap(([property, declaration]) => fieldNameOf(property, declaration) ?? []),
    ...(entity.kind?.field ? [entity.kind.field] : []),
    ...Object.keys(entity.relations),
    ...Object.keys(entity.computed ?? {}).filter((field) => AUDITED_COMPUTED_FIELDS.has(field)),
  ];
}

/** Root fields kept whatever their arguments: every list and aggregate, statistics, one entity and several. */
export const CACHEABLE_ROOTS: ReadonlySet<string> = new Set([
  ...LIST_LABELS.flatMap((label) => [LIST_NAMES[label], `${LIST_NAMES[label]}Aggregate`]),
  'statistics',
  'entity',
  'entities',
]);

/**
 * Root fields kept for some arguments only: `changes` of applied changes (the
 * default). A PROPOSED changeset can be rebased without a new graph version (a
 * rebase keeps its statusAt), so a review queue is never kept.
 */
export const CACHEABLE_WHEN: Readonly<Record<string, (args: Record<string, unknown>) => boolean>> = {
  changes: (args) => !Array.isArray(args.status) || args.status.every((status) => status === 'APPROVED'),
};

const fields = (...names: string[]) => names;

/**
 * Every field audited as depending on the graph alone at its version (with the
 * request's language and the caller's roles), by type. Entity types and the
 * lists' connections follow from the model; the rest is declared.
 */
export const VERSIONED_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = Object.fromEntries(
  Object.entries({
    Query: [...CACHEABLE_ROOTS, ...Object.keys(CACHEABLE_WHEN)],
    Entity: [...ENTITY_FIELDS],
    ...Object.fromEntries(ENTITY_DECLARATIONS.map(([label, entity]) => [label, [...ENTITY_FIELDS, ...modelFields(entity)]])),
    ...Object.fromEntries(CONNECTION_LABELS.flatMap((label) => [
      [`${label}Connection`, fields('edges', 'nodes', 'pageInfo', 'totalCount')],
      [`${label}Edge`, fields('cursor', 'node')],
    ])),
    // The relationships shown as objects: their ends, their stored properties, the type field, their citations.
    ...Object.fromEntries(Object.entries(EDGE_DECLARATIONS).map(([name, edge]) => [
      name,
      [edge.fromField, edge.toField, ...Object.keys(edge.properties), ...('typeField' in edge ? [edge.typeField.name] : []), 'sources'],
    ])),
    PageInfo: fields('hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'),
    LocalizedName: fields('value', 'language'),
    Fact: fields('name', 'value'),
    Citation: fields('source', 'evidence'),
    // text: curators only, and the caller's roles are part of the key; every source write is an applied write.
    Source: fields('id', 'publisher', 'title', 'publishedOn', 'dateNote', 'kind', 'partial', 'authors', 'url', 'section', 'language', 'document', 'text', 'statementCount'),
    Relation: fields('id', 'type', 'direction', 'phrase', 'node', 'properties', 'sources', 'unverified', 'corroboration', 'claims', 'version', 'history'),
    RelationConnection: fields('edges', 'pageInfo', 'totalCount'),
    RelationEdge: fields('cursor', 'node'),
    Corroboration: fields('sourceCount', 'publisherCount', 'publishers', 'kinds'),
    Claim: fields('id', 'property', 'value', 'valueEntity', 'asOf', 'note', 'unverified', 'sources', 'corroboration'),
    Conflict: fields('subject', 'relationshipId', 'relationshipType', 'other', 'property', 'values'),
    TimelineEntry: fields('entity', 'date', 'property', 'description', 'relationshipType', 'related', 'disputed', 'unverified', 'sources'),
    // status and ruling: decideIdentity records a Change of its own (or is part of an approved changeset).
    IdentityDecision: fields('id', 'decision', 'names', 'otherId', 'other', 'reason', 'explanation', 'sources', 'unverified', 'status', 'ruling'),
    IdentityRuling: fields('verdict', 'by', 'at', 'note', 'source'),
    // Revisions are written when a change is applied, never while it is proposed.
    HistoryConnection: fields('edges', 'pageInfo'),
    HistoryEdge: fields('cursor', 'node'),
    Revision: fields('targetId', 'targetKind', 'version', 'created', 'fields', 'change'),
    FieldChange: fields('field', 'before', 'after'),
    // A change reached from a kept root is applied (Revision.change, changes of APPROVED ones): no review or rebase edits it again.
    Change: fields(
      'id', 'kind', 'targetIds', 'summary', 'subject', 'at', 'sourceId', 'note', 'before', 'after', 'status', 'direct', 'author', 'operations',
      'source', 'reviewer', 'reviewedAt', 'reviewComment', 'appliedAt', 'revertOf', 'rebasedAt', 'revisions',
    ),
    ChangeConnection: fields('edges', 'pageInfo'),
    ChangeEdge: fields('cursor', 'node'),
    Aggregate: fields('groups', 'totalCount', 'truncated'),
    AggregateGroup: fields('key', 'count', 'countDistinct', 'min', 'max', 'disputed'),
    // generatedAt: when the kept numbers were computed (StatisticsCache keys them by the version too).
    Statistics: fields('generatedAt', 'maxAgeSeconds', 'entitiesByType', 'organizationsByCountryAndKind', 'modalities', 'indications', 'agreementsByKindAndTerritory', 'crossBorderLinks', 'relationshipsByType'),
    TypeCount: fields('type', 'count'),
    CountryKindCount: fields('countryCode', 'kind', 'count'),
    EntityUsage: fields('entity', 'technologyCount', 'organizationCount'),
    AgreementCount: fields('kind', 'territory', 'count'),
    CrossBorderCount: fields('type', 'between', 'count'),
    RelationshipCount: fields('type', 'count'),
  }).map(([type, names]) => [type, new Set(names)]),
);

/**
 * Fields audited and found to change without a new graph version, or to
 * depend on more than the graph: never kept, with why (Type.field). Fields in
 * neither table (search, paths, neighborhood, brokers, sources, conflicts,
 * timeline at the root: not audited yet) are not kept either.
 */
export const UNVERSIONED_FIELDS: Readonly<Record<string, string>> = {
  'Query.about': "the Neo4j server's version and edition, not graph data",
  'Query.change': "a PROPOSED change's operations, summary, targets and note change on rebaseChange, which keeps the graph version",
  'Query.recentChanges': 'lists PROPOSED changes too, which a rebase edits without a new graph version',
  'Query.mentions': "the process's mention dictionary, re-read at most every 2 s, not at the version",
  'Query.suggestedPartners': 'ranks by how recent links are, counted from the clock (today)',
  'Query.whyNotSuggested': 'ranks by how recent links are, counted from the clock (today)',
  'Query.groupReach': 'ranks by how recent links are, counted from the clock (today)',
};

/**
 * Whether a query's answer depends on the graph alone at its version: every
 * field of the document (operations and fragments, walked with graphql-js's
 * TypeInfo) is in VERSIONED_FIELDS, and each root field of CACHEABLE_WHEN
 * has arguments it allows. Anything else (a mutation, an unknown or
 * unversioned field, introspection) is not kept.
 */
export function dependsOnGraphAlone(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode | undefined, variables: Record<string, unknown> | undefined): boolean {
  if (operation?.operation !== 'query') return false;
  if (!operation.selectionSet.selections.some((s) => s.kind !== Kind.FIELD || s.name.value !== '__typename')) return false;
  // Apollo hands the same parsed document to every request that sends the same text: walk it once.
  let walked = WALKED.get(document);
  if (!walked || walked.schema !== schema) WALKED.set(document, (walked = { schema, ...walk(schema, document) }));
  if (!walked.versioned || walked.conditional.length === 0) return walked.versioned;
  const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  const query = schema.getQueryType()!.getFields();
  return coerced !== undefined && walked.conditional.every((f) => CACHEABLE_WHEN[f.name.value]!(getArgumentValues(query[f.name.value]!, f, coerced)));
}

const WALKED = new WeakMap<DocumentNode, { schema: GraphQLSchema; versioned: boolean; conditional: readonly FieldNode[] }>();

/** Every field of every operation and fragment of `document` against VERSIONED_FIELDS, and the root fields whose arguments decide. */
function walk(schema: GraphQLSchema, document: DocumentNode): { versioned: boolean; conditional: FieldNode[] } {
  const typeInfo = new TypeInfo(schema);
  const conditional: FieldNode[] = [];
  let versioned = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (node) => (node.operation === 'query' ? undefined : ((versioned = false), BREAK)),
      Field(node) {
        if (node.name.value === '__typename') return undefined;
        const parent = typeInfo.getParentType();
        if (!parent || !typeInfo.getFieldDef() || !VERSIONED_FIELDS[parent.name]?.has(node.name.value)) {
          versioned = false;
          return BREAK;
        }
        if (parent === schema.getQueryType() && node.name.value in CACHEABLE_WHEN) conditional.push(node);
        return undefined;
      },
    }),
  );
  return { versioned, conditional };
}
