import type { SuggestionReasonKind } from '../../domain/suggestionLinks';
import type { EntityRecord } from '../entity/records';
import type { Language, Localized } from '../../domain/language';
import { inEveryLanguage } from '../../domain/language';
import { termOf } from '../../domain/terms';
import { explainHop, nameOf, subjectOf, type HopFacts } from './explain';

/**
 * Sentences for partner suggestions: reasons, one function per reason kind,
 * each taking the facts (who, whom, what they share, each side's route to it
 * with its date), and what "why not", a group's reach and its way in say, in
 * English, Japanese and Traditional Chinese (a reason's lead sentence is
 * English; in the other two a reason reads as both sides' routes). Pure:
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
  /** What it is outside of, when it is outside the asked group: the asked country, the asked kind. */
  outside: { country?: string; kind?: string } | null;
  /** Its organization kind when that kind is never suggested as a partner (src/domain/model.ts PARTNER_PROPENSITY), and not asked for by name. */
  notPartnerKind: string | null;
  unverifiedOnly: boolean;
}

const LIST_SEPARATOR: Record<Language, string> = { en: ', ', ja: '、', 'zh-Hant': '、' };
const listIn = (words: readonly string[], lang: Language) => words.join(LIST_SEPARATOR[lang]);
const kindsIn = (kinds: readonly SuggestionReasonKind[], lang: Language) => listIn(kinds.map((k) => termOf('suggestionReasonKinds', k, lang)), lang);
const countryIn = (code: string, lang: Language) => termOf('countries', code, lang);
const orgKindIn = (kind: string, lang: Language) => termOf('organizationKinds', kind, lang);
const namesIn = (entities: readonly EntityRecord[], lang: Language) => listIn(entities.map((e) => nameOf(e, lang)), lang);
/** Everything a suggestion counts, in words: what "shares nothing" means. */
const EVERY_KIND: Localized = {
  en: 'counterpart, person, technology, approval, regulator, trial, event, fund or field',
  ja: '取引相手・人物・技術・承認・規制当局・臨床試験・イベント・資金・分野',
  'zh-Hant': '交易對象、人員、技術、核准、主管機關、臨床試驗、活動、基金或領域',
};

/** Why an organization is not (or is low) among the suggestions, in each language. */
export function explainWhyNot(f: WhyNotFacts): Localized {
  return inEveryLanguage((lang) => {
    const c = lang === 'en' ? subjectOf(f.candidate) : nameOf(f.candidate, lang);
    const s = nameOf(f.self, lang);
    const kinds = kindsIn(f.kinds, lang);
    if (f.candidate.id === f.self.id)
      return { en: `${c} is the organization suggestions are for.`, ja: `${c}は提案の対象となっている組織そのものです。`, 'zh-Hant': `${c}正是建議所針對的機構。` }[lang];
    if (f.partners)
      return { en: `${c} is already a partner of ${s}: suggestions leave out existing partners.`, ja: `${c}はすでに${s}のパートナーです。提案は既存のパートナーを除きます。`, 'zh-Hant': `${c}已是${s}的夥伴；建議不列入既有夥伴。` }[lang];
    if (f.notPartnerKind) {
      const kind = orgKindIn(f.notPartnerKind, lang);
      const shares = f.kinds.length
        ? { en: ` It shares ${kinds} with ${s}, which counts as a reason for others.`, ja: `${s}とは${kinds}を共有しており、それは他の組織どうしの理由として数えられます。`, 'zh-Hant': `它與${s}共享${kinds}，這會計入其他機構之間的理由。` }[lang]
        : '';
      return {
        en: `${c} is a ${kind}: suggestions name possible partners, and a ${kind} approves, funds, reports or hosts rather than partners; what it shares with two organizations counts as a reason between them.${shares} Ask for a group of kind ${f.notPartnerKind} to rank it.`,
        ja: `${c}は${kind}です。提案が挙げるのは提携しうる相手で、${kind}は提携するよりも承認・資金提供・報道・開催を担います。二つの組織が共にそれと関わることは、両者の間の理由として数えられます。${shares}順位を見るには種類 ${f.notPartnerKind} のグループを指定してください。`,
        'zh-Hant': `${c}是${kind}。建議列出的是可能的合作夥伴，而${kind}的角色是核准、資助、報導或主辦，而非合作；兩個機構與它的共同關係會計為兩者之間的理由。${shares}若要看它的排名，請指定類型為 ${f.notPartnerKind} 的群組。`,
      }[lang];
    }
    if (f.outside) {
      const parts = [
        f.outside.country ? { en: `not in ${countryIn(f.outside.country, lang)}`, ja: `${countryIn(f.outside.country, lang)}にない`, 'zh-Hant': `不在${countryIn(f.outside.country, lang)}` }[lang] : null,
        f.outside.kind ? { en: `not a ${orgKindIn(f.outside.kind, lang)}`, ja: `${orgKindIn(f.outside.kind, lang)}ではない`, 'zh-Hant': `不是${orgKindIn(f.outside.kind, lang)}` }[lang] : null,
      ].filter((x): x is string => !!x);
      const why = listIn(parts, lang);
      return { en: `${c} is outside the group asked for (${why}).`, ja: `${c}は指定されたグループの外にあります（${why}）。`, 'zh-Hant': `${c}不在所指定的群組內（${why}）。` }[lang];
    }
    if (f.rank !== null)
      return { en: `${c} is suggestion number ${f.rank} for ${s}, sharing ${kinds}.`, ja: `${c}は${s}への提案の${f.rank}番目で、${kinds}を共有しています。`, 'zh-Hant': `${c}是給${s}的第${f.rank}項建議，共享${kinds}。` }[lang];
    if (f.unverifiedOnly)
      return {
        en: `${c} shares something with ${s} only through facts no verified page states; ask with unverified facts included to see it.`,
        ja: `${c}と${s}の共通点は、検証済みのページが述べていない事実を通してしかありません。未検証の事実を含めて尋ねると表示されます。`,
        'zh-Hant': `${c}與${s}的共同點只來自沒有經查證頁面陳述的事實；若要看到它，請在查詢時納入未查證的事實。`,
      }[lang];
    if (f.kinds.length === 0)
      return {
        en: `${c} shares nothing with ${s} within two steps: no ${EVERY_KIND.en} in common. An agreement with one of ${s}'s counterparts, or a shared event, would put it on the list.`,
        ja: `${c}は${s}と2ステップ以内に共通するもの（${EVERY_KIND.ja}）がありません。${s}の取引相手のいずれかとの契約や、共通のイベントがあれば候補に入ります。`,
        'zh-Hant': `${c}在兩步之內與${s}沒有任何共同的${EVERY_KIND['zh-Hant']}。若與${s}的某個交易對象簽訂協議，或共同參與某個活動，就會列入名單。`,
      }[lang];
    return { en: `${c} shares ${kinds} with ${s}, but other candidates share more.`, ja: `${c}は${s}と${kinds}を共有していますが、ほかの候補のほうが共通点が多くあります。`, 'zh-Hant': `${c}與${s}共享${kinds}，但其他候選者的共同點更多。` }[lang];
  });
}

/** A group as the other end: organizations of one country, of one kind when given. */
export interface GroupFacts {
  country: string;
  kind?: string | null;
}

/** The group in words: "organizations in Japan (pharmaceutical company)", 「日本の製薬企業」, 「日本的製藥公司」. */
export function groupPhrase(g: GroupFacts, lang: Language): string {
  const country = countryIn(g.country, lang);
  const kind = g.kind ? orgKindIn(g.kind, lang) : null;
  return { en: `organizations in ${country}${kind ? ` (${kind})` : ''}`, ja: `${country}の${kind ?? '組織'}`, 'zh-Hant': `${country}的${kind ?? '機構'}` }[lang];
}

/** "… could introduce …", then the strongest reason's sentence. */
export function explainGroupMember(introducer: EntityRecord | null, member: EntityRecord, reason: Localized | null): Localized {
  return inEveryLanguage((lang) => {
    const why = reason?.[lang] ?? '';
    if (!introducer) return why;
    const a = nameOf(introducer, lang);
    const b = nameOf(member, lang);
    return { en: `${a} could introduce ${b}. ${why}`.trim(), ja: `${a}が${b}を紹介できる可能性があります。${why}`, 'zh-Hant': `${a}可以引介${b}。${why}` }[lang];
  });
}

const nothingShared = (g: GroupFacts, asOf: string | null | undefined, lang: Language): string =>
  ({
    en: `No ${groupPhrase(g, 'en')} share a ${EVERY_KIND.en} with it${asOf ? ` as of ${asOf}` : ''}.`,
    ja: `${groupPhrase(g, 'ja')}のいずれとも、${EVERY_KIND.ja}の共通点がありません${asOf ? `（${asOf}時点）` : ''}。`,
    'zh-Hant': `${groupPhrase(g, 'zh-Hant')}中沒有任何一家與它共享${EVERY_KIND['zh-Hant']}${asOf ? `（截至${asOf}）` : ''}。`,
  })[lang];

const nearestWayIn = (g: GroupFacts, nearest: readonly EntityRecord[], lang: Language): string => {
  const country = countryIn(g.country, lang);
  if (!nearest.length) return { en: ` It has no partner in ${country} either.`, ja: `${country}にもパートナーがありません。`, 'zh-Hant': `它在${country}也沒有夥伴。` }[lang];
  const names = namesIn(nearest, lang);
  return { en: ` The nearest way in: its own partners in ${country}, ${names}.`, ja: `最も近い入口は、${country}にある自らのパートナー（${names}）です。`, 'zh-Hant': `最近的入口：它在${country}的既有夥伴（${names}）。` }[lang];
};

/** What a group reach found, or why nothing was, with the partners already in the group and the nearest way in. */
export function explainGroupReach(f: { group: GroupFacts; members: readonly EntityRecord[]; already: readonly EntityRecord[]; nearest: readonly EntityRecord[]; asOf?: string | null }): Localized {
  return inEveryLanguage((lang) => {
    const g = groupPhrase(f.group, lang);
    let text = f.members.length
      ? { en: `${f.members.length} ${g} reachable, the closest ${nameOf(f.members[0]!, lang)}.`, ja: `${g}のうち${f.members.length}件に届きます。最も近いのは${nameOf(f.members[0]!, lang)}です。`, 'zh-Hant': `${g}中有${f.members.length}家可觸及，最近的是${nameOf(f.members[0]!, lang)}。` }[lang]
      : nothingShared(f.group, f.asOf, lang);
    if (f.already.length) text += { en: ` Already partners in the group: ${namesIn(f.already, lang)}.`, ja: `グループ内の既存のパートナー：${namesIn(f.already, lang)}。`, 'zh-Hant': `群組中已是夥伴的：${namesIn(f.already, lang)}。` }[lang];
    if (!f.members.length) text += nearestWayIn(f.group, f.nearest, lang);
    return text;
  });
}

/** Why paths to a group lead to the nearest way in instead: no path reached its most reachable members, or nothing is shared with any. */
export function explainWayIn(f: { group: GroupFacts; tried: readonly EntityRecord[]; maxHops: number; ways: readonly EntityRecord[] }): Localized {
  return inEveryLanguage((lang) => {
    const g = groupPhrase(f.group, lang);
    const why = f.tried.length
      ? { en: `No path of at most ${f.maxHops} hops reaches the most reachable ${g} (${namesIn(f.tried, lang)}).`, ja: `${f.maxHops}ホップ以内の経路で、最も届きやすい${g}（${namesIn(f.tried, lang)}）に至るものはありません。`, 'zh-Hant': `沒有${f.maxHops}步以內的路徑能到達最容易觸及的${g}（${namesIn(f.tried, lang)}）。` }[lang]
      : nothingShared(f.group, null, lang);
    return why + nearestWayIn(f.group, f.ways, lang);
  });
}
