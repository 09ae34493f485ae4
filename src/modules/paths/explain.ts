/**
 * Plain-English sentences for path hops and partner-suggestion reasons. Pure
 * functions of the records (no database), so every relationship type and
 * direction is unit-tested in test/explain.test.ts.
 *
 * A hop is read in path order: `from` is the entity the hop leaves, `to` the one
 * it reaches. FORWARD means the stored relationship points from `from` to `to`;
 * BACKWARD means it points the other way. Each sentence starts with `from`.
 */
import { RELATIONSHIP_TYPES, type EntityLabel, type RelationshipType } from '../../domain/model';
import type { EntityRecord } from '../entity/records';

export type HopDirection = 'FORWARD' | 'BACKWARD';

/** What a hop sentence is built from (a HopRecord without its explanation and sources). */
export interface HopFacts {
  from: EntityRecord;
  to: EntityRecord;
  type: RelationshipType;
  direction: HopDirection;
  /** The relationship's public properties (role, title, unit, topic, status …). */
  properties: Record<string, unknown>;
}

/** Longest talk topic quoted in a sentence; longer topics are cut at a word boundary. */
export const MAX_TOPIC_LENGTH = 120;

/** "trial", "clinical trial": a label read as a noun inside a sentence. */
const nounOf = (label: EntityLabel): string => label.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

const ROLE_PHRASE: Record<string, string> = {
  LICENSOR: 'the licensor',
  LICENSEE: 'the licensee',
  PARTNER: 'a partner',
  INVESTOR: 'the investor',
  INVESTEE: 'the investee',
  SHAREHOLDER: 'a shareholder',
  MANUFACTURER: 'the manufacturer',
  CLIENT: 'the client',
  SIGNATORY: 'a signatory',
};

/** The entity's name as it appears inside a sentence. */
export function nameOf(entity: EntityRecord): string {
  const name = entity.props.name;
  return typeof name === 'string' && name.trim() ? name.trim() : entity.id;
}

/**
 * The entity's name at the start of a sentence. Names whose first word is all
 * lower case ("exosome", "highly purified exosomes") are introduced by their
 * type ("The modality exosome") rather than capitalised; names such as "iPSC"
 * or "iHeart Japan" are proper names and stand as they are.
 */
export function subjectOf(entity: EntityRecord): string {
  const name = nameOf(entity);
  return /^[a-z][a-z-]*(\s|$)/.test(name) ? `The ${nounOf(entity.label)} ${name}` : name;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String).filter((s) => s.trim()) : []);

/** "(non-exclusive, JP)" from an agreement's `exclusive` and `territory`; empty when neither is known. */
export function agreementTerms(agreement: EntityRecord): string {
  if (agreement.label !== 'Agreement') return '';
  const parts: string[] = [];
  if (agreement.props.exclusive === true) parts.push('exclusive');
  if (agreement.props.exclusive === false) parts.push('non-exclusive');
  parts.push(...list(agreement.props.territory));
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** An agreement's name followed by its terms. */
function agreementName(agreement: EntityRecord): string {
  return `${nameOf(agreement)}${agreementTerms(agreement)}`;
}

/**
 * Qualifiers some relationships carry (TARGETS_INDICATION.status, FOCUSES_ON.nature
 * and .basis, ADMINISTERS.inferred) as a parenthesis: " (potential extension)".
 */
function qualifiers(props: Record<string, unknown>): string {
  const parts = [text(props.status), text(props.nature), text(props.basis), text(props.stage)].filter((p): p is string => p !== null);
  if (props.inferred === true) parts.push('inferred');
  const dated = DATE_WORDS.find(([name]) => text(props[name]));
  if (dated) parts.push(`${dated[1]} ${text(props[dated[0]])}`);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** The date a hop states, with the word that says what happened then; the first one present is shown. */
const DATE_WORDS: readonly (readonly [string, string])[] = [
  ['signedOn', 'signed'],
  ['approvedOn', 'approved'],
  ['passedOn', 'passed'],
  ['effectiveOn', 'effective'],
  ['startedOn', 'since'],
  ['endedOn', 'until'],
  ['announcedOn', 'announced'],
  ['asOf', 'as of'],
];

/** A talk topic quoted briefly, without its final full stop. */
function topicOf(props: Record<string, unknown>): string {
  const topic = text(props.topic);
  if (!topic) return '';
  let short = topic.replace(/[.\s]+$/, '');
  if (short.length > MAX_TOPIC_LENGTH) {
    const cut = short.slice(0, MAX_TOPIC_LENGTH);
    short = `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).replace(/[,;:\s]+$/, '')}…`;
  }
  return ` on "${short}"`;
}

/** "Deputy Director (Bio-Industry Division)" from HOLDS_ROLE.title and .unit; null without a title. */
function roleTitle(props: Record<string, unknown>): string | null {
  const title = text(props.title);
  const unit = text(props.unit);
  if (!title) return null;
  return unit ? `${title} (${unit})` : title;
}

/**
 * The sentence for one hop: one per relationship type and direction, starting
 * with the hop's `from` entity and ending in a full stop.
 */
export function explainHop(hop: HopFacts): string {
  const { from, to, type, direction, properties: p } = hop;
  const forward = direction === 'FORWARD';
  const s = subjectOf(from);
  const o = nameOf(to);
  const q = qualifiers(p);
  let sentence: string;
  switch (type) {
    case 'HOLDS_ROLE': {
      const role = roleTitle(p);
      if (forward) sentence = role ? `${s} is ${role} at ${o}` : `${s} holds a role at ${o}`;
      else sentence = role ? `${s} has ${o} as ${role}` : `${s} counts ${o} among its people`;
      break;
    }
    case 'SPOKE_AT':
      sentence = forward ? `${s} spoke at ${o}${topicOf(p)}` : `${s} heard a talk by ${o}${topicOf(p)}`;
      break;
    case 'PARTICIPATED_IN': {
      const role = text(p.role);
      sentence = forward ? `${s} took part in ${o}${role ? ` as ${role}` : ''}` : `${s} was attended by ${o}${role ? ` as ${role}` : ''}`;
      break;
    }
    case 'PARTY_TO': {
      const role = ROLE_PHRASE[String(p.role)] ?? 'a party';
      if (forward) sentence = `${s} is ${role} in ${agreementName(to)}`;
      else sentence = `${s}${agreementTerms(from)} has ${o} as ${role.replace(/^the /, 'its ')}`;
      break;
    }
    case 'FACILITATED':
      sentence = forward ? `${s} helped bring about ${agreementName(to)}` : `${s}${agreementTerms(from)} was facilitated by ${o}`;
      break;
    case 'PART_OF': {
      // Policies: a pillar of a strategy; organizations: a unit of an organization.
      const part = forward ? from : to;
      const noun = part.label === 'Policy' ? 'pillar' : 'unit';
      sentence = forward ? `${s} is a ${noun} of ${o}` : `${s} has the ${noun} ${o}`;
      break;
    }
    case 'LOCATED_IN': {
      const located = forward ? from : to;
      if (forward) sentence = located.label === 'Organization' ? `${s} is based in ${o}` : located.label === 'Event' ? `${s} took place in ${o}` : `${s} applies in ${o}`;
      else sentence = located.label === 'Organization' ? `${s} is home to ${o}` : located.label === 'Event' ? `${s} hosted ${o}` : `${s} is where ${o} applies`;
      break;
    }
    case 'CREATED':
      sentence = forward ? `${s} created ${o}` : `${s} was created by ${agreementName(to)}`;
      break;
    case 'SIGNED': {
      const role = text(p.role);
      sentence = forward ? `${s} signed ${agreementName(to)}${role ? ` ${role}` : ''}` : `${s} was signed by ${o}${role ? ` ${role}` : ''}`;
      break;
    }
    case 'WITNESSED':
      sentence = forward ? `${s} witnessed the signing of ${agreementName(to)}` : `${s} was witnessed by ${o}`;
      break;
    default: {
      const { phrase } = RELATIONSHIP_TYPES[type];
      sentence = `${s} ${forward ? phrase.forward : phrase.backward} ${o}`;
    }
  }
  return `${sentence}${q}.`;
}

/** A whole path in one paragraph: the hop sentences joined by a space. */
export function explainPath(hops: readonly { explanation: string }[]): string {
  return hops.map((h) => h.explanation).join(' ');
}

/** Why a shared neighbour makes two organizations likely partners, e.g. "Both work with exosome." */
export function explainSharedNeighbour(shared: EntityRecord): string {
  const name = nameOf(shared);
  switch (shared.label) {
    case 'Modality':
      return `Both work with ${name}.`;
    case 'Indication':
      return `Both address ${name}.`;
    case 'Event':
      return `Both took part in ${name}.`;
    case 'Organization':
      return `Both are linked to ${name}.`;
    default:
      return `Both are linked to the ${nounOf(shared.label)} ${name}.`;
  }
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * How big a hub is, in words: "2,635 participants" for an event, "used by 4,565
 * organizations and technologies" for a modality, "addressed by …" for an
 * indication, else "1,257 relationships". `members` is null for other kinds.
 */
export function hubSize(hub: EntityRecord, degree: number, members: number | null): string {
  if (members !== null && hub.label === 'Event') return `${count(members)} participants`;
  if (members !== null && hub.label === 'Modality') return `used by ${count(members)} organizations and technologies`;
  if (members !== null && hub.label === 'Indication') return `addressed by ${count(members)} organizations and technologies`;
  return `${count(degree)} relationships`;
}

/** The hub entity with its size after its name, for the sentence of the hop that reaches it. */
export function withSize(hub: EntityRecord, size: string): EntityRecord {
  return { ...hub, props: { ...hub.props, name: `${nameOf(hub)} (${size})` } };
}

const SHARED_VERB: Partial<Record<RelationshipType, string>> = {
  PARTICIPATED_IN: 'took part in',
  ORGANIZED: 'organized',
  CO_HOSTED: 'co-hosted',
  SPOKE_AT: 'spoke at',
  USES_MODALITY: 'work with',
  TARGETS_INDICATION: 'address',
  FOCUSES_ON: 'focus on',
  DEVELOPS: 'develop',
  PARTY_TO: 'are parties to',
  APPLIES_IN: 'grant rights in',
};

/**
 * Why a path through a hub is weak, naming the hub and its size: "Hexun Bio and
 * Astellas Pharma Inc. both took part in X (2,635 participants)." when both
 * neighbours relate to the hub the same way, else "X (1,257 relationships) links
 * A and B."
 */
export function explainHub(hub: EntityRecord, size: string, before: HopFacts, after: HopFacts): string {
  const a = before.from;
  const b = after.to;
  const verb = SHARED_VERB[before.type];
  const bothPointAtHub = before.type === after.type && before.direction === 'FORWARD' && after.direction === 'BACKWARD';
  if (verb && bothPointAtHub) return `${subjectOf(a)} and ${nameOf(b)} both ${verb} ${nameOf(hub)} (${size}).`;
  const last = nameOf(b);
  return `${subjectOf(hub)} (${size}) links ${nameOf(a)} and ${last}${last.endsWith('.') ? '' : '.'}`;
}
