import { useEcosystemApp } from './support/harness';

/**
 * Digests 09 (GBI Monthly's 2020 Taiwan–Japan special and later company ties)
 * and 10 (the 2018 Taiwan–Japan exchanges) over HTTP, against the whole seed:
 * what their pages add to entities of earlier digests, where they disagree
 * with earlier pages, and questions only they can answer.
 */

const app = useEcosystemApp();

async function ok<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await app().graphql<T>(query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

interface ConflictValue {
  value: unknown;
  asOf: string | null;
  sources: { source: { id: string } }[];
}
interface Conflict {
  property: string;
  relationshipType: string | null;
  other: { id: string } | null;
  values: ConflictValue[];
}

const CONFLICTS = `query($id: ID!) { entity(id: $id) { conflicts { property relationshipType other { id }
  values { value asOf sources { source { id } } } } } }`;

async function conflictsOf(id: string): Promise<Conflict[]> {
  return (await ok<{ entity: { conflicts: Conflict[] } }>(CONFLICTS, { id })).entity.conflicts;
}

/** Each value with the pages that give it, sorted, so a test reads as a table. */
function valuesWithPages(conflict: Conflict | undefined): [string, string[]][] {
  return (conflict?.values ?? []).map((v): [string, string[]] => [String(v.value), v.sources.map((s) => s.source.id).sort()]).sort((a, b) => a[0].localeCompare(b[0]));
}

describe('digest 09: GBI 2020 special and later Taiwan–Japan company ties', () => {
  it('finds Steminent by its Chinese name 仲恩生醫, with Stemchymal stated by the company pages of digest 02 and the Chinese press of digest 09', async () => {
    const hits = await ok<{ search: { entity: { id: string } }[] }>('{ search(query: "仲恩生醫", first: 3) { entity { id } } }');
    expect(hits.search[0]?.entity.id).toBe('steminent');
    const data = await ok<{ entity: { aliases: string[]; relations: { node: { id: string }; sources: { source: { id: string } }[] }[] } }>(
      '{ entity(id: "steminent") { aliases relations(types: [DEVELOPS], direction: OUTGOING) { node { id } sources { source { id } } } } }',
    );
    expect(data.entity.aliases).toEqual(expect.arrayContaining(['Steminent', '仲恩生醫', '仲恩']));
    const develops = data.entity.relations.find((r) => r.node.id === 'stemchymal');
    expect(develops?.sources.map((s) => s.source.id)).toEqual(expect.arrayContaining(['nownews-6442419', 'gbimonthly-73945', 'reprocell-pipeline-stemchymal']));
  });

  it("keeps 王玲美's title as each page gives it: Chair and CEO (BioSpace) and chair and president as of 2024-06-04 (NOWnews)", async () => {
    const title = (await conflictsOf('ling-mei-wang')).find((c) => c.property === 'title' && c.relationshipType === 'HOLDS_ROLE');
    expect(title?.other?.id).toBe('steminent');
    expect(valuesWithPages(title)).toEqual([
      ['Chair and CEO', ['biospace-steminent-interview']],
      ['Chair and President (董事長暨總經理)', ['nownews-6442419']],
    ]);
    expect(title?.values.find((v) => v.value === 'Chair and President (董事長暨總經理)')?.asOf).toBe('2024-06-04');
  });

  it("lists FIRM's member count from every page, GBI's 258 of June 2020 beside FIRM's own undated 256", async () => {
    const members = (await conflictsOf('firm')).find((c) => c.property === 'memberCompanies');
    const byValue = new Map(valuesWithPages(members));
    expect(byValue.get('258')).toEqual(['gbimonthly-83']);
    expect(byValue.get('256')).toEqual(['firm-greeting-en-hata']);
    expect(members?.values.find((v) => v.value === '258')?.asOf).toBe('2020-06-03');
  });

  it("answers who the foundation's CEO was on a date from the page dated on or before it (2018 press, then GBI 2020)", async () => {
    const ceoAt = async (asOf: string) => {
      const data = await ok<{ entity: { relations: { node: { id: string }; properties: { title?: string; asOf?: string }; sources: { source: { id: string } }[] }[] } }>(
        'query($asOf: Date) { entity(id: "foundation-of-medical-professionals-alliance-in-taiwan") { relations(types: [HOLDS_ROLE], direction: INCOMING, asOf: $asOf) { node { id } properties sources { source { id } } } } }',
        { asOf },
      );
      return data.entity.relations.filter((r) => r.node.id === 'lin-shih-chia').map((r) => r.properties.asOf);
    };
    expect(await ceoAt('2019-06')).toEqual(['2018']);
    expect(await ceoAt('2021')).toEqual(['2020-06-03']);
  });

  // Analyst question (digest 09): which Japanese partners has MetaTech signed memoranda with, and on what?
  it('answers which Japanese companies MetaTech signed memoranda with, and what each covers', async () => {
    const data = await ok<{ entity: { agreements: { role: string; agreement: { id: string; agreementKind: string; signedOn: string | null; parties: { organization: { id: string; countryCode: string | null } }[]; covers: { name: string }[] } }[] } }>(
      `{ entity(id: "metatech") { ... on Organization { agreements { role agreement { id agreementKind signedOn
          parties { organization { id countryCode } } covers { name } } } } } }`,
    );
    const memoranda = data.entity.agreements
      .filter((a) => a.agreement.agreementKind === 'MOU')
      .map((a) => ({
        id: a.agreement.id,
        signedOn: a.agreement.signedOn,
        japanese: a.agreement.parties.filter((p) => p.organization.countryCode === 'JP').map((p) => p.organization.id).sort(),
        covers: a.agreement.covers.map((t) => t.name),
      }));
    expect(memoranda).toEqual(
      expect.arrayContaining([
        { id: 'agreement-hitachi-chemical-metatech-mou-2019', signedOn: null, japanese: ['hitachi-chemical'], covers: [] },
        { id: 'agreement-metatech-megakaryon-mou-2025', signedOn: '2025-10-22', japanese: ['megakaryon'], covers: ['iPSC-derived artificial platelets'] },
      ]),
    );
  });
});

describe('digest 10: the 2018 Taiwan–Japan exchanges', () => {
  it('keeps every date pages give for when the 2018 amendment of 特管辦法 took effect, each with its pages', async () => {
    const conflicts = await conflictsOf('policy-tw-specific-medical-techniques-regulations-amendment-2018');
    expect(valuesWithPages(conflicts.find((c) => c.property === 'effectiveOn'))).toEqual([
      ['2018-09', ['ys-consulting-83657']],
      ['2018-09-06', ['gbimonthly-24092']],
      ['2019-01-01', ['cna-japan-201810120004', 'cna-japan-201810300006', 'gbimonthly-24092', 'kansaibouchiryou-2018-10-16']],
    ]);
    // September 2018 (GBI 2020) and 6 September 2018 (CNA) are one adoption date at two precisions, not a conflict.
    expect(conflicts.map((c) => c.property)).not.toContain('passedOn');
  });

  it('finds the Yokohama exchange of 2018-10-11 by a Chinese name, with the venue every page gives, file 05 included', async () => {
    const hits = await ok<{ search: { entity: { id: string } }[] }>('{ search(query: "臺日再生醫療產官學專家會議", first: 3) { entity { id } } }');
    expect(hits.search[0]?.entity.id).toBe('taiwan-japan-regen-exchange-2018');
    const data = await ok<{ entity: { timeline: { date: string; property: string }[]; sources: { source: { id: string } }[] } }>(
      '{ entity(id: "taiwan-japan-regen-exchange-2018") { timeline { date property } sources { source { id } } } }',
    );
    expect(data.entity.timeline.filter((t) => t.property === 'startedOn').map((t) => t.date)).toEqual(['2018-10-11']);
    expect(data.entity.sources.map((s) => s.source.id)).toEqual(expect.arrayContaining(['taiwannews-3550780', 'cna-japan-201810120004', 'gbimonthly-24092']));
    const venue = (await conflictsOf('taiwan-japan-regen-exchange-2018')).find((c) => c.property === 'venue');
    expect(valuesWithPages(venue)).toEqual([
      ['BioJapan 2018', ['taiwannews-3550780']],
      ['Pacifico Yokohama (パシフィコ横浜), during BioJapan 2018', ['cna-japan-201810120004', 'kansaibouchiryou-2018-10-16']],
      ['橫濱國際會議中心', ['gbimonthly-24092']],
    ]);
  });

  // Analyst question (digest 10): who spoke at the 2018 Taipei policy forum, and for which organisation?
  it('answers who spoke at the 2018 Taiwan–Japan industry policy forum in Taipei and for whom', async () => {
    const data = await ok<{ entity: { timeline: { date: string; property: string }[]; talks: { person: { id: string; name: string; roles: { title: string | null; organization: { id: string } }[] } }[] } }>(
      `{ entity(id: "taiwan-japan-regenerative-medicine-industry-policy-forum-2018") { timeline { date property } ... on Event {
          talks { person { id name roles { title organization { id } } } } } } }`,
    );
    expect(data.entity.timeline.filter((t) => t.property === 'startedOn').map((t) => t.date)).toEqual(['2018-10-30']);
    const speakers = data.entity.talks.map((t) => ({ id: t.person.id, at: t.person.roles.map((r) => r.organization.id) })).sort((a, b) => a.id.localeCompare(b.id));
    expect(speakers).toEqual([
      { id: 'lin-shih-chia', at: expect.arrayContaining(['foundation-of-medical-professionals-alliance-in-taiwan']) },
      { id: 'uemura-masahiro', at: ['meti'] },
    ]);
  });
});
