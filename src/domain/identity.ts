import type { IdentityDecisionKind, IdentityStatus, IdentityVerdict } from './model';

/**
 * Identity decisions: whether names the pages use denote one entity (the seed
 * files' `identities`, src/ingest/ecosystemFile.ts). The graph stores each as
 * `(:IdentityDecision {id, decision, entityIds, names, reason, status, …})`,
 * `ABOUT` each entity it names and `STATED_IN {evidence}` each page it rests
 * on, as claims are stored. The API shows them on every entity
 * (`Entity.identityDecisions`), a reviewer rules on them (`decideIdentity`).
 * This file holds what the API, the curation write and the explorer share.
 */

/** The sentence parts of a decision, seen from one entity it is about. */
export interface IdentityDecisionView {
  decision: IdentityDecisionKind;
  /** SAME: the names held to be one entity's; empty for PROBABLY_SAME. */
  names: readonly string[];
  reason: string;
  /** The name of the entity the decision is seen from. */
  subjectName: string;
  /** PROBABLY_SAME: the other entity's name (its id when it has none). */
  otherName: string | null;
}

/** A list of names in prose: "A", "A and B", "A, B and C". */
export function nameList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** SAME: the decision's names other than the entity's own name (all of them when none is left). */
export function sameAsNames(names: readonly string[], subjectName: string): string[] {
  const others = names.filter((n) => n !== subjectName);
  return others.length > 0 ? others : [...names];
}

/**
 * One sentence: "Same entity as 樂迦再生科技 because: …" or "Probably the same
 * as Locus Cell Co. because: …". The reason is our own text and keeps its own
 * capitals, hence the colon.
 */
export function identityExplanation(view: IdentityDecisionView): string {
  const reason = view.reason.trim();
  if (view.decision === 'SAME') return `Same entity as ${nameList(sameAsNames(view.names, view.subjectName))} because: ${reason}`;
  return `Probably the same as ${view.otherName ?? 'another entity'} because: ${reason}`;
}

/** The status a verdict leaves a standing decision in. */
export function statusAfter(verdict: IdentityVerdict): Exclude<IdentityStatus, 'STANDING'> {
  return verdict === 'CONFIRM' ? 'CONFIRMED' : 'UNDONE';
}
