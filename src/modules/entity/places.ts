import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { Language } from '../../domain/language';
import { ENTITY_LABELS, type EntityLabel } from '../../domain/model';
import type { EntityPlan } from '../../translate/plan';
import { entityPlan, selectionContext, subfields } from '../../translate/selection';

/**
 * The read plan of the entities at `path` below the field being resolved (e.g.
 * ['hops', 'to'] below partnershipPaths), which can have any of `labels`: what
 * the selection asks of them there, merged over aliases and fragments. An
 * empty plan (no fields) when the path is not selected. Display fields answer
 * in the reader's language.
 */
export function planAt(info: GraphQLResolveInfo, reader: { language?: Language }, path: readonly string[], labels: readonly EntityLabel[] = ENTITY_LABELS): EntityPlan {
  const ctx = selectionContext(info, reader);
  const nodes = path.reduce<readonly FieldNode[]>((at, name) => subfields(at, name, ctx), info.fieldNodes);
  return entityPlan(nodes, labels, ctx);
}
