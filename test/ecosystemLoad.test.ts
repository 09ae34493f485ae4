import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { Executor } from '../src/db/executor';
import { migrateGraph } from '../src/ingest/migrateGraph';
import { relationshipId } from '../src/domain/properties';
import { claimGroups, ecosystemFile, type EcosystemFile } from '../src/ingest/ecosystemFile';
import { ECOSYSTEM_DIR, listEcosystemFiles, loadEcosystemDirectory } from '../src/ingest/loadEcosystem';
import { SEED_DIR, SeedFileError, listSeedFiles, loadSeedDirectory } from '../src/ingest/loadSeed';
import { clearGraph, openTestDriver, testTarget } from './support/harness';

/**
 * The ecosystem seed (format 2) loaded into the real database after the forum
 * seed: expected figures come from the files read as plain JSON, not from the loader.
 */

interface RawCitation {
  source: string;
  evidence: string;
}
interface RawSubject {
  type: string;
  from: string;
  to: string;
  key?: string;
}
interface RawEcosystemFile {
  sources: { id: string; kind: string; url: string; publishedOn?: string; partial?: true }[];
  nodes: { id: string; label: string; mention?: true; aliases?: string[]; citations: RawCitation[] }[];
  relationships: (RawSubject & { citations: RawCitation[] })[];
  claims: { id: string; subject: string | RawSubject; property: string; value: unknown; unverified?: true; citations: RawCitation[] }[];
  identities?: { id: string; entities: string[]; citations: RawCitation[] }[];
}
interface RawForumFile {
  source: { id: string };
  nodes: { id: string; label: string; aliases?: string[]; evidence: string }[];
  relationships: (RawSubject & { evidence: string })[];
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const ecosystemFiles = listEcosystemFiles(ECOSYSTEM_DIR);
const eco = ecosystemFiles.map((f) => readJson<RawEcosystemFile>(f));
const forum = listSeedFiles(SEED_DIR).map((f) => readJson<RawForumFile>(f));

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

const sourceKinds = new Map(eco.flatMap((f) => f.sources.map((s) => [s.id, s.kind] as const)));
const labelOf = new Map<string, string>([
  ...forum.flatMap((f) => f.nodes.map((n) => [n.id, n.label] as const)),
  ...eco.flatMap((f) => f.nodes.map((n) => [n.id, n.label] as const)),
]);
/** Every citation of every entity and relationship, forum seed included, by fact id. */
const citationsOf = new Map<string, RawCitation[]>();
const cite = (id: string, citations: RawCitation[]) => citationsOf.set(id, [...(citationsOf.get(id) ?? []), ...citations]);
for (const f of forum) {
  f.nodes.forEach((n) => cite(n.id, [{ source: f.source.id, evidence: n.evidence }]));
  f.relationships.forEach((r) => cite(`${r.type}:${relationshipId(r)}`, [{ source: f.source.id, evidence: r.evidence }]));
}
for (const f of eco) {
  f.nodes.forEach((n) => cite(n.id, n.citations));
  f.relationships.forEach((r) => cite(`${r.type}:${relationshipId(r)}`, r.citations));
}
const relationshipKeys = [...citationsOf.keys()].filter((k) => k.includes(':'));
const allClaims = eco.flatMap((f) => f.claims);
const allIdentities = eco.flatMap((f) => f.identities ?? []);
const distinctTriples = (rows: [string, RawCitation][]) => new Set(rows.map(([id, c]) => JSON.stringify([id, c.source, c.evidence]))).size;

const expectedLabels: Record<string, number> = {
  ...tally([...labelOf.values()]),
  Entity: labelOf.size,
  Source: new Set([...forum.map((f) => f.source.id), ...sourceKinds.keys()]).size,
  Claim: allClaims.length,
  ...(allIdentities.length ? { IdentityDecision: allIdentities.length } : {}),
};
const expectedTypes: Record<string, number> = {
  ...tally(relationshipKeys.map((k) => k.split(':')[0]!)),
  STATED_IN:
    distinctTriples([...labelOf.keys()].flatMap((id) => (citationsOf.get(id) ?? []).map((c) => [id, c] as [string, RawCitation]))) +
    distinctTriples(allClaims.flatMap((c) => c.citations.map((x) => [c.id, x] as [string, RawCitation]))) +
    distinctTriples(allIdentities.flatMap((d) => d.citations.map((x) => [d.id, x] as [string, RawCitation]))),
  ABOUT: allClaims.length + allIdentities.reduce((n, d) => n + d.entities.length, 0),
};
// Loading both seeds takes seconds on an idle machine; shared CPUs can stretch a hook past jest's default.
jest.setTimeout(240_000);
const isAiOnly = (citations: RawCitation[]) => citations.every((c) => sourceKinds.get(c.source) === 'AI_GENERATED');

describe('loading the ecosystem seed files into the real database', () => {
  const target = testTarget();
  let driver: Driver;
  let executor: Executor;

  async function query<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const result = await driver.executeQuery(cypher, params, { database: target.database });
    return result.records.map((record) => record.toObject() as T);
  }

  async function labelCounts(): Promise<Record<string, number>> {
    const rows = await query<{ label: string; n: number }>('MATCH (n) WHERE NOT n:Migration UNWIND labels(n) AS label RETURN label, count(*) AS n');
    return Object.fromEntries(rows.map((r) => [r.label, r.n]));
  }

  async function typeCounts(): Promise<Record<string, number>> {
    const rows = await query<{ type: string; n: number }>('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n');
    return Object.fromEntries(rows.map((r) => [r.type, r.n]));
  }

  /** Everything a load could change, as comparable values. */
  async function snapshot() {
    return {
      labels: await labelCounts(),
      types: await typeCounts(),
      nodes: await query('MATCH (n) WHERE NOT n:Migration RETURN n.id AS id, n.aliases AS aliases, n.unverified AS unverified, n.documents AS documents ORDER BY id'),
      relationships: await query(
        'MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN type(r) + ":" + r.id AS id, r.sourceIds AS sourceIds, r.evidence AS evidence, r.unverified AS unverified ORDER BY id',
      ),
      claims: await query('MATCH (c:Claim) RETURN c.id AS id, c.value AS value, c.asOf AS asOf ORDER BY id'),
    };
  }

  /** The graph with only the forum seed in it. */
  async function loadForumOnly(): Promise<void> {
    await clearGraph(driver, target.database);
    await loadSeedDirectory(executor);
  }

  beforeAll(async () => {
    driver = openTestDriver();
    executor = new Executor(driver, { database: target.database, timeoutMs: 60_000 });
    await migrateGraph(executor);
  });

  afterAll(async () => {
    await driver.close();
  });

  describe('after the forum seed and then every ecosystem file are loaded', () => {
    beforeAll(async () => {
      await loadForumOnly();
      await loadEcosystemDirectory(executor);
    });

    it('holds as many nodes of each label as the files define, one Source per page, one Claim per claim and one IdentityDecision per identity decision', async () => {
      expect(expectedLabels.Trial).toBeGreaterThan(0);
      expect(expectedLabels.Claim).toBeGreaterThanOrEqual(50);
      expect(await labelCounts()).toEqual(expectedLabels);
    });

    it('holds as many relationships of each type as the files list, one STATED_IN per distinct citation and one ABOUT per claim (about its start, for a relationship) and per entity an identity decision names', async () => {
      expect(await typeCounts()).toEqual(expectedTypes);
    });

    it('stores each page with its kind, url, language and date as given, partial dates as strings', async () => {
      const rows = await query<{ id: string; kind: string; url: string; language: string; publishedOn: string | null; partial: boolean | null }>(
        'MATCH (s:Source) WHERE s.url IS NOT NULL RETURN s.id AS id, s.kind AS kind, s.url AS url, s.language AS language, s.publishedOn AS publishedOn, s.partial AS partial ORDER BY id',
      );
      const expected = new Map(eco.flatMap((f) => f.sources.map((s) => [s.id, s] as const)));
      expect(rows.map((r) => r.id)).toEqual([...expected.keys()].sort());
      for (const row of rows) {
        const s = expected.get(row.id)!;
        expect(row).toEqual({ id: s.id, kind: s.kind, url: s.url, language: (s as { language?: string }).language, publishedOn: s.publishedOn ?? null, partial: s.partial ?? null });
      }
      expect(rows.some((r) => /^\d{4}(-\d{2})?$/.test(r.publishedOn ?? ''))).toBe(true);
    });

    it('keeps FIRM, stated by several pages, as one node with a STATED_IN to each page and every alias', async () => {
      const pages = new Set((citationsOf.get('firm') ?? []).map((c) => c.source));
      expect(pages.size).toBeGreaterThanOrEqual(2);
      const [row] = await query<{ nodes: number; sources: string[]; aliases: string[]; ja: string[]; zh: string[] }>(
        'MATCH (n:Entity {id: "firm"}) OPTIONAL MATCH (n)-[:STATED_IN]->(s:Source) RETURN count(DISTINCT n) AS nodes, collect(DISTINCT s.id) AS sources, n.aliases AS aliases, n.namesJa AS ja, n.namesZhHant AS zh',
      );
      expect(row!.nodes).toBe(1);
      expect([...row!.sources].sort()).toEqual([...pages].sort());
      type Alias = string | { value: string; lang: string };
      const given = [...forum, ...eco].flatMap((f) => (f.nodes as { id: string; aliases?: Alias[] }[]).filter((n) => n.id === 'firm').flatMap((n) => n.aliases ?? []));
      expect(new Set(row!.aliases)).toEqual(new Set(given.map((a) => (typeof a === 'string' ? a : a.value))));
      // Each alias's language, as the files tag it, unioned over the files.
      const tagged = (lang: string) => new Set(given.flatMap((a) => (typeof a !== 'string' && a.lang === lang ? [a.value] : [])));
      expect(new Set(row!.ja)).toEqual(tagged('ja'));
      expect(new Set(row!.zh)).toEqual(tagged('zh-Hant'));
      expect(row!.zh).toContain('日本再生醫學創新論壇');
    });

    it('keeps the Legislative Yuan’s third reading of the Regenerative Medicine Act, stated by three pages, as one relationship with a citation per page', async () => {
      const rel = { from: 'legislative-yuan', type: 'ADOPTED', to: 'policy-tw-regenerative-medicine-act', key: 'third-reading' };
      const cited = citationsOf.get(`ADOPTED:${relationshipId(rel)}`)!;
      expect(new Set(cited.map((c) => c.source)).size).toBeGreaterThanOrEqual(3);
      const rows = await query<{ sourceIds: string[]; evidence: string[] }>(
        'MATCH (:Entity {id: $from})-[r:ADOPTED {id: $id}]->(:Entity {id: $to}) RETURN r.sourceIds AS sourceIds, r.evidence AS evidence',
        { from: rel.from, to: rel.to, id: relationshipId(rel) },
      );
      expect(rows).toHaveLength(1);
      const stored = rows[0]!.sourceIds.map((s, i) => ({ source: s, evidence: rows[0]!.evidence[i] }));
      expect(stored).toEqual(cited);
    });

    it('stores every claim group the validator marks as a conflict as two or more Claim nodes with different values, each with its pages', async () => {
      const files = ecosystemFiles.map((f) => ecosystemFile.parse(readJson(f)) as EcosystemFile);
      const conflicts = claimGroups(files).filter((g) => g.conflict);
      expect(conflicts.length).toBeGreaterThanOrEqual(10);
      for (const group of conflicts) {
        const [from, type, to, key] = group.subject.split('|');
        const onRelationship = type !== undefined;
        const rows = await query<{ id: string; value: unknown; sources: string[] }>(
          onRelationship
            ? 'MATCH (c:Claim {property: $property, subjectRelationshipId: $subject}) MATCH (c)-[:STATED_IN]->(s:Source) RETURN c.id AS id, c.value AS value, collect(s.id) AS sources'
            : 'MATCH (c:Claim {property: $property})-[:ABOUT]->(:Entity {id: $subject}) MATCH (c)-[:STATED_IN]->(s:Source) RETURN c.id AS id, c.value AS value, collect(s.id) AS sources',
          { property: group.property, subject: onRelationship ? relationshipId({ from: from!, type, to: to!, key: key || undefined }) : group.subject },
        );
        const expected = group.claims.map((c) => ({ id: c.id, value: c.value, sources: [...new Set(c.citations.map((x) => x.source))].sort() }));
        const stored = rows.map((r) => ({ ...r, sources: [...r.sources].sort() }));
        expect({ group: `${group.subject}.${group.property}`, claims: stored.sort((a, b) => a.id.localeCompare(b.id)) }).toEqual({
          group: `${group.subject}.${group.property}`,
          claims: expected.sort((a, b) => a.id.localeCompare(b.id)),
        });
        expect(new Set(stored.map((c) => JSON.stringify(c.value))).size).toBeGreaterThanOrEqual(2);
      }
    });

    it('marks unverified exactly the entities, relationships and claims whose every citation is an AI-generated page', async () => {
      const expectedNodes = [...labelOf.keys()].filter((id) => isAiOnly(citationsOf.get(id) ?? [])).sort();
      const expectedRelationships = relationshipKeys.filter((k) => isAiOnly(citationsOf.get(k)!)).sort();
      const expectedClaims = allClaims.filter((c) => isAiOnly(c.citations)).map((c) => c.id).sort();
      expect(expectedClaims.length).toBeGreaterThanOrEqual(1);
      const nodes = await query<{ id: string }>('MATCH (n:Entity {unverified: true}) RETURN n.id AS id ORDER BY id');
      const relationships = await query<{ id: string }>('MATCH ()-[r {unverified: true}]->() RETURN type(r) + ":" + r.id AS id ORDER BY id');
      const claims = await query<{ id: string }>('MATCH (c:Claim {unverified: true}) RETURN c.id AS id ORDER BY id');
      expect(nodes.map((r) => r.id)).toEqual(expectedNodes);
      expect(relationships.map((r) => r.id)).toEqual(expectedRelationships);
      expect(claims.map((r) => r.id)).toEqual(expectedClaims);
    });

    it('changes nothing when the ecosystem directory is loaded a second time', async () => {
      const before = await snapshot();
      await loadEcosystemDirectory(executor);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('reloading the forum seed between two ecosystem loads', () => {
    beforeEach(async () => {
      await loadForumOnly();
      await loadEcosystemDirectory(executor);
    });

    it('ends with the same nodes, relationships and citations as one ecosystem load', async () => {
      const before = await snapshot();
      await loadSeedDirectory(executor);
      await loadEcosystemDirectory(executor);
      expect(await snapshot()).toEqual(before);
      const [bpipo] = await query<{ evidence: string[] }>(
        'MATCH (:Entity {id: "bpipo"})-[st:STATED_IN]->(:Source {id: $source}) RETURN collect(st.evidence) AS evidence',
        { source: forum[0]!.source.id },
      );
      const said = (citationsOf.get('bpipo') ?? []).filter((c) => c.source === forum[0]!.source.id).map((c) => c.evidence);
      expect(said.length).toBeGreaterThanOrEqual(2);
      expect(new Set(bpipo!.evidence)).toEqual(new Set(said.slice(1)).add(said[0]!));
    });
  });

  describe('the unverified mark over several files', () => {
    let dir: string;
    const page = (id: string, kind: string) => ({
      id, url: `https://example.org/${id}`, publisher: `Publisher of ${id}`, title: `[${id}]`, publishedOn: '2026-01',
      language: 'en', kind, document: 'test/ecosystemLoad.test.ts',
    });
    const cites = (source: string) => [{ source, evidence: `what ${source} says` }];
    /** Defines fixture-org-zeta (in Taiwan) on an AI-generated page only. */
    const aiFile = {
      format: 2, digest: 'test fixture', sources: [page('fixture-ai-page', 'AI_GENERATED')],
      nodes: [
        { label: 'Organization', id: 'fixture-org-zeta', name: 'Fixture Org Zeta', description: 'A company only test pages state.', kind: 'COMPANY', citations: cites('fixture-ai-page'), unverified: true },
        { mention: true, label: 'Country', id: 'country-tw', citations: cites('fixture-ai-page'), unverified: true },
      ],
      relationships: [{ type: 'LOCATED_IN', from: 'fixture-org-zeta', to: 'country-tw', citations: cites('fixture-ai-page'), unverified: true }],
    };
    /** States the same company and location on a company's own page. */
    const primaryFile = {
      format: 2, digest: 'test fixture', sources: [page('fixture-primary-page', 'PRIMARY')],
      nodes: [
        { mention: true, label: 'Organization', id: 'fixture-org-zeta', citations: cites('fixture-primary-page') },
        { mention: true, label: 'Country', id: 'country-tw', citations: cites('fixture-primary-page') },
      ],
      relationships: [{ type: 'LOCATED_IN', from: 'fixture-org-zeta', to: 'country-tw', citations: cites('fixture-primary-page') }],
    };
    const write = (files: Record<string, unknown>) => {
      for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), JSON.stringify(data));
    };
    const marks = async () =>
      query<{ org: boolean | null; country: boolean | null; located: boolean | null; sourceIds: string[] }>(
        `MATCH (o:Entity {id: 'fixture-org-zeta'})-[r:LOCATED_IN]->(c:Entity {id: 'country-tw'})
         RETURN o.unverified AS org, c.unverified AS country, r.unverified AS located, r.sourceIds AS sourceIds`,
      );

    beforeEach(async () => {
      await loadForumOnly();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecosystem-'));
    });

    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('marks an entity and relationship stated only by an AI-generated page, but not a country the forum article also states', async () => {
      write({ 'a.json': aiFile });
      await loadEcosystemDirectory(executor, dir);
      expect(await marks()).toEqual([{ org: true, country: null, located: true, sourceIds: ['fixture-ai-page'] }]);
    });

    it('stores no empty list: a page that lists no authors has no authors property', async () => {
      write({ 'a.json': { ...aiFile, sources: [{ ...page('fixture-ai-page', 'AI_GENERATED'), authors: [] }] } });
      await loadEcosystemDirectory(executor, dir);
      expect(await query("MATCH (s:Source {id: 'fixture-ai-page'}) RETURN s.authors AS authors")).toEqual([{ authors: null }]);
    });

    it('clears the mark once a primary page states the same facts, whichever file loads first', async () => {
      write({ 'a.json': aiFile, 'b.json': primaryFile });
      await loadEcosystemDirectory(executor, dir);
      expect(await marks()).toEqual([{ org: null, country: null, located: null, sourceIds: ['fixture-ai-page', 'fixture-primary-page'] }]);

      await loadForumOnly();
      fs.rmSync(path.join(dir, 'a.json'));
      fs.rmSync(path.join(dir, 'b.json'));
      write({ 'a.json': primaryFile, 'b.json': aiFile });
      await loadEcosystemDirectory(executor, dir);
      expect(await marks()).toEqual([{ org: null, country: null, located: null, sourceIds: ['fixture-primary-page', 'fixture-ai-page'] }]);
    });
  });

  describe('refusals', () => {
    let badDir: string;

    beforeEach(async () => {
      await loadForumOnly();
      badDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecosystem-'));
      for (const f of ecosystemFiles) fs.copyFileSync(f, path.join(badDir, path.basename(f)));
    });

    afterEach(() => {
      fs.rmSync(badDir, { recursive: true, force: true });
    });

    it('writes nothing from any file when the last file has a node without a citation', async () => {
      const last = path.join(badDir, path.basename(ecosystemFiles.at(-1)!));
      const data = readJson<RawEcosystemFile>(last);
      data.nodes[0]!.citations = [];
      fs.writeFileSync(last, JSON.stringify(data));
      const before = await snapshot();
      const refused = loadEcosystemDirectory(executor, badDir);
      await expect(refused).rejects.toThrow(SeedFileError);
      await expect(refused).rejects.toThrow(/every fact cites at least one source/);
      expect(await snapshot()).toEqual(before);
    });

    it('writes nothing when the forum seed the files mention is not in the graph', async () => {
      await clearGraph(driver, target.database);
      await expect(loadEcosystemDirectory(executor)).rejects.toThrow(/load it first\): .*bpipo/);
      expect(await labelCounts()).toEqual({});
    });
  });
});
