import type { SuggestionReasonKind } from '../../domain/suggestionLinks';
import type { EntityRecord } from '../entity/records';
import type { Language } from '../../domain/language';
import { explainHop, nameOf, subjectOf, type HopFacts } from './explain';

/**
 * Sentences for partner-suggestion reasons, one function per reason kind, each
 * taking the facts (who, whom, what they share, each side's route to it with
 * its date). English only for now; kept apart from explain.ts so that the
 * translated phrases (issue #31) can add a `lang` argument here alone. Pure:
 * unit-tested in test/suggestionReasons.test.ts.
 */

/** One side's way to the shared entity: its hops in order from the organization, and the route's latest date. */
export interface RouteFacts {
  hops: HopFacts[];
  date: string | null;
  sources: number;
}

/** What a reason sentence is made of. */
export interface ReasonFacts {
  kind: SuggestionReasonKind;
  /** The organization suggestions are for. */
  self: EntityRecord;
  /** The suggested organization. */
  candidate: EntityRecord;
  /** What both reach. */
  shared: EntityRecord;
  own: RouteFacts;
  theirs: RouteFacts;
}

const dated = (r: RouteFacts) => (r.date ? ` (${r.date})` : '');
const via = (r: RouteFacts) => (r.hops.length > 1 ? nameOf(r.hops[0]!.to) : null);

/** Lead sentence per kind: why sharing this makes the two worth introducing. */
export const REASON_LEADS: Record<SuggestionReasonKind, (f: ReasonFacts) => string> = {
  AGREEMENT: (f) =>
    f.shared.label === 'Organization'
      ? `${subjectOf(f.candidate)} and ${nameOf(f.self)} both deal with ${nameOf(f.shared)} through agreements${via(f.theirs) ? ` (${via(f.theirs)}${dated(f.theirs)})` : ''}: a counterpart's counterpart.`
      : `${subjectOf(f.candidate)} and ${nameOf(f.self)} are both tied to ${nameOf(f.shared)} through agreements.`,
  PEOPLE: (f) =>
    f.shared.label === 'Person'
      ? `${subjectOf(f.shared)} links both: a person with a role at ${nameOf(f.self)} and at ${nameOf(f.candidate)}.`
      : `People of ${nameOf(f.self)} and of ${nameOf(f.candidate)} meet at ${nameOf(f.shared)}.`,
  TECHNOLOGY: (f) => `${subjectOf(f.candidate)} and ${nameOf(f.self)} both develop, make or license ${nameOf(f.shared)}${dated(f.theirs)}.`,
  APPROVAL: (f) => `${subjectOf(f.candidate)} and ${nameOf(f.self)} both hold approvals tied to ${nameOf(f.shared)}.`,
  REGULATOR: (f) => `${subjectOf(f.candidate)} and ${nameOf(f.self)} both went through the same regulator, ${nameOf(f.shared)}${via(f.theirs) ? ` (${via(f.theirs)})` : ''}.`,
  TRIAL: (f) => `${subjectOf(f.candidate)} and ${nameOf(f.self)} are both tied to clinical work around ${nameOf(f.shared)}.`,
  EVENT: (f) => `${subjectOf(f.candidate)} and ${nameOf(f.self)} both took part in ${nameOf(f.shared)}${dated(f.theirs)}.`,
  FUND: (f) => `${subjectOf(f.candidate)} and ${nameOf(f.self)} both work with ${nameOf(f.shared)} through funds or programmes.`,
  ORGANIZATION: (f) => `${subjectOf(f.candidate)} and ${nameOf(f.self)} belong to or run alongside ${nameOf(f.shared)}.`,
  POLICY: (f) => `${subjectOf(f.candidate)} and ${nameOf(f.self)} both act under ${nameOf(f.shared)}.`,
  FOCUS: (f) => `${subjectOf(f.candidate)} and ${nameOf(f.self)} both work on ${nameOf(f.shared)}.`,
};

/** The reason in one sentence (each side's route is its evidence, explainRoute). */
export function explainReason(f: ReasonFacts): string {
  return REASON_LEADS[f.kind](f);
}

/** One side's route as evidence: its hop sentences (its date travels beside it), in `lang`. */
export function explainRoute(r: RouteFacts, lang: Language = 'en'): string {
  return r.hops.map((hop) => explainHop(hop, lang)).join(lang === 'en' ? ' ' : '');
}

/** What a suggestion lacks, for "why not <org>": the facts gathered about the pair. */
export interface WhyNotFacts {
  self: EntityRecord;
  candidate: EntityRecord;
  /** Already linked directly or through an agreement both are party to. */
  partners: boolean;
  /** Its rank among suggestions when it has one. */
  rank: number | null;
  /** Reason kinds it shares with `self` (empty when nothing). */
  kinds: SuggestionReasonKind[];
  /** Outside the asked country or kind. */
  outside: string | null;
  /** Its organization kind when that kind is never suggested as a partner (src/domain/model.ts PARTNER_ELIGIBLE), and not asked for by name. */
  notPartnerKind: string | null;
  unverifiedOnly: boolean;
}

/** Why an organization is not (or is low) among the suggestions, in words. */
export function explainWhyNot(f: WhyNotFacts): string {
  const c = subjectOf(f.candidate);
  const s = nameOf(f.self);
  if (f.candidate.id === f.self.id) return `${c} is the organization suggestions are for.`;
  if (f.partners) return `${c} is already a partner of ${s}: suggestions leave out existing partners.`;
  if (f.notPartnerKind) {
    const kind = f.notPartnerKind.toLowerCase().replace(/_/g, ' ');
    const shares = f.kinds.length ? ` It shares ${f.kinds.map((k) => k.toLowerCase()).join(', ')} with ${s}, which counts as a reason for others.` : '';
    return `${c} is a ${kind}: suggestions name possible partners, and a ${kind} approves, funds, reports or hosts rather than partners; what it shares with two organizations counts as a reason between them.${shares} Ask for a group of kind ${f.notPartnerKind} to rank it.`;
  }
  if (f.outside) return `${c} is outside the group asked for (${f.outside}).`;
  if (f.rank !== null) return `${c} is suggestion number ${f.rank} for ${s}, sharing ${f.kinds.map((k) => k.toLowerCase()).join(', ')}.`;
  if (f.unverifiedOnly) return `${c} shares something with ${s} only through facts no verified page states; ask with unverified facts included to see it.`;
  if (f.kinds.length === 0)
    return `${c} shares nothing with ${s} within two steps: no counterpart, person, technology, approval, regulator, trial, event, fund or field in common. An agreement with one of ${s}'s counterparts, or a shared event, would put it on the list.`;
  return `${c} shares ${f.kinds.map((k) => k.toLowerCase()).join(', ')} with ${s}, but other candidates share more.`;
}
