import type { EntityRecord } from '../src/modules/entity/records';
import { REASON_LEADS, explainRoute, explainWhyNot, type ReasonFacts } from '../src/modules/paths/suggestionReasons';
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
    expect(explainWhyNot({ ...base, partners: true })).toBe('Sysmex is already a partner of MetaTech: suggestions leave out existing partners.');
    expect(explainWhyNot({ ...base, outside: 'not in JP' })).toBe('Sysmex is outside the group asked for (not in JP).');
    expect(explainWhyNot({ ...base, rank: 3, kinds: ['AGREEMENT', 'EVENT'] })).toBe('Sysmex is suggestion number 3 for MetaTech, sharing agreement, event.');
    expect(explainWhyNot({ ...base, unverifiedOnly: true })).toMatch(/only through facts no verified page states/);
    expect(explainWhyNot(base)).toMatch(/^Sysmex shares nothing with MetaTech within two steps/);
    expect(explainWhyNot({ ...base, kinds: ['FOCUS'] })).toBe('Sysmex shares focus with MetaTech, but other candidates share more.');
    expect(explainWhyNot({ ...base, notPartnerKind: 'REGULATOR', kinds: ['APPROVAL'] })).toMatch(/^Sysmex is a regulator: suggestions name possible partners.* It shares approval with MetaTech, .* Ask for a group of kind REGULATOR to rank it\.$/);
  });
});
