import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import { languageOf, type Context } from '../context';
import { planAt } from '../entity/places';
import { ENTITY_LABELS, type EntityLabel } from '../../domain/model';
import type { Resolvers } from '../../generated/graphql';
import { parseArgs } from '../../validation';
import { relationshipCitations, type CitationRecord, type EntityRecord, type RelatedRecord } from '../entity/records';
import { identityExplanation } from '../../domain/identity';
import { conflictsOf, corroborationOf, timelineOf } from './facts';
import type { ClaimRecord, ConflictRecord } from './records';
import { findClaimedSubjects } from './repository';

/** Most conflicts one `conflicts` call returns. */
const MAX_CONFLICTS = 500;

const conflictsArgs = z.object({
  types: z.array(z.string()).max(ENTITY_LABELS.length).nullish(),
  first: z.number().int().min(1, 'must be at least 1').max(MAX_CONFLICTS, `must be at most ${MAX_CONFLICTS}`).nullish(),
});

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
  timeline: async (p: EntityRecord, _a: unknown, ctx: Context) => {
    const [facts, claims, citations] = await Promise.all([ctx.loaders.datedFacts.load(p.id), ctx.loaders.claims.load(p.id), ctx.loaders.citations.load(p.id)]);
    if (!facts) return [];
    const others = [...new Set(claims.flatMap((c) => (c.otherId ? [c.otherId] : [])))];
    const entities = await ctx.loaders.entity.loadMany(others);
    const names = new Map(entities.flatMap((e) => (e && !(e instanceof Error) ? [[e.id, String(e.props.name ?? e.id)] as const] : [])));
    return timelineOf(facts, claims, citations, names);
  },
  identityDecisions: (p: EntityRecord, _a: unknown, ctx: Context) => ctx.loaders.identityDecisions.load(p.id),
};

/** The entity provenance names at this field, read as the field selects it (batched per selection: its id is known only once the claims are computed). */
const named = (ctx: Context, info: GraphQLResolveInfo, id: string) => ctx.loaders.selected(planAt(info, [])).load(id);
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
    date: (t) => t.date,
    property: (t) => t.property,
    description: (t, args, ctx) => t.description[languageOf(args, ctx)],
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
