import { listEcosystemFiles, readEcosystemFile } from '../src/ingest/loadEcosystem';
import { useEcosystemApp } from './support/harness';

/**
 * Digests 13 (Stemchymal's Japanese filing, Taiwan–Japan cell manufacturing) and
 * 14 (Taiwan's regenerative-medicine acts in force) served over HTTP: facts that
 * only hold across pages and digests — one company under its English, Chinese and
 * Japanese names, a timing that several pages date differently, a date two pages
 * disagree on, and a title that changes with the date asked about. Expected pages
 * come from the seed files read on their own, not from the loader.
 */

const files = listEcosystemFiles().map((file) => readEcosystemFile(file));
const digest = (number: string) => files.find((f) => f.digest.includes(`/digests/${number}-`))!;

/** The pages the files cite for one claim group (subject id or relationship start, property, value). */
function pagesOf(subject: string, property: string, value: string): Set<string> {
  return new Set(
    files
      .flatMap((f) => f.claims)
      .filter((c) => (typeof c.subject === 'string' ? c.subject : c.subject.from) === subject && c.property === property && String(c.value) === value)
      .flatMap((c) => c.citations.map((x) => x.source)),
  );
}

const app = useEcosystemApp();

async function ok<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await app().graphql<T>(query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

async function searchIds(query: string): Promise<string[]> {
  const data = await ok<{ search: { entity: { id: string } }[] }>('query($q: String!) { search(query: $q, first: 10) { entity { id } } }', { q: query });
  return data.search.map((h) => h.entity.id);
}

describe('digest 13: Stemchymal and Taiwan–Japan cell manufacturing', () => {
  it.each(['Steminent', '仲恩生醫', 'ステミネント社'])('finds Steminent, merged across digests, by the name %s', async (name) => {
    expect(await searchIds(name)).toContain('steminent');
  });

  it('keeps one Steminent cited by the English pages of digest 02 and the Chinese pages of digest 13', async () => {
    const data = await ok<{ entity: { aliases: string[]; sources: { source: { id: string; language: string } }[] } }>(
      '{ entity(id: "steminent") { aliases sources { source { id language } } } }',
    );
    expect(data.entity.aliases).toEqual(expect.arrayContaining(['Steminent', '仲恩生醫']));
    const pages = new Set(data.entity.sources.map((s) => s.source.id));
    expect(pages).toContain('reprocell-pipeline-stemchymal');
    expect(pages).toContain('gbimonthly-73945');
    expect(data.entity.sources.map((s) => s.source.language)).toEqual(expect.arrayContaining(['en', 'zh']));
  });

  it.each(['Locus Cell', '樂迦再生科技', '楽迦再生テクノロジー株式会社'])('finds the one Locus Cell, in digests 05 and 13, by the name %s', async (name) => {
    expect(await searchIds(name)).toContain('metatech-thap-joint-company');
  });

  it('shows Locus Cell with its founders from 2021 (digest 05 and 13 pages) and its 2025 client セルファイバ', async () => {
    const data = await ok<{ entity: { foundingAgreement: { parties: { organization: { id: string } }[] } | null; agreements: { agreement: { id: string }; role: string }[] } }>(
      '{ entity(id: "metatech-thap-joint-company") { ... on Organization { foundingAgreement { parties { organization { id } } } agreements { agreement { id } role } } } }',
    );
    const founders = data.entity.foundingAgreement!.parties.map((p) => p.organization.id);
    expect(founders).toEqual(expect.arrayContaining(['metatech', 'taiwan-hitachi-asia-pacific', 'national-development-fund']));
    expect(data.entity.agreements).toContainEqual({ agreement: { id: 'agreement-cellfiber-locus-cell-ipsc-manufacturing-2025' }, role: 'MANUFACTURER' });
  });

  it('keeps every timing pages give for the Japanese filing, each dated by its page, as a series rather than a conflict; the filing itself is unverified', async () => {
    const data = await ok<{ entity: { claims: { property: string; value: string; asOf: string | null; unverified: boolean; sources: { source: { id: string } }[] }[]; conflicts: { property: string }[] } }>(
      '{ entity(id: "stemchymal") { claims { property value asOf unverified sources { source { id } } } conflicts { property } } }',
    );
    const planned = data.entity.claims.filter((c) => c.property === 'plannedJapaneseApplication');
    const expected = files.flatMap((f) => f.claims).filter((c) => c.subject === 'stemchymal' && c.property === 'plannedJapaneseApplication');
    expect(planned.map((c) => c.value).sort()).toEqual(expected.map((c) => String(c.value)).sort());
    expect(new Set(planned.map((c) => c.value)).size).toBeGreaterThanOrEqual(3);
    for (const claim of planned) {
      expect(claim.asOf).not.toBeNull();
      expect([...pagesOf('stemchymal', 'plannedJapaneseApplication', claim.value)]).toEqual(expect.arrayContaining(claim.sources.map((s) => s.source.id)));
    }
    expect(data.entity.conflicts.map((c) => c.property)).not.toContain('plannedJapaneseApplication');
    const filed = data.entity.claims.filter((c) => c.property === 'marketingApplicationFiledOn');
    expect(filed.length).toBeGreaterThan(0);
    expect(filed.every((c) => c.unverified && c.value === '2026-06-24')).toBe(true);
  });

  it('answers which Taiwanese makers hold a Japanese manufacturer accreditation, with who granted it', async () => {
    const data = await ok<{ approvals: { nodes: { id: string; approvedOn: string | null; grantedTo: { id: string } | null; grantedBy: { id: string } | null }[] } }>(
      '{ approvals(where: { kind: { eq: "MANUFACTURER_ACCREDITATION" } }, first: 20) { nodes { id approvedOn grantedTo { id } grantedBy { id } } } }',
    );
    const holders = data.approvals.nodes.map((a) => a.grantedTo?.id).sort();
    const expected = digest('13').nodes.filter((n) => n.label === 'Approval' && 'kind' in n && n.kind === 'MANUFACTURER_ACCREDITATION');
    expect(data.approvals.nodes).toHaveLength(expected.length);
    expect(holders).toEqual(['si-bi-rui-te', 'steminent']);
    const steminent = data.approvals.nodes.find((a) => a.grantedTo?.id === 'steminent');
    expect(steminent).toMatchObject({ approvedOn: '2024-11', grantedBy: { id: 'mhlw' } });
  });
});

describe("digest 14: Taiwan's acts in force", () => {
  it('lists both third-reading dates of the Regenerative Medicine Act as a conflict, each with the pages behind it', async () => {
    const data = await ok<{ entity: { conflicts: { property: string; values: { value: string; sources: { source: { id: string } }[] }[] }[] } }>(
      '{ entity(id: "policy-tw-regenerative-medicine-act") { conflicts { property values { value sources { source { id } } } } } }',
    );
    const passed = data.entity.conflicts.find((c) => c.property === 'passedOn');
    // One value per claim: digest 03's pages and digest 14's each give 2024-06-04 as a claim of their own.
    const pagesByValue = new Map<string, Set<string>>();
    for (const value of passed?.values ?? []) pagesByValue.set(value.value, new Set([...(pagesByValue.get(value.value) ?? []), ...value.sources.map((s) => s.source.id)]));
    expect([...pagesByValue.keys()].sort()).toEqual(['2023-06', '2024-06-04']);
    for (const [value, pages] of pagesByValue) expect(pages).toEqual(pagesOf('policy-tw-regenerative-medicine-act', 'passedOn', value));
    expect([...pagesByValue.get('2024-06-04')!]).toEqual(expect.arrayContaining(['focustaiwan-202406040009', 'leeandli-7564']));
    expect([...pagesByValue.get('2023-06')!]).toEqual(['yahoo-tw-201000341']);
  });

  it('gives the entry into force, 2026-01-01, with every page of digests 03 and 14 behind it and no conflict', async () => {
    const data = await ok<{ entity: { claims: { property: string; value: string; sources: { source: { id: string } }[]; corroboration: { publisherCount: number } }[]; conflicts: { property: string }[] } }>(
      '{ entity(id: "policy-tw-regenerative-medicinal-products-act") { claims { property value sources { source { id } } corroboration { publisherCount } } conflicts { property } } }',
    );
    const inForce = data.entity.claims.filter((c) => c.property === 'effectiveOn' && c.value === '2026-01-01');
    const pages = new Set(inForce.flatMap((c) => c.sources.map((s) => s.source.id)));
    expect(pages).toEqual(pagesOf('policy-tw-regenerative-medicinal-products-act', 'effectiveOn', '2026-01-01'));
    expect(pages).toContain('chinaleaven-7564');
    expect(pages).toContain('leeandli-jp-7587');
    expect(data.entity.conflicts.map((c) => c.property)).not.toContain('effectiveOn');
  });

  it("answers 劉越萍's roles by date: before 2026 only the 2024 title as printed, from 2026 the Department of Medical Affairs too", async () => {
    const rolesAt = async (asOf: string) => {
      const data = await ok<{ entity: { roles: { organization: { id: string } }[] } }>('query($asOf: Date) { entity(id: "liu-yueh-ping") { ... on Person { roles(asOf: $asOf) { organization { id } } } } }', { asOf });
      return data.entity.roles.map((r) => r.organization.id).sort();
    };
    expect(await rolesAt('2025-06')).not.toContain('mohw-department-of-medical-affairs');
    expect(await rolesAt('2026-03')).toContain('mohw-department-of-medical-affairs');
    const data = await ok<{ entity: { relations: { id: string; claims: { value: string; asOf: string | null }[] }[] } }>(
      '{ entity(id: "liu-yueh-ping") { relations(types: [HOLDS_ROLE], direction: OUTGOING) { id claims { value asOf } } } }',
    );
    const titles = data.entity.relations.flatMap((r) => r.claims).sort((a, b) => String(a.asOf).localeCompare(String(b.asOf)));
    expect(titles.find((t) => t.asOf === '2024-04-26')?.value).toContain('Civil Ethics');
    expect(titles.at(-1)?.value).toContain('醫事司長');
  });

  it('answers which draft rules were issued under the Regenerative Medicinal Products Act, and when', async () => {
    const data = await ok<{ entity: { instruments: { id: string; facts: { name: string; value: unknown }[] }[] } }>(
      '{ entity(id: "policy-tw-regenerative-medicinal-products-act") { ... on Policy { instruments { id facts { name value } } } } }',
    );
    const drafts = data.entity.instruments.filter((i) => i.id.startsWith('policy-tw-rmpa-draft-'));
    const expected = digest('14').nodes.filter((n) => n.id.startsWith('policy-tw-rmpa-draft-'));
    expect(drafts.map((d) => d.id).sort()).toEqual(expected.map((n) => n.id).sort());
    for (const draft of drafts) expect(draft.facts.find((f) => f.name === 'announcedOn')?.value).toMatch(/^202[45]-/);
  });
});
