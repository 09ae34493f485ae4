import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import { languageOf, type Context } from '../context';
import { LANGUAGE_ENUM } from '../../domain/language';
import { localizedName, taggedNames } from '../../domain/names';
import { plainValue } from '../../domain/properties';
import { RELATION_FIELDS, targetLabels, type EdgeField, type RelationField } from '../../domain/entityTypes';
import { ENTITY_LABELS, PARTY_ROLES, RELATIONSHIP_TYPES, SOURCE_KINDS, type EntityLabel, type RelationshipType, type SourceKind } from '../../domain/model';
import type { EntityType, Resolvers } from '../../generated/graphql';
import { encodeCursor } from '../../translate/cursor';
import type { Position } from '../../translate/roots';
import { entityPlan, selectionContext, selects } from '../../translate/selection';
import { entityId, idList, parseArgs } from '../../validation';
import { findMergedInto } from '../curation/repository';
import {
  BOOKKEEPING,
  CORE_FIELDS_OF,
  relationshipCitations,
  publicProperties,
  toEntityRecordAs,
  type CitationRecord,
  type EntityRecord,
  type NodeRow,
  type RelatedRecord,
  type RelationPage,
} from './records';
import { readCountries, readEntitiesByIds, readEntity, readSource, readSources } from './repository';
import { SCALAR_RESOLVERS } from './scalarResolvers';

/**
 * The value the compiled read stored for this field. Every entity reaches its
 * resolvers read by its root field's compiled query (or, for entities that
 * provenance names, by a compiled loader), so a missing value is a bug.
 */
function compiledValue(parent: EntityRecord, info: GraphQLResolveInfo): unknown {
  const key = String(info.path.key);
  const value = parent.fields?.[key];
  if (value === undefined) throw new Error(`${parent.label} ${parent.id} was read without the selection of ${key}`);
  return value;
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

/** Resolves a model relationship field from the compiled read. */
function relationResolver(field: RelationField) {
  // Compiled rows leave out a label the model fixes (translate/emit.ts entityProjection).
  const targets = targetLabels(field);
  const endLabel = targets.length === 1 ? targets[0] : undefined;
  return (parent: EntityRecord, _args: unknown, _ctx: Context, info: GraphQLResolveInfo) => {
    const value = compiledValue(parent, info);
    if (field.kind === 'edges') return (value as RelatedRow[]).map((row) => toRelatedRecord(row, parent, field, endLabel));
    return field.one ? (value ? toEntityRecordAs(value as NodeRow, endLabel) : null) : (value as NodeRow[]).map((row) => toEntityRecordAs(row, endLabel));
  };
}

/** Resolvers for every relationship field of a label, from the model. */
function relationResolvers(label: EntityLabel) {
  return Object.fromEntries(Object.entries(RELATION_FIELDS[label]).map(([name, field]) => [name, relationResolver(field)]));
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
/** A stored date (a driver Date, or a partial-date string) as the API's Date: as precise as stored. */
const plainDate = (v: unknown): string | null => (v === null || v === undefined ? null : String(plainValue(v)));
const oneOf = <T extends string>(values: readonly T[], v: unknown): T | null => ((values as readonly unknown[]).includes(v) ? (v as T) : null);
/**
 * A stored value of a non-null enum field, checked against the model's values:
 * a value outside them fails the field (GraphQL nulls its parent) instead of
 * reaching the client as an enum value the schema does not have.
 */
function stored<T extends string>(values: readonly T[], v: unknown, what: string): T {
  const value = oneOf(values, v);
  if (value === null) throw new Error(`${what} is ${JSON.stringify(v)}, not one of ${values.join(', ')}`);
  return value;
}
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);


/** The Entity interface's fields, shared by every entity type. */
const entityFields = {
  id: (p: EntityRecord) => p.id,
  name: (p: EntityRecord, args: { lang?: unknown }, ctx: Context) => localizedName(p.props, languageOf(args, ctx)) ?? '',
  canonicalName: (p: EntityRecord) => String(p.props.name ?? ''),
  names: (p: EntityRecord) => taggedNames(p.props).map(({ value, language }) => ({ value, language: LANGUAGE_ENUM[language] })),
  aliases: (p: EntityRecord) => strings(p.props.aliases),
  type: (p: EntityRecord) => p.label.toUpperCase() as EntityType,
  kind: (p: EntityRecord) => str(p.props.kind),
  // Descriptions are written in English so far: every language falls back to it.
  description: (p: EntityRecord) => String(p.props.description ?? ''),
  facts: (p: EntityRecord) =>
    Object.entries(p.props)
      .filter(([key]) => !BOOKKEEPING.has(key) && !CORE_FIELDS_OF[p.label].has(key))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => ({ name, value: plainValue(value) })),
  sources: (p: EntityRecord, _args: unknown, _ctx: Context, info: GraphQLResolveInfo) => compiledValue(p, info) as CitationRecord[],
  relationsConnection,
  relations: (p: EntityRecord, _args: unknown, _ctx: Context, info: GraphQLResolveInfo) => (compiledValue(p, info) as RelatedRow[]).map((row) => toRelatedRecord(row, p)),
};

/** A compiled relationsConnection value: one row more than the page, and the total when asked. */
interface RelationPageValue {
  page: { sort: Position; edge: RelatedRow }[];
  totalCount: number | null;
}

/** relationsConnection, from the compiled read: the page without its extra row, and cursors. */
function relationsConnection(p: EntityRecord, args: { first?: number | null; after?: string | null }, _ctx: Context, info: GraphQLResolveInfo): RelationPage {
  const value = compiledValue(p, info) as RelationPageValue;
  const first = args.first ?? 20;
  const rows = value.page;
  const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(row.sort), node: toRelatedRecord(row.edge, p) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, hasPreviousPage: Boolean(args.after), startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
    totalCount: value.totalCount ?? 0,
  };
}

const fieldsOf = (label: EntityLabel) => ({ ...entityFields, ...relationResolvers(label) });

/** Citations of an edge: compiled with their sources, or from the relationship's stored lists. */
const citationsOf = (r: RelatedRecord) => r.citations ?? relationshipCitations(r.props);

// Built once: a zod schema compiles its parser on first use.
const idArgs = z.object({ id: entityId });
const idListArgs = z.object({ ids: idList });

/** The entity plan of a root field that returns entities of any label. */
const anyEntityPlan = (info: GraphQLResolveInfo, ctx: Context) => entityPlan(info.fieldNodes, ENTITY_LABELS, selectionContext(info, ctx));
const selectsStatementCount = (info: GraphQLResolveInfo, ctx: Context) => selects(info.fieldNodes, 'statementCount', selectionContext(info, ctx));

export const entityResolvers: Resolvers = {
  Query: {
    entity: async (_root, args, ctx, info) => {
      const { id } = parseArgs(idArgs, args);
      const plan = anyEntityPlan(info, ctx);
      // An id merged away by mergeEntities answers the entity it was merged into.
      const found = await readEntity(ctx.executor, plan, id);
      const kept = found ? null : await findMergedInto(ctx.executor, id);
      return found ?? (kept ? readEntity(ctx.executor, plan, kept) : null);
    },
    entities: (_root, args, ctx, info) => readEntitiesByIds(ctx.executor, anyEntityPlan(info, ctx), parseArgs(idListArgs, args).ids),
    sources: (_root, _args, ctx, info) => readSources(ctx.executor, selectsStatementCount(info, ctx)),
    source: (_root, args, ctx, info) => readSource(ctx.executor, parseArgs(idArgs, args).id, selectsStatementCount(info, ctx)),
    countries: (_root, _args, ctx, info) => readCountries(ctx.executor, entityPlan(info.fieldNodes, ['Country'], selectionContext(info, ctx)), COUNTRY_LIMIT),
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
    // The whole article is kept for checking evidence, not republished: curators only.
    text: (p, _args, ctx) => (ctx.user?.roles.some((r) => r === 'editor' || r === 'reviewer' || r === 'admin') ? str(p.props.text) : null),
    statementCount: (p, _args, ctx) => p.statementCount ?? ctx.loaders.statementCount.load(p.id),
  },
  Relation: {
    id: (r) => r.id,
    type: (r) => r.type,
    direction: (r) => r.direction,
    phrase: (r, args, ctx) => {
      const { phrase } = RELATIONSHIP_TYPES[r.type];
      return (r.direction === 'OUTGOING' ? phrase.forward : phrase.backward)[languageOf(args, ctx)];
    },
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
    participation: (r) => stored(PARTICIPATION, r.type, `relationship ${r.id} type`),
    role: (r) => str(r.props.role),
    sources: citationsOf,
  },
  AgreementParty: {
    agreement: (r) => (r.direction === 'OUTGOING' ? r.node : selfOf(r)),
    organization: (r) => (r.direction === 'OUTGOING' ? selfOf(r) : r.node),
    role: (r) => stored(PARTY_ROLES, r.props.role, `relationship ${r.id} role`),
    stakePercent: (r) => (typeof r.props.stakePercent === 'number' ? r.props.stakePercent : null),
    scope: (r) => str(r.props.scope),
    sources: citationsOf,
  },
  // Every entity type: its relationship fields and the model's scalar fields.
  ...Object.fromEntries(ENTITY_LABELS.map((label) => [label, { ...fieldsOf(label), ...SCALAR_RESOLVERS[label] }])),
  Country: {
    ...fieldsOf('Country'),
    ...SCALAR_RESOLVERS.Country,
    organizationCount: (p, _a, _ctx, info) => compiledValue(p, info) as number,
  },
};

/** The relationship types of an EventParticipation. */
const PARTICIPATION = ['ORGANIZED', 'CO_HOSTED', 'PARTICIPATED_IN'] as const;

/** Most countries `countries` lists. */
const COUNTRY_LIMIT = 300;

/** The entity a relationship was read from (the compiled row's `self`, or the parent it was read for). */
function selfOf(r: RelatedRecord): EntityRecord {
  if (!r.self) throw new Error(`relationship ${r.id} was read without its entity`);
  return r.self;
}
