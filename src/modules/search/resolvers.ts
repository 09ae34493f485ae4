import { z } from 'zod';
import { LANGUAGE_ENUM } from '../../domain/language';
import { ENTITY_LABELS, type EntityLabel } from '../../domain/model';
import type { Resolvers } from '../../generated/graphql';
import { entityPlan, selectionContext, subfields } from '../../translate/selection';
import { pageSize, parseArgs, searchText } from '../../validation';
import { searchEntities } from './repository';

const searchArgs = z.object({
  query: searchText,
  types: z.array(z.string()).max(ENTITY_LABELS.length).nullish(),
  first: pageSize(50).nullish(),
});

/** EntityType enum value (ORGANIZATION) to label (Organization). */
export function labelOfType(type: string): EntityLabel {
  const label = ENTITY_LABELS.find((l) => l.toUpperCase() === type);
  if (!label) throw new Error(`unknown entity type ${type}`);
  return label;
}

export const searchResolvers: Resolvers = {
  SearchHit: {
    matchedName: (hit) => (hit.matchedName ? { value: hit.matchedName.value, language: LANGUAGE_ENUM[hit.matchedName.language] } : null),
  },
  Query: {
    search: (_root, args, ctx, info) => {
      const { query, types, first } = parseArgs(searchArgs, args);
      const labels = types?.length ? types.map(labelOfType) : null;
      const selection = selectionContext(info, ctx);
      const plan = entityPlan(subfields(info.fieldNodes, 'entity', selection), labels ?? ENTITY_LABELS, selection);
      return searchEntities(ctx.executor, query, labels, first ?? 10, plan, ctx.language);
    },
  },
};
