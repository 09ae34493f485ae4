import { RELATIONSHIP_TYPE_NAMES, type EntityLabel, type RelationshipType } from '../src/domain/model';
import type { EntityRecord } from '../src/modules/entity/records';
import {
  agreementTerms,
  explainHop,
  explainPath,
  explainSharedNeighbour,
  subjectOf,
  type HopDirection,
} from '../src/modules/paths/explain';

/** Entities as the seed states them (only the properties the sentences read). */
function entity(label: EntityLabel, id: string, props: Record<string, unknown> = {}): EntityRecord {
  return { id, label, props: { id, ...props } };
}

const duogenic = entity('Organization', 'duogenic-stemcells', { name: 'DuoGenic StemCells Corporation', country: 'TW' });
const aAndI = entity('Organization', 'a-and-i-co-ltd', { name: 'A&I Co., Ltd.', country: 'JP' });
const bpipo = entity('Organization', 'bpipo', { name: 'Biotechnology and Pharmaceutical Industries Promotion Office', country: 'TW' });
const meti = entity('Organization', 'meti', { name: 'Ministry of Economy, Trade and Industry', country: 'JP' });
const division = entity('Organization', 'meti-bio-industry-division', { name: 'Bio-Industry Division', country: 'JP' });
const venue = entity('Organization', 'global-life-science-hub', { name: 'Global Life Science Hub', country: 'JP' });
const komatsu = entity('Person', 'keita-komatsu', { name: 'Keita Komatsu' });
const forum = entity('Event', 'forum-2025-04-23-tokyo', { name: 'Taiwan-Japan Investment and Industry Networking Event', country: 'JP' });
const licence = entity('Agreement', 'agreement-duogenic-ai-licence-2025', {
  name: 'DuoGenic StemCells - A&I Co., Ltd. AI Cells licensing agreement',
  exclusive: false,
  territory: ['JP'],
});
const aiCells = entity('Technology', 'ai-cells', { name: 'AI Cells' });
const exosomes = entity('Technology', 'ascension-exosomes', { name: 'highly purified exosomes' });
const exosome = entity('Modality', 'modality-exosome', { name: 'exosome' });
const regenerative = entity('Modality', 'modality-regenerative-medicine', { name: 'regenerative medicine' });
const hairLoss = entity('Indication', 'indication-hair-loss', { name: 'hair loss' });
const fibrosis = entity('Indication', 'indication-fibrosis', { name: 'fibrosis' });
const lumistarPlatform = entity('Technology', 'lumistar-ipsc-platform', { name: 'iPSC Regenerative Medicine & Drug Screening Platform' });
const japan = entity('Country', 'country-jp', { name: 'Japan', code: 'JP' });
const taiwan = entity('Country', 'country-tw', { name: 'Taiwan', code: 'TW' });
const fund = entity('Fund', 'green-innovation-fund', { name: 'Green Innovation Fund', country: 'JP' });
const strategy = entity('Policy', 'policy-japan-bio-economy-strategy', { name: 'Bio Economy Strategy', country: 'JP' });
const pillar = entity('Policy', 'pillar-biomanufacturing', { name: 'Biomanufacturing', country: 'JP' });

/** A hop in path order; `start`/`end` are the stored relationship's ends. */
function hop(type: RelationshipType, start: EntityRecord, end: EntityRecord, direction: HopDirection, properties: Record<string, unknown> = {}) {
  return direction === 'FORWARD'
    ? explainHop({ from: start, to: end, type, direction, properties })
    : explainHop({ from: end, to: start, type, direction, properties });
}

describe('hop sentences, one per relationship type and direction', () => {
  it.each<[RelationshipType, EntityRecord, EntityRecord, Record<string, unknown>, string, string]>([
    [
      'PARTY_TO', duogenic, licence, { role: 'LICENSOR' },
      'DuoGenic StemCells Corporation is the licensor in DuoGenic StemCells - A&I Co., Ltd. AI Cells licensing agreement (non-exclusive, JP).',
      'DuoGenic StemCells - A&I Co., Ltd. AI Cells licensing agreement (non-exclusive, JP) has DuoGenic StemCells Corporation as its licensor.',
    ],
    [
      'HOLDS_ROLE', komatsu, meti, { title: 'Deputy Director', unit: 'Bio-Industry Division' },
      'Keita Komatsu is Deputy Director (Bio-Industry Division) at Ministry of Economy, Trade and Industry.',
      'Ministry of Economy, Trade and Industry has Keita Komatsu as Deputy Director (Bio-Industry Division).',
    ],
    [
      'SPOKE_AT', komatsu, forum, { topic: 'Vaccine plants.' },
      'Keita Komatsu spoke at Taiwan-Japan Investment and Industry Networking Event on "Vaccine plants".',
      'Taiwan-Japan Investment and Industry Networking Event heard a talk by Keita Komatsu on "Vaccine plants".',
    ],
    ['DEVELOPS', duogenic, aiCells, {}, 'DuoGenic StemCells Corporation develops AI Cells.', 'AI Cells is developed by DuoGenic StemCells Corporation.'],
    ['USES_MODALITY', exosomes, exosome, {}, 'The technology highly purified exosomes works with exosome.', 'The modality exosome is used by highly purified exosomes.'],
    ['TARGETS_INDICATION', exosomes, hairLoss, {}, 'The technology highly purified exosomes addresses hair loss.', 'The indication hair loss is addressed by highly purified exosomes.'],
    ['ORGANIZED', bpipo, forum, {}, `${bpipo.props.name} organized ${forum.props.name}.`, `${forum.props.name} was organized by ${bpipo.props.name}.`],
    ['CO_HOSTED', bpipo, forum, {}, `${bpipo.props.name} co-hosted ${forum.props.name}.`, `${forum.props.name} was co-hosted by ${bpipo.props.name}.`],
    [
      'PARTICIPATED_IN', aAndI, forum, { role: 'agreement signatory' },
      'A&I Co., Ltd. took part in Taiwan-Japan Investment and Industry Networking Event as agreement signatory.',
      'Taiwan-Japan Investment and Industry Networking Event was attended by A&I Co., Ltd. as agreement signatory.',
    ],
    ['HELD_AT', forum, venue, {}, `${forum.props.name} was held at Global Life Science Hub.`, `Global Life Science Hub was the venue of ${forum.props.name}.`],
    [
      'FACILITATED', bpipo, licence, {},
      `${bpipo.props.name} helped bring about ${licence.props.name} (non-exclusive, JP).`,
      `${licence.props.name} (non-exclusive, JP) was facilitated by ${bpipo.props.name}.`,
    ],
    ['COVERS', licence, aiCells, {}, `${licence.props.name} covers AI Cells.`, `AI Cells is covered by ${licence.props.name}.`],
    ['APPLIES_IN', licence, japan, {}, `${licence.props.name} grants rights in Japan.`, `Japan is a territory of ${licence.props.name}.`],
    ['SIGNED_AT', licence, forum, {}, `${licence.props.name} was signed at ${forum.props.name}.`, `${forum.props.name} saw the signing of ${licence.props.name}.`],
    [
      'ADMINISTERS', meti, fund, { inferred: true },
      'Ministry of Economy, Trade and Industry runs Green Innovation Fund (inferred).',
      'Green Innovation Fund is run by Ministry of Economy, Trade and Industry (inferred).',
    ],
    ['SUPPORTS', fund, strategy, {}, 'Green Innovation Fund serves Bio Economy Strategy.', 'Bio Economy Strategy is served by Green Innovation Fund.'],
    ['PART_OF', pillar, strategy, {}, 'Biomanufacturing is a pillar of Bio Economy Strategy.', 'Bio Economy Strategy has the pillar Biomanufacturing.'],
    ['LOCATED_IN', bpipo, taiwan, {}, `${bpipo.props.name} is based in Taiwan.`, `Taiwan is home to ${bpipo.props.name}.`],
    [
      'FOCUSES_ON', meti, regenerative, { nature: 'stated intention to increase support' },
      'Ministry of Economy, Trade and Industry focuses on regenerative medicine (stated intention to increase support).',
      'The modality regenerative medicine is a focus of Ministry of Economy, Trade and Industry (stated intention to increase support).',
    ],
  ])('explains %s forward and backward', (type, start, end, properties, forward, backward) => {
    expect(hop(type, start, end, 'FORWARD', properties)).toBe(forward);
    expect(hop(type, start, end, 'BACKWARD', properties)).toBe(backward);
  });

  it('covers every relationship type of the domain model', () => {
    for (const type of RELATIONSHIP_TYPE_NAMES) {
      for (const direction of ['FORWARD', 'BACKWARD'] as const) {
        const sentence = hop(type, duogenic, aAndI, direction);
        expect(sentence).toMatch(/^[A-Z].*\.$/);
        expect(sentence).not.toMatch(/undefined|null|\[object/);
      }
    }
  });

  it('names the role of each agreement party, and says "a party" when no role is stated', () => {
    expect(hop('PARTY_TO', aAndI, licence, 'FORWARD', { role: 'LICENSEE' })).toMatch(/^A&I Co\., Ltd\. is the licensee in /);
    expect(hop('PARTY_TO', aAndI, licence, 'BACKWARD', { role: 'LICENSEE' })).toMatch(/ has A&I Co\., Ltd\. as its licensee\.$/);
    expect(hop('PARTY_TO', aAndI, licence, 'FORWARD', { role: 'PARTNER' })).toMatch(/ is a partner in /);
    expect(hop('PARTY_TO', aAndI, licence, 'FORWARD')).toMatch(/ is a party in /);
  });

  it('says a unit is part of an organization, and omits a missing title', () => {
    expect(hop('PART_OF', division, meti, 'FORWARD')).toBe('Bio-Industry Division is a unit of Ministry of Economy, Trade and Industry.');
    expect(hop('HOLDS_ROLE', komatsu, meti, 'FORWARD')).toBe('Keita Komatsu holds a role at Ministry of Economy, Trade and Industry.');
    expect(hop('PARTICIPATED_IN', aAndI, forum, 'FORWARD')).toBe('A&I Co., Ltd. took part in Taiwan-Japan Investment and Industry Networking Event.');
  });

  it('keeps the status of an indication a technology may address', () => {
    expect(hop('TARGETS_INDICATION', lumistarPlatform, fibrosis, 'FORWARD', { status: 'potential extension' })).toBe(
      'iPSC Regenerative Medicine & Drug Screening Platform addresses fibrosis (potential extension).',
    );
  });

  it('shortens a long talk topic at a word boundary', () => {
    const topic = `${'word '.repeat(40)}end.`;
    const sentence = hop('SPOKE_AT', komatsu, forum, 'FORWARD', { topic });
    expect(sentence).toMatch(/ on "(word ){10,}word…"\.$/);
    expect(sentence.length).toBeLessThan(220);
  });

  it('describes the terms of an agreement only when they are known', () => {
    expect(agreementTerms(licence)).toBe(' (non-exclusive, JP)');
    expect(agreementTerms(entity('Agreement', 'x', { name: 'X', exclusive: true, territory: ['JP', 'TW'] }))).toBe(' (exclusive, JP, TW)');
    expect(agreementTerms(entity('Agreement', 'y', { name: 'Y' }))).toBe('');
    expect(agreementTerms(duogenic)).toBe('');
  });

  it('introduces lower-case names by their type instead of capitalising them', () => {
    expect(subjectOf(entity('Modality', 'modality-ipsc', { name: 'iPSC' }))).toBe('iPSC');
    expect(subjectOf(entity('Modality', 'modality-pbmc', { name: 'peripheral blood mononuclear cells' }))).toBe(
      'The modality peripheral blood mononuclear cells',
    );
    expect(subjectOf(duogenic)).toBe('DuoGenic StemCells Corporation');
    expect(subjectOf(entity('Organization', 'nameless'))).toBe('The organization nameless');
  });
});

describe('path and reason sentences', () => {
  it('joins the hop sentences of a path with spaces', () => {
    const hops = [
      { explanation: hop('PARTICIPATED_IN', duogenic, forum, 'FORWARD', { role: 'presenter' }) },
      { explanation: hop('PARTICIPATED_IN', meti, forum, 'BACKWARD', { role: 'government representative' }) },
    ];
    expect(explainPath(hops)).toBe(
      'DuoGenic StemCells Corporation took part in Taiwan-Japan Investment and Industry Networking Event as presenter. ' +
        'Taiwan-Japan Investment and Industry Networking Event was attended by Ministry of Economy, Trade and Industry as government representative.',
    );
    expect(explainPath([])).toBe('');
  });

  it('gives one reason sentence per kind of shared neighbour', () => {
    expect(explainSharedNeighbour(exosome)).toBe('Both work with exosome.');
    expect(explainSharedNeighbour(hairLoss)).toBe('Both address hair loss.');
    expect(explainSharedNeighbour(forum)).toBe('Both took part in Taiwan-Japan Investment and Industry Networking Event.');
    expect(explainSharedNeighbour(meti)).toBe('Both are linked to Ministry of Economy, Trade and Industry.');
    expect(explainSharedNeighbour(aiCells)).toBe('Both are linked to the technology AI Cells.');
  });
});

describe('hop sentences in Japanese and Traditional Chinese', () => {
  // Names as the seed tags them: the reader of each language is shown the name written in it.
  const cellseed = entity('Organization', 'cellseed', { name: 'CellSeed Inc.', aliases: ['株式会社セルシード', 'CellSeed'], namesEn: ['CellSeed Inc.', 'CellSeed'], namesJa: ['株式会社セルシード'] });
  const metatech = entity('Organization', 'metatech', {
    name: 'MetaTech (AP) Inc.',
    aliases: ['三顧股份有限公司', '三顧', 'メタテック'],
    namesEn: ['MetaTech (AP) Inc.'],
    namesJa: ['メタテック'],
    namesZhHant: ['三顧股份有限公司'],
  });
  const cellSheet = entity('Agreement', 'agreement-cellseed-metatech-licence-2017', { name: 'CellSeed–MetaTech cell-sheet licence', exclusive: true, territory: ['TW'] });
  const eda = entity('Organization', 'e-da-hospital', { name: 'E-Da Hospital', aliases: ['義大醫院', '義大医療財団法人義大病院'], namesEn: ['E-Da Hospital'], namesJa: ['義大医療財団法人義大病院'], namesZhHant: ['義大醫院'] });

  it('reads an agreement party as 「AはBのライセンサーである」 and 「A為B之授權方」', () => {
    const facts = { from: cellseed, to: cellSheet, type: 'PARTY_TO', direction: 'FORWARD', properties: { role: 'LICENSOR' } } as const;
    expect(explainHop(facts, 'ja')).toBe('株式会社セルシードはCellSeed–MetaTech cell-sheet licence（独占的、台湾）のライセンサーである。');
    expect(explainHop(facts, 'zh-Hant')).toBe('CellSeed Inc.為CellSeed–MetaTech cell-sheet licence（獨家，臺灣）之授權方。');
    const back = { from: cellSheet, to: metatech, type: 'PARTY_TO', direction: 'BACKWARD', properties: { role: 'LICENSEE' } } as const;
    expect(explainHop(back, 'ja')).toBe('CellSeed–MetaTech cell-sheet licence（独占的、台湾）はメタテックをライセンシーとする。');
    expect(explainHop(back, 'zh-Hant')).toBe('CellSeed–MetaTech cell-sheet licence（獨家，臺灣）以三顧股份有限公司為被授權方。');
  });

  it('puts the date of a hop in the language (2017-04-24締結, 自2019起)', () => {
    const facts = { from: metatech, to: eda, type: 'MANUFACTURES', direction: 'FORWARD', properties: { startedOn: '2019' } } as const;
    expect(explainHop({ ...facts, to: aiCells, properties: { signedOn: '2017-04-24' } }, 'ja')).toBe('メタテックはAI Cellsを製造している（2017-04-24締結）。');
    expect(explainHop({ ...facts, to: aiCells }, 'zh-Hant')).toBe('三顧股份有限公司製造AI Cells（自2019起）。');
  });

  it('words every relationship type and direction as a whole sentence, the other entity in its place', () => {
    const lines: string[] = [];
    for (const type of RELATIONSHIP_TYPE_NAMES) {
      for (const direction of ['FORWARD', 'BACKWARD'] as const) {
        for (const lang of ['ja', 'zh-Hant'] as const) {
          const sentence = explainHop({ from: metatech, to: eda, type, direction, properties: {} }, lang);
          lines.push(`${type} ${direction} ${lang}: ${sentence}`);
          expect(sentence).toMatch(/。$/);
          expect(sentence).not.toMatch(/…|undefined|null|\[object/);
          const [subject, other] = lang === 'ja' ? ['メタテック', '義大医療財団法人義大病院'] : ['三顧股份有限公司', '義大醫院'];
          expect(sentence.startsWith(subject)).toBe(true);
          expect(sentence).toContain(other);
        }
      }
    }
    // Printed so the phrases can be read back in context.
    console.log(lines.join('\n'));
  });

  it('joins a path without spaces and gives reasons and hubs in the language', () => {
    expect(explainPath([{ explanation: 'A。' }, { explanation: 'B。' }], 'ja')).toBe('A。B。');
    expect(explainSharedNeighbour(exosome, 'ja')).toBe('両者ともexosomeを用いている。');
    expect(explainSharedNeighbour(forum, 'zh-Hant')).toBe(`兩者皆參與${String(forum.props.name)}。`);
    expect(explainSharedNeighbour(aiCells, 'zh-Hant')).toBe('兩者皆與技術「AI Cells」有所關聯。');
  });

  it('introduces a lower-case English name by the label word of the language', () => {
    expect(subjectOf(exosome, 'ja')).toBe('モダリティ「exosome」');
    expect(subjectOf(hairLoss, 'zh-Hant')).toBe('適應症「hair loss」');
  });
});
