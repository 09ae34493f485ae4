import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../src/projectRoot';
import {
  claimGroups,
  crossFileProblems,
  ecosystemFile,
  normaliseName,
  type EcosystemFile,
  type ForumDefinitions,
} from '../src/ingest/ecosystemFile';

/**
 * The ecosystem seed files (format 2) checked as data, without a database: each
 * validates, references resolve, every page a digest rests on is a source, no
 * entity is defined twice under two ids, and each value the digests report as
 * disputed is kept as competing claims.
 */

const ECOSYSTEM_DIR = path.join(PROJECT_ROOT, 'seed', 'ecosystem');
const SHARED_SOURCE = path.resolve(PROJECT_ROOT, '..', 'shared', 'source');
const FORUM_SEED = path.join(PROJECT_ROOT, 'seed', 'geneonline-2025-04-29-taiwan-japan-regen-forum.json');

const fileNames = fs
  .readdirSync(ECOSYSTEM_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const raw = fileNames.map((name) => ({ name, json: JSON.parse(fs.readFileSync(path.join(ECOSYSTEM_DIR, name), 'utf8')) as unknown }));
const parsed = raw.map(({ name, json }) => ({ name, result: ecosystemFile.safeParse(json) }));
const files = parsed.flatMap(({ name, result }) => (result.success ? [{ name, data: result.data }] : []));
const forum = JSON.parse(fs.readFileSync(FORUM_SEED, 'utf8')) as ForumDefinitions;
const forumDefinitions: ForumDefinitions = { name: path.basename(FORUM_SEED), nodes: forum.nodes };

/**
 * Value disputes the digests list under "Uncertain or conflicting", as the
 * (subject, property) groups that must hold two or more claims. Items that hold
 * no value (open questions) are each file's `notes` instead.
 */
const DISPUTED_VALUES: Record<string, { subject: string; property: string }[]> = {
  '02': [
    { subject: 'approval-stemchymal-ctn-pmda-2018', property: 'outcome' },
    { subject: 'steminent', property: 'chiefExecutive' },
  ],
  '05': [
    { subject: 'agreement-cellseed-metatech-licence-2017', property: 'signedOn' },
    { subject: 'agreement-cellseed-metatech-licence-2017', property: 'milestonePayments' },
    { subject: 'agreement-cellseed-metatech-licence-2017', property: 'royaltyRate' },
    { subject: 'agreement-hitachi-metatech-cell-factory-2020', property: 'agreementForm' },
    { subject: 'agreement-hitachi-metatech-cell-factory-2020', property: 'factoryTimeline' },
  ],
  '03': [
    { subject: 'policy-tw-regenerative-medicine-act', property: 'fines' },
    { subject: 'policy-tw-rma-draft-subsidiary-regulations-2025-02', property: 'status' },
  ],
  '08': [
    { subject: 'firm', property: 'memberCompanies' },
    { subject: 'country-jp', property: 'approvedRegenerativeProducts' },
  ],
  '06': [
    { subject: 'mirai-iryo-suishin-kikou', property: 'legalForm' },
    { subject: 'taipei-bioinnovation-park', property: 'floorArea' },
  ],
  '07': [
    { subject: 'agreement-nctu-cira-foundation-mou-2020', property: 'japaneseCounterparty' },
    { subject: 'agreement-nctu-cira-foundation-mou-2020', property: 'signedOn' },
    { subject: 'hr:lin-chi-hung:nctu-center-for-smart-healthcare', property: 'title' },
    { subject: 'hr:shinya-yamanaka:cira-foundation', property: 'title' },
    { subject: 'visit-nctu-ymu-to-kyoto-2019', property: 'startedOn' },
  ],
  '09': [
    { subject: 'firm', property: 'memberCompanies' },
    { subject: 'country-tw', property: 'regenerativeMedicineLagBehindJapan' },
    { subject: 'hr:ling-mei-wang:steminent', property: 'title' },
  ],
  '10': [
    { subject: 'taiwan-japan-regen-exchange-2018', property: 'venue' },
    { subject: 'bio-japan-2018', property: 'venue' },
    { subject: 'policy-tw-specific-medical-techniques-regulations-amendment-2018', property: 'effectiveOn' },
    { subject: 'country-tw', property: 'regenerativeMedicineInstrumentsAdoptedSeptember2018' },
    { subject: 'country-tw', property: 'regenerativeMedicineLagBehindJapan' },
    { subject: 'policy-jp-act-on-safety-of-regenerative-medicine', property: 'effectiveOn' },
    { subject: 'policy-jp-pmd-act', property: 'effectiveOn' },
  ],
  '11': [
    { subject: 'hr:chen-yao-chang:cytopacx', property: 'title' },
    { subject: 'hr:hsu-shu-hsing:cytopacx', property: 'title' },
    { subject: 'policy-tw-regenerative-medicine-act', property: 'effectiveOn' },
  ],
  '12': [
    { subject: 'hr:shin-kawamata:fbri', property: 'title' },
    { subject: 'hr:akihiro-shimosaka:acto', property: 'title' },
    { subject: 'kobe-biomedical-innovation-cluster', property: 'companiesAndInstitutions' },
    { subject: 'kobe-cell-manufacturing-innovation-center', property: 'operationStart' },
    { subject: 'hr:liu-yueh-ping:mohw', property: 'title' },
    { subject: 'hr:chen-yao-chang:acto', property: 'title' },
  ],
  '13': [
    { subject: 'stemchymal', property: 'plannedJapaneseApplication' },
    { subject: 'approval-stemchymal-jp-orphan', property: 'stage' },
  ],
  '14': [
    { subject: 'policy-tw-regenerative-medicine-act', property: 'passedOn' },
    { subject: 'policy-tw-regenerative-medicinal-products-act', property: 'passedOn' },
    { subject: 'hr:liu-yueh-ping:mohw', property: 'title' },
    { subject: 'policy-tw-tfda-cosmetics-human-exosome-rule', property: 'exosomesInCosmetics' },
  ],
};

/** `hr:person:org` abbreviates the subject of a HOLDS_ROLE claim. */
function subjectKey(subject: string): string {
  const role = /^hr:([^:]+):([^:]+)$/.exec(subject);
  return role ? `${role[1]}|HOLDS_ROLE|${role[2]}|` : subject;
}

function basisUrls(digest: string): string[] {
  const text = fs.readFileSync(path.join(SHARED_SOURCE, digest), 'utf8');
  const section = (name: string) => new RegExp(`^## ${name}\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(text)?.[1] ?? '';
  const urls = `${section('Header')}\n${section('Basis')}`.match(/https?:\/\/[^\s)]+/g) ?? [];
  return [...new Set(urls.map((u) => u.replace(/[.,;]+$/, '')))];
}

describe('ecosystem seed files', () => {
  it('exist, one per digest, each named after its digest', () => {
    const digests = raw.map(({ name, json }) => ({ name, digest: path.basename(String((json as { digest?: string }).digest), '.md') }));
    expect(digests.filter(({ name, digest }) => name !== `${digest}.json`)).toEqual([]);
    const numbers = digests.map(({ digest }) => digest.slice(0, 2));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toEqual(expect.arrayContaining(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14']));
  });

  it.each(parsed.map((p) => [p.name, p.result] as const))('%s validates against format 2', (_name, result) => {
    expect(result.success ? [] : z.prettifyError(result.error).split('\n')).toEqual([]);
  });

  it('agree with each other and with the forum seed: one definition per id, identical sources, no property given two values', () => {
    expect(crossFileProblems(files, [forumDefinitions])).toEqual([]);
  });

  it('resolve every relationship end and claim subject to a node of the same file', () => {
    // Also enforced by the schema; stated here so a failure reads as what it is.
    for (const { data } of files) {
      const ids = new Set(data.nodes.map((n) => n.id));
      for (const r of data.relationships) {
        expect(ids).toContain(r.from);
        expect(ids).toContain(r.to);
      }
      for (const c of data.claims) if (typeof c.subject === 'string') expect(ids).toContain(c.subject);
    }
  });

  it('resolve every mention to a definition in some ecosystem file or the forum seed', () => {
    const defined = new Set([...forum.nodes.map((n) => n.id), ...files.flatMap(({ data }) => data.nodes.filter((n) => !('mention' in n)).map((n) => n.id))]);
    const unresolved = files.flatMap(({ name, data }) => data.nodes.filter((n) => 'mention' in n && !defined.has(n.id)).map((n) => `${name}: ${n.id}`));
    expect(unresolved).toEqual([]);
  });

  (fs.existsSync(SHARED_SOURCE) ? it : it.skip)('list every page a digest names in its Header and Basis as a source', () => {
    const missing = files.flatMap(({ name, data }) => {
      const urls = new Set(data.sources.map((s) => s.url));
      return basisUrls(data.digest.replace(/^shared\/source\//, '')).filter((u) => !urls.has(u)).map((u) => `${name}: ${u}`);
    });
    expect(missing).toEqual([]);
  });

  it('give no two entities the same normalised name or alias (entity resolution)', () => {
    const owners = new Map<string, Set<string>>();
    const add = (value: string, id: string) => {
      const key = normaliseName(value);
      owners.set(key, new Set([...(owners.get(key) ?? []), id]));
    };
    forum.nodes.forEach((n) => [n.name, ...(n.aliases ?? []).map((a) => (typeof a === 'string' ? a : a.value))].forEach((v) => add(v, n.id)));
    // The forum seed alone already gives "cell-based therapies" to two entities; only names the ecosystem files add are judged.
    const ecosystemKeys = new Set<string>();
    for (const { data } of files) {
      for (const n of data.nodes) {
        [...('name' in n ? [n.name] : []), ...n.aliases].forEach((v) => {
          add(v, n.id);
          ecosystemKeys.add(normaliseName(v));
        });
      }
    }
    const shared = [...owners].filter(([key, ids]) => ids.size > 1 && ecosystemKeys.has(key)).map(([key, ids]) => `${key}: ${[...ids].join(', ')}`);
    expect(shared).toEqual([]);
  });

  it('cite at least one page for every node, relationship and claim', () => {
    const bare = files.flatMap(({ name, data }) =>
      [...data.nodes, ...data.relationships, ...data.claims].filter((fact) => fact.citations.length === 0).map((fact) => `${name}: ${JSON.stringify(fact).slice(0, 80)}`),
    );
    expect(bare).toEqual([]);
  });

  it('mark as unverified exactly the facts that cite only AI-generated pages', () => {
    const flagged = files.flatMap(({ data }) => {
      const kinds = new Map(data.sources.map((s) => [s.id, s.kind]));
      return [...data.nodes, ...data.relationships, ...data.claims].filter((f) => f.citations.every((c) => kinds.get(c.source) === 'AI_GENERATED'));
    });
    expect(flagged.every((f) => f.unverified === true)).toBe(true);
    expect(files.flatMap(({ data }) => [...data.nodes, ...data.relationships, ...data.claims]).filter((f) => f.unverified).length).toBe(flagged.length);
  });

  it.each(Object.entries(DISPUTED_VALUES))('keep each disputed value of digest %s as two or more claims', (digest, disputes) => {
    expect(files.some(({ data }) => path.basename(data.digest).startsWith(`${digest}-`))).toBe(true);
    const groups = claimGroups(files.map((f) => f.data));
    for (const { subject, property } of disputes) {
      const group = groups.find((g) => g.subject === subjectKey(subject) && g.property === property);
      const values = new Set(group?.claims.map((c) => String(c.value)));
      expect({ subject, property, enoughValues: values.size >= 2 }).toEqual({ subject, property, enoughValues: true });
    }
  });

  it('report a conflict only where values contradict, not for one date at two precisions', () => {
    const groups = claimGroups(files.map((f) => f.data) as EcosystemFile[]);
    for (const g of groups.filter((x) => x.conflict)) {
      expect(new Set(g.claims.map((c) => String(c.value))).size).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('the format 2 validator', () => {
  const page = { id: 'page', url: 'https://example.org/a', publisher: 'Example', title: 'A page', publishedOn: '2020', language: 'en', kind: 'PRIMARY', document: 'digests/x.md' };
  const aiPage = { ...page, id: 'ai-page', url: 'https://example.org/ai', kind: 'AI_GENERATED' };
  const cite = (source = 'page') => [{ source, evidence: 'States it.' }];
  const minimal = () => ({
    format: 2,
    digest: 'shared/source/digests/99-example.md',
    sources: [page, aiPage],
    nodes: [
      { label: 'Organization', id: 'acme', name: 'Acme', description: 'A company.', kind: 'COMPANY', citations: cite() },
      { label: 'Technology', id: 'widget', name: 'Widget', description: 'A product.', kind: 'PRODUCT', citations: cite() },
    ],
    relationships: [{ type: 'DEVELOPS', from: 'acme', to: 'widget', citations: cite() }],
    claims: [{ id: 'widget-launch', subject: 'widget', property: 'launchedIn', value: '2030', citations: cite('ai-page'), unverified: true }],
  });
  const messages = (file: unknown) => {
    const result = ecosystemFile.safeParse(file);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts a minimal well-formed file', () => {
    expect(messages(minimal())).toEqual([]);
  });

  it('refuses a fact without a citation', () => {
    const file = minimal();
    file.nodes[0]!.citations = [];
    expect(messages(file)).toEqual(['nodes.0.citations: every fact cites at least one source']);
  });

  // Checks across records run once every record is well-formed, so each case below keeps records valid.
  it('refuses a citation of a page the file does not list, and a listed page no fact cites', () => {
    const file = minimal();
    file.relationships[0]!.citations = cite('elsewhere');
    file.claims = [];
    expect(messages(file)).toEqual([
      'relationships.0.citations.0.source: no source "elsewhere" in this file',
      'sources.1: source "ai-page" is cited by no fact',
    ]);
  });

  it('requires "unverified" exactly on facts citing only AI-generated pages', () => {
    const file = minimal();
    delete (file.claims[0] as { unverified?: true }).unverified;
    (file.nodes[1] as { unverified?: true }).unverified = true;
    expect(messages(file)).toEqual(
      expect.arrayContaining([
        'claims.0.unverified: cites only AI-generated pages, so needs "unverified": true',
        'nodes.1.unverified: "unverified" is only for facts citing nothing but AI-generated pages',
      ]),
    );
  });

  it('refuses a date property that is not YYYY, YYYY-MM or YYYY-MM-DD', () => {
    const file = minimal();
    (file.nodes[1] as { properties?: object }).properties = { approvedOn: '2030-13' };
    expect(messages(file)).toEqual(['nodes.1.properties.approvedOn: approvedOn must be YYYY, YYYY-MM or YYYY-MM-DD']);
  });

  it('refuses a wrong endpoint label and a property that is also a claim', () => {
    const file = minimal();
    file.relationships.push({ type: 'GOVERNS', from: 'acme', to: 'widget', citations: cite() });
    (file.nodes[1] as { properties?: object }).properties = { launchedIn: '2030' };
    expect(messages(file)).toEqual([
      'relationships.1.from: GOVERNS cannot start at a Organization (allowed: Policy)',
      'claims.0.property: "launchedIn" is both a property and a claim; keep it as claims only',
    ]);
  });

  it('across files, refuses two full definitions of one id and two ids sharing a name', () => {
    const one = ecosystemFile.parse(minimal());
    const other = ecosystemFile.parse({ ...minimal(), digest: 'shared/source/digests/98-example.md' });
    const renamed = ecosystemFile.parse({
      ...minimal(),
      nodes: [{ label: 'Organization', id: 'acme-inc', name: 'ACME', description: 'Same company.', kind: 'COMPANY', citations: cite() }, minimal().nodes[1]],
      relationships: [],
      claims: [],
      sources: [page],
    });
    expect(crossFileProblems([{ name: 'a.json', data: one }, { name: 'b.json', data: other }])).toEqual(
      expect.arrayContaining(['"acme" is fully defined in a.json and b.json; define it once and mention it elsewhere']),
    );
    expect(crossFileProblems([{ name: 'a.json', data: one }, { name: 'c.json', data: renamed }])).toEqual(
      expect.arrayContaining(['likely duplicates: acme, acme-inc share the name or alias "acme"']),
    );
  });

  it('counts values as a conflict only when they contradict', () => {
    const claimOn = (id: string, value: string, asOf?: string) => ({ id, subject: 'widget', property: 'signedOn', value, ...(asOf ? { asOf } : {}), citations: cite() });
    const withClaims = (...claims: object[]) => ecosystemFile.parse({ ...minimal(), sources: [page], claims });
    const conflict = (file: EcosystemFile) => claimGroups([file]).map((g) => g.conflict);
    expect(conflict(withClaims(claimOn('a', '2017-04'), claimOn('b', '2017-04-24')))).toEqual([false]);
    expect(conflict(withClaims(claimOn('a', '2017-03-24'), claimOn('b', '2017-04')))).toEqual([true]);
    expect(conflict(withClaims(claimOn('a', '2015', '2015-06'), claimOn('b', '2022', '2022-05')))).toEqual([false]);
  });
});
