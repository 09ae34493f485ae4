/**
 * Sentences for path hops and partner-suggestion reasons, in English, Japanese
 * (「AはBのライセンサーである」) and Traditional Chinese (「A為B之授權方」). Pure
 * functions of the records (no database), so every relationship type and
 * direction is unit-tested in test/explain.test.ts. Names are the ones a reader
 * of the language is shown (localizedName); the words of the model's vocabularies
 * come from src/domain/terms.ts, the relationship phrases from the model.
 *
 * A hop is read in path order: `from` is the entity the hop leaves, `to` the one
 * it reaches. FORWARD means the stored relationship points from `from` to `to`;
 * BACKWARD means it points the other way. Each sentence starts with `from`.
 */
import { ENTITIES } from '../../domain/entities';
import type { Language } from '../../domain/language';
import { RELATIONSHIP_TYPES, type EntityLabel, type RelationshipType } from '../../domain/model';
import { localizedName } from '../../domain/names';
import { termOf } from '../../domain/terms';
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

/** The entity's name as it appears inside a sentence, as a reader of `lang` is shown it. */
export function nameOf(entity: EntityRecord, lang: Language = 'en'): string {
  const name = localizedName(entity.props, lang);
  return typeof name === 'string' && name.trim() ? name.trim() : entity.id;
}

/**
 * The entity's name at the start of a sentence. Names whose first word is all
 * lower case ("exosome", "highly purified exosomes") are introduced by their
 * type ("The modality exosome") rather than capitalised; names such as "iPSC"
 * or "iHeart Japan" are proper names and stand as they are.
 */
export function subjectOf(entity: EntityRecord, lang: Language = 'en'): string {
  const name = nameOf(entity, lang);
  if (!/^[a-z][a-z-]*(\s|$)/.test(name)) return name;
  return lang === 'en' ? `The ${nounOf(entity.label)} ${name}` : `${ENTITIES[entity.label].displayName[lang]}「${name}」`;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String).filter((s) => s.trim()) : []);

/** Brackets, list separators and the full stop of each language. */
const PUNCTUATION = {
  en: { open: ' (', close: ')', comma: ', ', semicolon: '; ', stop: '.', join: ' ' },
  ja: { open: '（', close: '）', comma: '、', semicolon: '、', stop: '。', join: '' },
  'zh-Hant': { open: '（', close: '）', comma: '，', semicolon: '；', stop: '。', join: '' },
} as const satisfies Record<Language, Record<string, string>>;

const paren = (parts: readonly string[], lang: Language, separator: 'comma' | 'semicolon' = 'comma'): string =>
  parts.length ? `${PUNCTUATION[lang].open}${parts.join(PUNCTUATION[lang][separator])}${PUNCTUATION[lang].close}` : '';

/**
 * "(non-exclusive, JP)" from an agreement's `exclusive` and `territory`; empty
 * when neither is known. Japanese and Chinese name the countries
 * (「（独占的、台湾）」, 「（獨家，臺灣）」).
 */
export function agreementTerms(agreement: EntityRecord, lang: Language = 'en'): string {
  if (agreement.label !== 'Agreement') return '';
  const parts: string[] = [];
  if (agreement.props.exclusive === true) parts.push({ en: 'exclusive', ja: '独占的', 'zh-Hant': '獨家' }[lang]);
  if (agreement.props.exclusive === false) parts.push({ en: 'non-exclusive', ja: '非独占的', 'zh-Hant': '非獨家' }[lang]);
  parts.push(...list(agreement.props.territory).map((code) => (lang === 'en' ? code : termOf('countries', code, lang))));
  return paren(parts, lang);
}

/** An agreement's name followed by its terms. */
function agreementName(agreement: EntityRecord, lang: Language = 'en'): string {
  return `${nameOf(agreement, lang)}${agreementTerms(agreement, lang)}`;
}

/** The date a hop states, with how each language says what happened then; the first one present is shown. */
const DATE_WORDS: readonly (readonly [string, (date: string, lang: Language) => string])[] = [
  ['signedOn', (d, lang) => ({ en: `signed ${d}`, ja: `${d}締結`, 'zh-Hant': `${d}簽署` })[lang]],
  ['approvedOn', (d, lang) => ({ en: `approved ${d}`, ja: `${d}承認`, 'zh-Hant': `${d}核准` })[lang]],
  ['passedOn', (d, lang) => ({ en: `passed ${d}`, ja: `${d}可決`, 'zh-Hant': `${d}三讀通過` })[lang]],
  ['effectiveOn', (d, lang) => ({ en: `effective ${d}`, ja: `${d}施行`, 'zh-Hant': `${d}施行` })[lang]],
  ['startedOn', (d, lang) => ({ en: `since ${d}`, ja: `${d}から`, 'zh-Hant': `自${d}起` })[lang]],
  ['endedOn', (d, lang) => ({ en: `until ${d}`, ja: `${d}まで`, 'zh-Hant': `至${d}止` })[lang]],
  ['announcedOn', (d, lang) => ({ en: `announced ${d}`, ja: `${d}発表`, 'zh-Hant': `${d}宣布` })[lang]],
  ['asOf', (d, lang) => ({ en: `as of ${d}`, ja: `${d}時点`, 'zh-Hant': `截至${d}` })[lang]],
];

/**
 * Qualifiers some relationships carry (TARGETS_INDICATION.status, FOCUSES_ON.nature
 * and .basis, ADMINISTERS.inferred) and the first date, as a parenthesis:
 * " (potential extension)", 「（2017-04-24締結）」. Free-text qualifiers are
 * quoted as the seed states them (in English).
 */
function qualifiers(props: Record<string, unknown>, lang: Language): string {
  const parts = [text(props.status), text(props.nature), text(props.basis), text(props.stage)].filter((p): p is string => p !== null);
  if (props.inferred === true) parts.push({ en: 'inferred', ja: '推定', 'zh-Hant': '推定' }[lang]);
  const dated = DATE_WORDS.find(([name]) => text(props[name]));
  if (dated) parts.push(dated[1](text(props[dated[0]])!, lang));
  return paren(parts, lang, 'semicolon');
}

/** A talk topic quoted briefly, without its final full stop. */
function shortTopic(props: Record<string, unknown>): string | null {
  const topic = text(props.topic);
  if (!topic) return null;
  let short = topic.replace(/[.\s]+$/, '');
  if (short.length > MAX_TOPIC_LENGTH) {
    const cut = short.slice(0, MAX_TOPIC_LENGTH);
    short = `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).replace(/[,;:\s]+$/, '')}…`;
  }
  return short;
}

/** " on \"topic\"" in English; empty without a topic. */
function topicOf(props: Record<string, unknown>): string {
  const topic = shortTopic(props);
  return topic ? ` on "${topic}"` : '';
}

/** "Deputy Director (Bio-Industry Division)" from HOLDS_ROLE.title and .unit; null without a title. */
function roleTitle(props: Record<string, unknown>, lang: Language = 'en'): string | null {
  const title = text(props.title);
  const unit = text(props.unit);
  if (!title) return null;
  return unit ? `${title}${paren([unit], lang)}` : title;
}

/**
 * The sentence for one hop, in `lang` (English by default): one per
 * relationship type and direction, starting with the hop's `from` entity and
 * ending in a full stop.
 */
export function explainHop(hop: HopFacts, lang: Language = 'en'): string {
  return lang === 'en' ? englishHop(hop) : eastAsianHop(hop, lang);
}

function englishHop(hop: HopFacts): string {
  const { from, to, type, direction, properties: p } = hop;
  const forward = direction === 'FORWARD';
  const s = subjectOf(from);
  const o = nameOf(to);
  const q = qualifiers(p, 'en');
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
      sentence = `${s} ${forward ? phrase.forward.en : phrase.backward.en} ${o}`;
    }
  }
  return `${sentence}${q}.`;
}

/** The model's phrase of `type` with `other` in its place: "…を開発している" → "XYZを開発している". */
function phraseWith(type: RelationshipType, forward: boolean, other: string, lang: Exclude<Language, 'en'>): string {
  const { phrase } = RELATIONSHIP_TYPES[type];
  return (forward ? phrase.forward : phrase.backward)[lang].replace('…', other);
}

/**
 * A hop in Japanese or Chinese. Japanese puts the topic first with は and the
 * predicate last (「AはBのライセンサーである。」); Chinese puts the predicate
 * between (「A為B之授權方。」). The model's phrases place the other entity at
 * "…"; the types whose properties make richer sentences are spelled out here.
 */
function eastAsianHop(hop: HopFacts, lang: Exclude<Language, 'en'>): string {
  const { from, to, type, direction, properties: p } = hop;
  const ja = lang === 'ja';
  const forward = direction === 'FORWARD';
  const s = subjectOf(from, lang);
  const o = nameOf(to, lang);
  const q = qualifiers(p, lang);
  // "AはX" (ja) or "AX" (zh): the subject followed by a predicate.
  const says = (predicate: string) => (ja ? `${s}は${predicate}` : `${s}${predicate}`);
  let sentence: string;
  switch (type) {
    case 'HOLDS_ROLE': {
      const role = roleTitle(p, lang);
      if (!role) sentence = says(phraseWith(type, forward, o, lang));
      else if (forward) sentence = ja ? `${s}は${o}の${role}である` : `${s}為${o}之${role}`;
      else sentence = ja ? `${s}は${o}を${role}とする` : `${s}由${o}擔任${role}`;
      break;
    }
    case 'SPOKE_AT': {
      const topic = shortTopic(p);
      if (!topic) sentence = says(phraseWith(type, forward, o, lang));
      else if (forward) sentence = ja ? `${s}は${o}で「${topic}」について講演した` : `${s}於${o}就「${topic}」發表演講`;
      else sentence = ja ? `${s}は${o}による「${topic}」についての講演の場となった` : `${s}有${o}就「${topic}」發表演講`;
      break;
    }
    case 'PARTICIPATED_IN': {
      const role = text(p.role);
      if (forward) sentence = ja ? `${s}は${role ? `${role}として` : ''}${o}に参加した` : `${s}${role ? `以${role}身分` : ''}參與${o}`;
      else sentence = ja ? `${s}には${o}が${role ? `${role}として` : ''}参加した` : `${s}有${o}${role ? `以${role}身分` : ''}參與`;
      break;
    }
    case 'PARTY_TO': {
      const role = p.role ? termOf('partyRoles', String(p.role), lang) : ja ? '当事者' : '當事方';
      if (forward) sentence = ja ? `${s}は${agreementName(to, lang)}の${role}である` : `${s}為${agreementName(to, lang)}之${role}`;
      else sentence = ja ? `${s}${agreementTerms(from, lang)}は${o}を${role}とする` : `${s}${agreementTerms(from, lang)}以${o}為${role}`;
      break;
    }
    case 'FACILITATED':
      if (forward) sentence = says(phraseWith(type, true, agreementName(to, lang), lang));
      else sentence = ja ? `${s}${agreementTerms(from, lang)}は${o}の支援を受けて成立した` : `${s}${agreementTerms(from, lang)}由${o}促成`;
      break;
    case 'PART_OF': {
      const policy = (forward ? from : to).label === 'Policy';
      if (forward) sentence = ja ? `${s}は${o}の${policy ? '柱' : '一部門'}である` : `${s}為${o}之${policy ? '支柱' : '下屬單位'}`;
      else sentence = ja ? `${s}には${policy ? '柱' : '部門'}として${o}がある` : `${s}${policy ? '包含支柱' : '下設'}${o}`;
      break;
    }
    case 'LOCATED_IN': {
      const located = (forward ? from : to).label;
      const org = located === 'Organization';
      const event = located === 'Event';
      if (forward) sentence = ja ? `${s}は${o}${org ? 'に拠点を置く' : event ? 'で開催された' : 'で適用される'}` : `${s}${org ? '設於' : event ? '於' : '適用於'}${o}${event ? '舉行' : ''}`;
      else sentence = ja ? `${s}${org ? 'には' : 'では'}${o}${org ? 'が拠点を置く' : event ? 'が開催された' : 'が適用される'}` : `${s}為${o}之${org ? '所在地' : event ? '舉辦地' : '適用地區'}`;
      break;
    }
    case 'CREATED':
      sentence = says(phraseWith(type, forward, forward ? o : agreementName(to, lang), lang));
      break;
    case 'SIGNED':
    case 'WITNESSED': {
      const role = type === 'SIGNED' ? text(p.role) : null;
      sentence = says(phraseWith(type, forward, forward ? agreementName(to, lang) : o, lang)) + paren(role ? [role] : [], lang);
      break;
    }
    default:
      sentence = says(phraseWith(type, forward, o, lang));
  }
  return `${sentence}${q}。`;
}

/** A whole path in one paragraph: the hop sentences joined (by a space in English). */
export function explainPath(hops: readonly { explanation: string }[], lang: Language = 'en'): string {
  return hops.map((h) => h.explanation).join(PUNCTUATION[lang].join);
}

/** Why a shared neighbour makes two organizations likely partners, e.g. "Both work with exosome.", 「両者とも exosome を用いている。」 */
export function explainSharedNeighbour(shared: EntityRecord, lang: Language = 'en'): string {
  const name = nameOf(shared, lang);
  const noun = ENTITIES[shared.label].displayName[lang];
  const sentences: Record<Language, Partial<Record<EntityLabel, string>> & { other: string }> = {
    en: { Modality: `Both work with ${name}.`, Indication: `Both address ${name}.`, Event: `Both took part in ${name}.`, Organization: `Both are linked to ${name}.`, other: `Both are linked to the ${nounOf(shared.label)} ${name}.` },
    ja: { Modality: `両者とも${name}を用いている。`, Indication: `両者とも${name}を対象としている。`, Event: `両者とも${name}に参加した。`, Organization: `両者とも${name}とつながりがある。`, other: `両者とも${noun}「${name}」とつながりがある。` },
    'zh-Hant': { Modality: `兩者皆運用${name}。`, Indication: `兩者皆針對${name}。`, Event: `兩者皆參與${name}。`, Organization: `兩者皆與${name}有所關聯。`, other: `兩者皆與${noun}「${name}」有所關聯。` },
  };
  return sentences[lang][shared.label] ?? sentences[lang].other;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * How big a hub is, in words: "2,635 participants" for an event, "used by 4,565
 * organizations and technologies" for a modality, "addressed by …" for an
 * indication, else "1,257 relationships". `members` is null for other kinds.
 */
export function hubSize(hub: EntityRecord, degree: number, members: number | null, lang: Language = 'en'): string {
  const n = count(members ?? degree);
  if (members !== null && hub.label === 'Event') return { en: `${n} participants`, ja: `参加者${n}`, 'zh-Hant': `參與者${n}` }[lang];
  if (members !== null && hub.label === 'Modality') return { en: `used by ${n} organizations and technologies`, ja: `${n}の組織・技術が使用`, 'zh-Hant': `${n}個機構與技術採用` }[lang];
  if (members !== null && hub.label === 'Indication') return { en: `addressed by ${n} organizations and technologies`, ja: `${n}の組織・技術が対象`, 'zh-Hant': `${n}個機構與技術針對` }[lang];
  return { en: `${count(degree)} relationships`, ja: `関係${count(degree)}件`, 'zh-Hant': `${count(degree)}項關係` }[lang];
}

/** The hub entity with its size after its name (in `lang`), for the sentence of the hop that reaches it. */
export function withSize(hub: EntityRecord, size: string, lang: Language = 'en'): EntityRecord {
  const { namesEn: _en, namesJa: _ja, namesZhHant: _zh, ...props } = hub.props;
  return { ...hub, props: { ...props, name: `${nameOf(hub, lang)}${paren([size], lang)}` } };
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
export function explainHub(hub: EntityRecord, size: string, before: HopFacts, after: HopFacts, lang: Language = 'en'): string {
  const a = before.from;
  const b = after.to;
  const verb = SHARED_VERB[before.type];
  const bothPointAtHub = before.type === after.type && before.direction === 'FORWARD' && after.direction === 'BACKWARD';
  const sized = `${nameOf(hub, lang)}${paren([size], lang)}`;
  if (lang !== 'en') {
    if (verb && bothPointAtHub) {
      const predicate = phraseWith(before.type, true, sized, lang);
      return lang === 'ja' ? `${subjectOf(a, lang)}と${nameOf(b, lang)}はいずれも${predicate}。` : `${subjectOf(a, lang)}與${nameOf(b, lang)}皆${predicate}。`;
    }
    return lang === 'ja' ? `${sized}は${nameOf(a, lang)}と${nameOf(b, lang)}を結びつけている。` : `${sized}連結${nameOf(a, lang)}與${nameOf(b, lang)}。`;
  }
  if (verb && bothPointAtHub) return `${subjectOf(a)} and ${nameOf(b)} both ${verb} ${nameOf(hub)} (${size}).`;
  const last = nameOf(b);
  return `${subjectOf(hub)} (${size}) links ${nameOf(a)} and ${last}${last.endsWith('.') ? '' : '.'}`;
}
