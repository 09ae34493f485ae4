import type { EntityRecord } from '../src/modules/entity/records';
import { REASON_LEADS, explainGroupReach, explainRoute, explainWayIn, explainWhyNot, groupPhrase, type ReasonFacts } from '../src/modules/paths/suggestionReasons';
import { SUGGESTION_REASON_KINDS } from '../src/domain/suggestionLinks';

/** Reason sentences of partner suggestions, without a database. */
const org = (id: string, name: string): EntityRecord => ({ id, label: 'Organization', props: { id, name } }) as unknown as EntityRecord;
const metatech = org('metatech', 'MetaTech');
const sysmex = org('sysmex', 'Sysmex');
const megakaryon = org('megakaryon', 'Megakaryon');
const mou = { id: 'mou', label: 'Agreement', props: { id: 'mou', name: 'MetaTech–Megakaryon MOU' } } as unknown as EntityRecord;

const facts: ReasonFacts = {
  kind: 'AGREEMENT',
  self: metatech,
  candidate: sysmex,
  shared: megakaryon,
  own: { hops: [{ from: metatech, to: mou, type: 'PARTY_TO', direction: 'FORWARD', properties: {} }, { from: mou, to: megakaryon, type: 'PARTY_TO', direction: 'BACKWARD', properties: {} }], date: '2025-10-22', sources: 2 },
  theirs: { hops: [{ from: sysmex, to: megakaryon, type: 'PART_OF', direction: 'BACKWARD', properties: {} }], date: null, sources: 1 },
};

describe('suggestion reasons in words', () => {
  it('has a sentence for every reason kind, naming both organizations or what they share', () => {
    for (const kind of SUGGESTION_REASON_KINDS) {
      const sentence = REASON_LEADS[kind]({ ...facts, kind });
      expect(sentence).toMatch(/\.$/);
      expect(sentence).toMatch(/Sysmex|Megakaryon/);
    }
  });

  it("calls a shared counterpart a counterpart's counterpart", () => {
    expect(REASON_LEADS.AGREEMENT(facts)).toBe("Sysmex and MetaTech both deal with Megakaryon through agreements: a counterpart's counterpart.");
  });

  it('writes a route as path sentences', () => {
    expect(explainRoute(facts.own)).toBe('MetaTech is a party in MetaTech–Megakaryon MOU. MetaTech–Megakaryon MOU has Megakaryon as a party.');
    expect(explainRoute(facts.theirs)).toBe('Sysmex has the unit Megakaryon.');
  });

  it('says why an organization is not suggested', () => {
    const base = { self: metatech, candidate: sysmex, partners: false, rank: null, kinds: [], outside: null, notPartnerKind: null, unverifiedOnly: false };
    expect(explainWhyNot({ ...base, partners: true }).en).toBe('Sysmex is already a partner of MetaTech: suggestions leave out existing partners.');
    expect(explainWhyNot({ ...base, outside: { country: 'JP' } }).en).toBe('Sysmex is outside the group asked for (not in Japan).');
    expect(explainWhyNot({ ...base, rank: 3, kinds: ['AGREEMENT', 'EVENT'] }).en).toBe('Sysmex is suggestion number 3 for MetaTech, sharing agreement, event.');
    expect(explainWhyNot({ ...base, unverifiedOnly: true }).en).toMatch(/only through facts no verified page states/);
    expect(explainWhyNot(base).en).toMatch(/^Sysmex shares nothing with MetaTech within two steps/);
    expect(explainWhyNot({ ...base, kinds: ['FOCUS'] }).en).toBe('Sysmex shares focus with MetaTech, but other candidates share more.');
    expect(explainWhyNot({ ...base, notPartnerKind: 'REGULATOR', kinds: ['APPROVAL'] }).en).toMatch(/^Sysmex is a regulator: suggestions name possible partners.* It shares approval with MetaTech, .* Ask for a group of kind REGULATOR to rank it\.$/);
  });

  it('says why not in Japanese and Traditional Chinese too, with the words of the model', () => {
    const base = { self: metatech, candidate: sysmex, partners: false, rank: 3, kinds: ['AGREEMENT', 'EVENT'] as const, outside: null, notPartnerKind: null, unverifiedOnly: false };
    const why = explainWhyNot({ ...base, kinds: [...base.kinds] });
    expect(why.ja).toBe('SysmexはMetaTechへの提案の3番目で、契約、イベントを共有しています。');
    expect(why['zh-Hant']).toBe('Sysmex是給MetaTech的第3項建議，共享協議、活動。');
    expect(explainWhyNot({ ...base, rank: null, kinds: [], outside: { country: 'JP', kind: 'PHARMA' } })['zh-Hant']).toBe('Sysmex不在所指定的群組內（不在日本、不是製藥公司）。');
  });

  it("names a group, its reach and the way in, in each language", () => {
    const group = { country: 'JP', kind: 'PHARMA' };
    expect(groupPhrase(group, 'en')).toBe('organizations in Japan (pharmaceutical company)');
    expect(groupPhrase(group, 'ja')).toBe('日本の製薬企業');
    expect(groupPhrase({ country: 'TW' }, 'zh-Hant')).toBe('臺灣的機構');
    const reach = explainGroupReach({ group, members: [], already: [], nearest: [megakaryon] });
    expect(reach.en).toMatch(/^No organizations in Japan \(pharmaceutical company\) share .* The nearest way in: its own partners in Japan, Megakaryon\.$/);
    expect(reach.ja).toMatch(/^日本の製薬企業のいずれとも.*最も近い入口は、日本にある自らのパートナー（Megakaryon）です。$/);
    const way = explainWayIn({ group, tried: [sysmex], maxHops: 3, ways: [megakaryon] });
    expect(way['zh-Hant']).toBe('沒有3步以內的路徑能到達最容易觸及的日本的製藥公司（Sysmex）。最近的入口：它在日本的既有夥伴（Megakaryon）。');
  });
});
