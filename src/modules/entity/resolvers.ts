import { Kind, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import type { Context } from '../context';
import { plainValue } from '../../domain/properties';
import { RELATION_FIELDS, targetLabels, type EdgeField, type NodeField, type RelationField } from '../../domain/entityTypes';
import { ENTITY_LABELS, SOURCE_KINDS, type EntityLabel, type RelationshipType, type SourceKind } from '../../domain/model';
import type { EntityType, Resolvers } from '../../generated/graphql';
import { compileEntitiesByIds, compileEntityById, compileListPage, compileSourceById, compileSources } from '../../translate/roots';
import { encodeCursor } from '../../translate/cursor';
import type { Position } from '../../translate/roots';
import { entityPlan, relationsArgs, selectionContext, selects } from '../../translate/selection';
import { entityId, idList, parseArgs } from '../../validation';
import { findMergedInto } from '../curation/repository';
import type { RelationDirection } from './loaders';
import {
  BOOKKEEPING,
  CORE_FIELDS,
  relationshipCitations,
  publicProperties,
  toEntityRecord,
  toEntityRecordAs,
  type CitationRecord,
  type EntityRecord,
  type NodeRow,
  type RelatedRecord,
  type RelationPage,
  type SourceRecord,
} from './records';
import { cypherTemplate } from '../../db/cypher';
import { SCALAR_RESOLVERS } from './scalarResolvers';

/** The parent's relationships of some types, each carrying the parent as `self` (loader path, for records read without a compiled selection). */
async function related(ctx: Context, parent: EntityRecord, types: readonly RelationshipType[], direction: RelationDirection): Promise<RelatedRecord[]> {
  const list = await ctx.loaders.related(parent.id, types, direction);
  return list.map((r) => ({ ...r, self: parent }));
}

/** The value a compiled read stored for this field, or undefined when the record was not read by a compiled selection. */
function compiledValue(parent: { fields?: Record<string, unknown> }, info: GraphQLResolveInfo): unknown {
  return parent.fields?.[String(info.path.key)];
}

/**
 * A compiled relationship row (see translate/emit.ts edgeMap). Read for a model
 * field, it leaves out what the field says: the direction, the type when the
 * field has one, and the label of an end that can have only one.
 */
interface RelatedRow {
  id: string;
  type?: RelationshipType;
  outgoing?: boolean;
  props: Record<string, unknown>;
  node: NodeRow;
  self?: NodeRow;
  citations?: CitationRecord[];
}

/**
 * A compiled relationship row as a RelatedRecord seen from `parent`; `field` is
 * the model field it was read for, if any, and `endLabel` the label the model
 * gives its other end when that end can have only one.
 */
function toRelatedRecord(row: RelatedRow, parent: EntityRecord, field?: EdgeField, endLabel?: EntityLabel): RelatedRecord {
  const outgoing = row.outgoing ?? field?.direction === 'OUT';
  return {
    id: row.id,
    type: row.type ?? field!.types[0]!,
    direction: outgoing ? 'OUTGOING' : 'INCOMING',
    selfId: parent.id,
    self: row.self ? toEntityRecordAs(row.self, parent.label) : parent,
    props: row.props,
    node: toEntityRecordAs(row.node, endLabel),
    ...(row.citations ? { citations: row.citations } : {}),
  };
}

const matchesNodeField = (field: NodeField) => (r: RelatedRecord) =>
  (!field.target || r.node.label === field.target) && (!field.where || r.props[field.where.property] === field.where.equals);

/**
 * The value of this one field for an entity read without a compiled selection
 * (a path, a mutation payload): the field is compiled for the entity alone.
 * Used where the loaders cannot answer (a page of relationships, an asOf date).
 */
async function compileFieldFor(p: EntityRecord, ctx: Context, info: GraphQLResolveInfo): Promise<unknown> {
  const wrapper: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'entity' }, selectionSet: { kind: Kind.SELECTION_SET, selections: info.fieldNodes } };
  const query = compileEntityById(entityPlan([wrapper], [p.label], selectionContext(info)), p.id);
  const [row] = await ctx.executor.read<{ entity: NodeRow }>(query, query.params);
  return row?.entity.fields?.[String(info.path.key)];
}

const asOfOf = (args: unknown) => (args && typeof args === 'object' && 'asOf' in args ? (args as { asOf?: unknown }).asOf : undefined);

/** Resolves a model relationship field: from the compiled read when there is one, else through the request's loaders. */
function relationResolver(field: RelationField) {
  const direction = field.direction === 'OUT' ? 'OUTGOING' : 'INCOMING';
  // Compiled rows leave out a label the model fixes (translate/emit.ts entityProjection).
  const targets = targetLabels(field);
  const endLabel = targets.length === 1 ? targets[0] : undefined;
  return async (parent: EntityRecord, args: unknown, ctx: Context, info: GraphQLResolveInfo) => {
    let value = compiledValue(parent, info);
    // The loaders know no dates: a field asked as of a date is compiled for this entity.
    if (value === undefined && asOfOf(args) != null) value = (await compileFieldFor(parent, ctx, info)) ?? (field.kind === 'nodes' && field.one ? null : []);
    if (field.kind === 'edges') {
      return value !== undefined ? (value as RelatedRow[]).map((row) => toRelatedRecord(row, parent, field, endLabel)) : related(ctx, parent, field.types, direction);
    }
    if (value !== undefined) return field.one ? (value ? toEntityRecordAs(value as NodeRow, endLabel) : null) : (value as NodeRow[]).map((row) => toEntityRecordAs(row, endLabel));
    const nodes = (await related(ctx, parent, field.types, direction)).filter(matchesNodeField(field)).map((r) => r.node);
    return field.one ? (nodes[0] ?? null) : nodes;
  };
}

/** Resolvers for every relationship field of a label, from the model. */
function relationResolvers(label: EntityLabel) {
  return Object.fromEntries(Object.entries(RELATION_FIELDS[label]).map(([name, field]) => [name, relationResolver(field)]));
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
/** A stored date (a driver Date, or a partial-date string) as the API's Date: as precise as stored. */
const plainDate = (v: unknown): string | null => (v === null || v === undefined ? null : String(plainValue(v)));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);


/** The Entity interface's fields, shared by every entity type. */
const entityFields = {
  id: (p: EntityRecord) => p.id,
  name: (p: EntityRecord) => String(p.props.name ?? ''),
  aliases: (p: EntityRecord) => strings(p.props.aliases),
  type: (p: EntityRecord) => p.label.toUpperCase() as EntityType,
  kind: (p: EntityRecord) => str(p.props.kind),
  description: (p: EntityRecord) => String(p.props.description ?? ''),
  facts: (p: EntityRecord) =>
    Object.entries(p.props)
      .filter(([key]) => !BOOKKEEPING.has(key) && !CORE_FIELDS.has(key))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => ({ name, value: plainValue(value) })),
  sources: (p: EntityRecord, _args: unknown, ctx: Context, info: GraphQLResolveInfo) =>
    (compiledValue(p, info) as CitationRecord[] | undefined) ?? ctx.loaders.citations.load(p.id),
  relationsConnection,
  relations: async (p: EntityRecord, args: unknown, ctx: Context, info: GraphQLResolveInfo) => {
    const { types, direction, first, asOf } = parseArgs(relationsArgs, args);
    const value = compiledValue(p, info) ?? (asOf ? ((await compileFieldFor(p, ctx, info)) ?? []) : undefined);
    if (value !== undefined) return (value as RelatedRow[]).map((row) => toRelatedRecord(row, p));
    const list = await related(ctx, p, types ?? [], direction ?? 'BOTH');
    return list.slice(0, first ?? 100);
  },
};

/** A compiled relationsConnection value: one row more than the page, and the total when asked. */
interface RelationPageValue {
  page: { sort: Position; edge: RelatedRow }[];
  totalCount: number | null;
}

/**
 * relationsConnection: from the compiled read, or, for an entity read without
 * one (a path, a mutation payload), by compiling this one field for it.
 */
async function relationsConnection(p: EntityRecord, args: { first?: number | null; after?: string | null }, ctx: Context, info: GraphQLResolveInfo): Promise<RelationPage> {
  const value = (compiledValue(p, info) ?? (await compileFieldFor(p, ctx, info))) as RelationPageValue | undefined;
  const first = args.first ?? 20;
  const rows = value?.page ?? [];
  const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(row.sort), node: toRelatedRecord(row.edge, p) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, hasPreviousPage: Boolean(args.after), startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
    totalCount: value?.totalCount ?? 0,
  };
}

const fieldsOf = (label: EntityLabel) => ({ ...entityFields, ...relationResolvers(label) });

/** Citations of an edge: compiled with their sources, or from the relationship's stored lists. */
const citationsOf = (r: RelatedRecord) => r.citations ?? relationshipCitations(r.props);

// Built once: a zod schema compiles its parser on first use.
const idArgs = z.object({ id: entityId });
const idListArgs = z.object({ ids: idList });

/** The entity plan of a root field that returns entities of any label. */
const anyEntityPlan = (info: GraphQLResolveInfo) => entityPlan(info.fieldNodes, ENTITY_LABELS, selectionContext(info));
const selectsStatementCount = (info: GraphQLResolveInfo) => selects(info.fieldNodes, 'statementCount', selectionContext(info));

export const entityResolvers: Resolvers = {
  Query: {
    entity: async (_root, args, ctx, info) => {
      const { id } = parseArgs(idArgs, args);
      const read = async (target: string) => {
        const query = compileEntityById(anyEntityPlan(info), target);
        const [row] = await ctx.executor.read<{ entity: NodeRow }>(query, query.params);
        return row ? toEntityRecord(row.entity) : null;
      };
      // An id merged away by mergeEntities answers the entity it was merged into.
      const found = await read(id);
      const kept = found ? null : await findMergedInto(ctx.executor, id);
      return found ?? (kept ? read(kept) : null);
    },
    entities: async (_root, args, ctx, info) => {
      const { ids } = parseArgs(idListArgs, args);
      const query = compileEntitiesByIds(anyEntityPlan(info), ids);
      const rows = await ctx.executor.read<{ id: string; entity: NodeRow }>(query, query.params);
      const byId = new Map(rows.map((r) => [r.id, toEntityRecord(r.entity)]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    sources: async (_root, _args, ctx, info) => {
      const query = compileSources(selectsStatementCount(info));
      const [row] = await ctx.executor.read<{ sources: SourceRecord[] }>(query, query.params);
      return row?.sources ?? [];
    },
    source: async (_root, args, ctx, info) => {
      const { id } = parseArgs(idArgs, args);
      const query = compileSourceById(id, selectsStatementCount(info));
      const [row] = await ctx.executor.read<{ source: SourceRecord }>(query, query.params);
      return row?.source ?? null;
    },
    countries: async (_root, _args, ctx, info) => {
      const query = compileListPage({
        label: 'Country',
        filterQuery: cypherTemplate('list/entities', { label: 'Country' }),
        filter: {},
        lucene: null,
        sort: [{ field: 'NAME' }],
        after: null,
        limit: COUNTRY_LIMIT,
        withTotalCount: false,
        plan: entityPlan(info.fieldNodes, ['Country'], selectionContext(info)),
      });
      const [row] = await ctx.executor.read<{ page: { entity: NodeRow }[] }>(query, query.params);
      return (row?.page ?? []).map((r) => toEntityRecord(r.entity));
    },
  },
  Entity: {
    __resolveType: (p) => p.label,
  },
  Citation: {
    source: async (p, _args, ctx) => {
      const source = p.source ?? (await ctx.loaders.source.load(p.sourceId));
      if (!source) throw new Error(`citation names unknown source ${p.sourceId}`);
      return source;
    },
    evidence: (p) => p.evidence,
  },
  Source: {
    id: (p) => p.id,
    publisher: (p) => String(p.props.publisher),
    title: (p) => String(p.props.title),
    publishedOn: (p) => plainDate(p.props.publishedOn),
    dateNote: (p) => str(p.props.dateNote),
    kind: (p) => (SOURCE_KINDS as readonly string[]).includes(String(p.props.kind)) ? (p.props.kind as SourceKind) : null,
    partial: (p) => p.props.partial === true,
    authors: (p) => strings(p.props.authors),
    url: (p) => str(p.props.url),
    section: (p) => str(p.props.section),
    language: (p) => String(p.props.language ?? 'en'),
    document: (p) => str(p.props.document),
    statementCount: (p, _args, ctx) => p.statementCount ?? ctx.loaders.statementCount.load(p.id),
  },
  Relation: {
    id: (r) => r.id,
    type: (r) => r.type,
    direction: (r) => r.direction,
    node: (r) => r.node,
    properties: (r) => publicProperties(r.props),
    sources: citationsOf,
  },
  Role: {
    person: (r) => (r.direction === 'OUTGOING' ? selfOf(r) : r.node),
    organization: (r) => (r.direction === 'OUTGOING' ? r.node : selfOf(r)),
    title: (r) => str(r.props.title),
    unit: (r) => str(r.props.unit),
    asOf: (r) => str(r.props.asOf),
    startedOn: (r) => str(r.props.startedOn),
    endedOn: (r) => str(r.props.endedOn),
    sources: citationsOf,
  },
  Talk: {
    person: (r) => (r.direction === 'OUTGOING' ? selfOf(r) : r.node),
    event: (r) => (r.direction === 'OUTGOING' ? r.node : selfOf(r)),
    topic: (r) => str(r.props.topic),
    sources: citationsOf,
  },
  EventParticipation: {
    event: (r) => (r.direction === 'OUTGOING' ? r.node : selfOf(r)),
    participant: (r) => (r.direction === 'OUTGOING' ? selfOf(r) : r.node),
    participation: (r) => r.type as 'ORGANIZED' | 'CO_HOSTED' | 'PARTICIPATED_IN',
    role: (r) => str(r.props.role),
    sources: citationsOf,
  },
  AgreementParty: {
    agreement: (r) => (r.direction === 'OUTGOING' ? r.node : selfOf(r)),
    organization: (r) => (r.direction === 'OUTGOING' ? selfOf(r) : r.node),
    role: (r) => String(r.props.role) as 'LICENSOR',
    stakePercent: (r) => (typeof r.props.stakePercent === 'number' ? r.props.stakePercent : null),
    scope: (r) => str(r.props.scope),
    sources: citationsOf,
  },
  // Every entity type: its relationship fields and the model's scalar fields.
  ...Object.fromEntries(ENTITY_LABELS.map((label) => [label, { ...fieldsOf(label), ...SCALAR_RESOLVERS[label] }])),
  Country: {
    ...fieldsOf('Country'),
    ...SCALAR_RESOLVERS.Country,
    organizationCount: (p, _a, ctx, info) => (compiledValue(p, info) as number | undefined) ?? ctx.loaders.organizationCount.load(String(p.props.code)),
  },
};

/** Most countries `countries` lists. */
const COUNTRY_LIMIT = 300;

/** The entity a relationship was read from (attached by related()). */
function selfOf(r: RelatedRecord): EntityRecord {
  if (!r.self) throw new Error(`relationship ${r.id} was read without its entity`);
  return r.self;
}
