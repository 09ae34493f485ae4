import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import { languageOf, type Context } from '../context';
import { planAt } from '../entity/places';
import { ENTITY_LABELS, type EntityLabel } from '../../domain/model';
import type { Resolvers } from '../../generated/graphql';
import { countryCode, pageSize, parseArgs } from '../../validation';
import { BadUserInputError } from '../../errors';
import { encodeCursor, decodeCursor } from '../../translate/cursor';
import { languageOfEnum } from '../../domain/language';
import { relationshipCitations, type CitationRecord, type EntityRecord, type RelatedRecord } from '../entity/records';
import { identityExplanation } from '../../domain/identity';
import { conflictsOf, corroborationOf, timelineOf } from './facts';
import type { ClaimRecord, ConflictRecord, TimelineRecord } from './records';
import { findClaimedSubjects, findTimelineSubjects } from './repository';

/** Most conflicts one `conflicts` call returns. */
const MAX_CONFLICTS = 500;

const conflictsArgs = z.object({
  types: z.array(z.string()).max(ENTITY_LABELS.length).nullish(),
  first: z.number().int().min(1, 'must be at least 1').max(MAX_CONFLICTS, `must be at most ${MAX_CONFLICTS}`).nullish(),
});

/** Most entries one page of the timeline across entities holds. */
const MAX_TIMELINE_PAGE = 200;
/** Most entities the timeline across entities reads (the graph holds a few hundred; a bigger one needs narrower filters). */
const MAX_TIMELINE_SUBJECTS = 5000;

/** A bound is later than another when it is at the precision both share (2026 is not after 2026-01). */
const laterAtSharedPrecision = (a: string, b: string) => {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) > b.slice(0, n);
};

const timelineArgs = z.object({
  types: z.array(z.string()).max(ENTITY_LABELS.length).nullish(),
  countries: z.array(countryCode).max(50, 'at most 50 countries').nullish(),
  from: z.string().nullish(),
  to: z.string().nullish(),
  first: pageSize(MAX_TIMELINE_PAGE).nullish(),
  after: z.string().nullish(),
  lang: z.string().nullish(),
}).refine((a) => !(a.from && a.to && laterAtSharedPrecision(a.from, a.to)), { message: 'must not be before `from`', path: ['to'] });

/** Where an entry sits in the timeline across entities: date, entity name and id, property, relationship (unique per entry once merged). */
type TimelinePosition = [string, string, string, string, string, string];
const positionOf = (entry: TimelineRecord, name: string): TimelinePosition => [entry.date, name, entry.subjectId, entry.property, entry.relationshipType ?? '', entry.relatedId ?? ''];
function comparePositions(a: readonly (string | number | boolean)[], b: readonly (string | number | boolean)[]): number {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [String(a[i]), String(b[i])];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** An entity's timeline: its dated facts with their names (the entity itself, the other ends of its claims' relationships) resolved. */
async function timelineFor(ctx: Context, id: string): Promise<TimelineRecord[]> {
  const [facts, claims, citations] = await Promise.all([ctx.loaders.datedFacts.load(id), ctx.loaders.claims.load(id), ctx.loaders.citations.load(id)]);
  if (!facts) return [];
  const others = [...new Set(claims.flatMap((c) => (c.otherId ? [c.otherId] : [])))];
  const entities = await ctx.loaders.entity.loadMany(others);
  const names = new Map(entities.flatMap((e) => (e && !(e instanceof Error) ? [[e.id, String(e.props.name ?? e.id)] as const] : [])));
  return timelineOf(facts, claims, citations, names);
}

/**
 * The timeline across entities: the subjects the filters choose (one query),
 * each one's own entries (batched through the loaders), within the dates,
 * ordered by date, entity name, then what the entry is about, a page from the
 * cursor on.
 */
async function timelineAcross(args: unknown, ctx: Context) {
  const parsed = parseArgs(timelineArgs, args);
  const labels = parsed.types ? parsed.types.map((t) => ENTITY_LABELS.find((l) => l.toUpperCase() === t)).filter((l): l is EntityLabel => Boolean(l)) : null;
  const after = parsed.after ? decodeCursor(parsed.after, 5) : null;
  const first = parsed.first ?? 50;
  const lang = languageOfEnum(parsed.lang) ?? ctx.language;
  const ids = await findTimelineSubjects(ctx.executor, { labels, countries: parsed.countries?.length ? parsed.countries : null, limit: MAX_TIMELINE_SUBJECTS + 1 });
  // Entries are ordered here, over every chosen entity: more than the bound would be a page of a part, so it is refused, not cut.
  if (ids.length > MAX_TIMELINE_SUBJECTS)
    throw new BadUserInputError(`Invalid argument types: more than ${MAX_TIMELINE_SUBJECTS} entities have dated facts of their own under these filters; narrow the timeline by types or countries`, 'types');
  const subjects = await ctx.loaders.entity.loadMany(ids);
  const names = new Map(subjects.flatMap((e) => (e && !(e instanceof Error) ? [[e.id, String(e.props.name ?? e.id)] as const] : [])));
  const timelines = await Promise.all(ids.map((id) => timelineFor(ctx, id)));
  const within = (date: string) => !(parsed.from && laterAtSharedPrecision(parsed.from, date)) && !(parsed.to && laterAtSharedPrecision(date, parsed.to));
  const entries = timelines
    .flat()
    .filter((entry) => entry.own && within(entry.date))
    .map((entry) => ({ entry: { ...entry, lang }, position: positionOf(entry, names.get(entry.subjectId) ?? entry.subjectId) }))
    .sort((a, b) => comparePositions(a.position, b.position));
  const rest = after ? entries.filter((e) => comparePositions(e.position, after) > 0) : entries;
  const page = rest.slice(0, first);
  const edges = page.map((e) => ({ cursor: encodeCursor(e.position), node: e.entry }));
  return {
    edges,
    pageInfo: { hasNextPage: rest.length > first, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
    totalCount: entries.length,
  };
}

async function corroboration(ctx: Context, citations: readonly CitationRecord[]) {
  const sources = await ctx.loaders.source.loadMany([...new Set(citations.map((c) => c.sourceId))]);
  return corroborationOf(citations, sources.map((s) => (s instanceof Error ? null : s)));
}

/** Claims about the relationship `r` (stored as claims about its start entity). */
async function relationshipClaims(ctx: Context, r: RelatedRecord): Promise<ClaimRecord[]> {
  const startId = r.direction === 'OUTGOING' ? r.selfId : r.node.id;
  return (await ctx.loaders.claims.load(startId)).filter((c) => c.subjectRelationshipId === r.id);
}

/** The provenance fields every entity type has. */
const provenanceFields = {
  unverified: (p: EntityRecord) => p.props.unverified === true,
  corroboration: async (p: EntityRecord, _a: unknown, ctx: Context) => corroboration(ctx, await ctx.loaders.citations.load(p.id)),
  claims: async (p: EntityRecord, _a: unknown, ctx: Context) => (await ctx.loaders.claims.load(p.id)).filter((c) => c.subjectRelationshipId === null),
  conflicts: async (p: EntityRecord, _a: unknown, ctx: Context) => conflictsOf(await ctx.loaders.claims.load(p.id)),
  timeline: (p: EntityRecord, _a: unknown, ctx: Context) => timelineFor(ctx, p.id),
  identityDecisions: (p: EntityRecord, _a: unknown, ctx: Context) => ctx.loaders.identityDecisions.load(p.id),
};

/** The entity provenance names at this field, read as the field selects it (batched per selection: its id is known only once the claims are computed). */
const named = (ctx: Context, info: GraphQLResolveInfo, id: string) => ctx.loaders.selected(planAt(info, ctx, [])).load(id);
const entityOrNull = async (ctx: Context, info: GraphQLResolveInfo, id: string | null) => (id ? named(ctx, info, id) : null);

export const provenanceResolvers: Resolvers = {
  Query: {
    conflicts: async (_root, args, ctx) => {
      const { types, first } = parseArgs(conflictsArgs, args);
      const labels = types ? types.map((t) => ENTITY_LABELS.find((l) => l.toUpperCase() === t)).filter((l): l is EntityLabel => Boolean(l)) : null;
      const subjects = await findClaimedSubjects(ctx.executor, labels);
      const claims = await ctx.loaders.claims.loadMany(subjects);
      const conflicts: ConflictRecord[] = claims.flatMap((list) => (list instanceof Error ? [] : conflictsOf(list)));
      return conflicts.slice(0, first ?? 100);
    },
    timeline: (_root, args, ctx) => timelineAcross(args, ctx),
  },
  Claim: {
    id: (c) => c.id,
    property: (c) => c.property,
    value: (c) => c.value,
    valueEntity: (c, _a, ctx, info) => entityOrNull(ctx, info, c.valueEntity),
    asOf: (c) => c.asOf,
    note: (c) => c.note,
    unverified: (c) => c.unverified,
    sources: (c) => c.citations,
    corroboration: (c, _a, ctx) => corroboration(ctx, c.citations),
  },
  Conflict: {
    subject: async (c, _a, ctx, info) => {
      const subject = await named(ctx, info, c.subjectId);
      if (!subject) throw new Error(`conflict about unknown entity ${c.subjectId}`);
      return subject;
    },
    relationshipId: (c) => c.relationshipId,
    relationshipType: (c) => c.relationshipType,
    other: (c, _a, ctx, info) => entityOrNull(ctx, info, c.otherId),
    property: (c) => c.property,
    values: (c) => c.values,
  },
  IdentityDecision: {
    id: (d) => d.id,
    decision: (d) => d.decision,
    names: (d) => d.names,
    otherId: (d) => d.otherId,
    other: (d, _a, ctx, info) => entityOrNull(ctx, info, d.otherId),
    reason: (d) => d.reason,
    explanation: (d) => identityExplanation(d),
    sources: (d) => d.citations,
    unverified: (d) => d.unverified,
    status: (d) => d.status,
    ruling: (d) => d.ruling,
  },
  IdentityRuling: {
    verdict: (r) => r.verdict,
    by: (r) => r.by,
    at: (r) => r.at,
    note: (r) => r.note,
    source: async (r, _a, ctx) => (r.sourceId ? ctx.loaders.source.load(r.sourceId) : null),
  },
  TimelineEntry: {
    entity: async (t, _a, ctx, info) => {
      const entity = await named(ctx, info, t.subjectId);
      if (!entity) throw new Error(`timeline entry of unknown entity ${t.subjectId}`);
      return entity;
    },
    date: (t) => t.date,
    property: (t) => t.property,
    description: (t, args, ctx) => t.description[languageOfEnum(args.lang) ?? t.lang ?? languageOf(args, ctx)],
    relationshipType: (t) => t.relationshipType,
    related: (t, _a, ctx, info) => entityOrNull(ctx, info, t.relatedId),
    disputed: (t) => t.disputed,
    unverified: (t) => t.unverified,
    sources: (t) => t.citations,
  },
  Relation: {
    unverified: (r) => r.props.unverified === true,
    corroboration: (r, _a, ctx) => corroboration(ctx, r.citations ?? relationshipCitations(r.props)),
    claims: (r, _a, ctx) => relationshipClaims(ctx, r),
  },
  ...Object.fromEntries(ENTITY_LABELS.map((label) => [label, provenanceFields])),
};
