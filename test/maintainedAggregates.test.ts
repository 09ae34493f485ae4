import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { readGroups } from '../src/modules/aggregate/repository';
import { Registry } from 'prom-client';
import { MaintainedAggregates, maintainable, touchedIds } from '../src/modules/aggregate/maintained';
import { compileAggregate, type GroupKey } from '../src/translate/aggregate';
import { recordLoad } from '../src/ingest/loadRecord';
import { curatedOrganization as curated } from './support/organizations';
import { startTestApp, type TestApp } from './support/harness';
import { bearerHeader, newJwtSecret } from './support/tokens';

// A maintained aggregate view answers exactly what the compiled hop-side
// statement answers: on the seed, and after every kind of write, through this
// API instance or another one over the same database.

type Where = Record<string, unknown> | null;

const secret = newJwtSecret();
const METRICS_TOKEN = newJwtSecret();
const SOURCE = { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' };
const MODALITIES = ['modality-ipsc', 'modality-msc', 'modality-exosome', 'modality-nk-cells'];
const AGGREGATE = `query($where: OrganizationWhere, $groupBy: [GroupKey!]!, $first: Int) {
  organizationsAggregate(where: $where, groupBy: $groupBy, first: $first) { groups { key count countDistinct min max disputed } totalCount truncated }
}`;

/** Groupings the hop-side plan answers, with the where each is asked with. */
const QUESTIONS: { groupBy: GroupKey[]; where: Where; first: number }[] = [
  { groupBy: [{ field: 'countryCode' }, { via: 'modalities', field: 'id' }], where: null, first: 100 },
  { groupBy: [{ via: 'modalities', field: 'id' }, { field: 'kind' }], where: null, first: 7 },
  { groupBy: [{ via: 'modalities', field: 'id' }], where: null, first: 1000 },
  { groupBy: [{ field: 'kind' }, { via: 'modalities', field: 'id' }, { field: 'countryCode' }], where: { countryCode: { in: ['TW', 'JP'] } }, first: 3 },
  { groupBy: [{ field: 'countryCode' }, { via: 'modalities', field: 'id' }], where: { OR: [{ kind: { eq: 'COMPANY' } }, { NOT: { name: { contains: 'bio' } } }] }, first: 50 },
];

describe('maintained aggregates answer as the compiled statement does', () => {
  let app: TestApp;
  let other: TestApp;
  let admin: Record<string, string>;
  let author: Record<string, string>;
  let reviewer: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ ecosystem: true, queryTimeoutMs: 60_000, auth: { jwtSecret: secret }, config: { METRICS_TOKEN } });
    // A second API instance over the same database, with views of its own.
    other = await startTestApp({ seed: false, queryTimeoutMs: 60_000, auth: { jwtSecret: secret }, config: { METRICS_TOKEN } });
    admin = await bearerHeader(secret, 'root@example.org', ['admin']);
    author = await bearerHeader(secret, 'alice@example.org', ['editor', 'reviewer']);
    reviewer = await bearerHeader(secret, 'bob@example.org', ['reviewer']);
  }, 300_000);
  afterAll(async () => {
    await other?.close();
    await app?.close();
  });

  /** The compiled statement's answer, cut as readAggregate cuts it. */
  async function compiledAnswer(q: (typeof QUESTIONS)[number]) {
    const row = await readGroups<Record<string, unknown>>(app.executor, compileAggregate({ label: 'Organization', where: q.where, groupBy: q.groupBy, measures: {}, first: q.first }));
    const groups = row?.groups ?? [];
    return { groups: groups.slice(0, q.first), totalCount: row?.totalCount ?? 0, truncated: groups.length > q.first };
  }

  async function served(target: TestApp, q: (typeof QUESTIONS)[number]) {
    const { data, errors } = await target.graphql<{ organizationsAggregate: unknown }>(AGGREGATE, { where: q.where, groupBy: q.groupBy, first: q.first });
    expect(errors).toBeUndefined();
    return data!.organizationsAggregate;
  }

  async function expectEveryQuestionAgrees(): Promise<void> {
    for (const q of QUESTIONS) {
      const expected = await compiledAnswer(q);
      expect({ q, answer: await served(app, q) }).toEqual({ q, answer: expected });
      expect({ q, answer: await served(other, q) }).toEqual({ q, answer: expected });
    }
  }

  async function metric(target: TestApp, name: string): Promise<number> {
    const text = await (await fetch(`${target.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    return text.split('\n').filter((line) => line.startsWith(name)).reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  }

  async function write(query: string, input: Record<string, unknown>) {
    const { errors } = await app.graphql(query, { input }, admin);
    expect(errors).toBeUndefined();
  }

  async function cypher(text: string, params: Record<string, unknown> = {}) {
    const session = app.driver.session();
    try {
      await session.run(text, params);
    } finally {
      await session.close();
    }
  }

  it('takes only reads the hop-side plan answers with where and keys on the entity itself', () => {
    const base = { label: 'Organization' as const, measures: {}, first: 10 };
    expect(maintainable({ ...base, where: null, groupBy: QUESTIONS[0]!.groupBy })).not.toBeNull();
    expect(maintainable({ ...base, where: { technologies: { some: { name: { eq: 'x' } } } }, groupBy: QUESTIONS[0]!.groupBy })).toBeNull();
    expect(maintainable({ ...base, where: null, groupBy: [{ field: 'countryCode' }] })).toBeNull();
    expect(maintainable({ ...base, where: null, groupBy: QUESTIONS[0]!.groupBy, plan: 'scan' })).toBeNull();
  });

  it('reads the entities a change names, both ends of each relationship id among them', () => {
    const touched = new Set<string>();
    const entities = new Set<string>();
    touchedIds(['org-a', 'org-b--USES_MODALITY--modality-ipsc', 'x--PARTY_TO--agreement-1--licensee'], touched, entities);
    expect([...entities]).toEqual(['org-a']);
    expect(touched).toEqual(new Set(['org-a', 'org-b--USES_MODALITY--modality-ipsc', 'org-b', 'modality-ipsc', 'x--PARTY_TO--agreement-1--licensee', 'x', 'agreement-1--licensee', 'agreement-1']));
  });

  it('gives the compiled groups on the seed, from either API instance, and builds each view once', async () => {
    await expectEveryQuestionAgrees();
    expect(await metric(app, 'maintained_aggregate_builds_total{reason="cold"}')).toBe(QUESTIONS.length);
    await expectEveryQuestionAgrees();
    expect(await metric(app, 'maintained_aggregate_builds_total')).toBe(QUESTIONS.length);
    expect(await metric(app, 'maintained_aggregate_refreshes_total')).toBeGreaterThanOrEqual(QUESTIONS.length);
  });

  it('keeps its views within their byte bound, the view just used always kept', async () => {
    const registry = new Registry();
    const views = new MaintainedAggregates(app.executor, { enabled: true, maxBytes: 1, slackMs: 70_000 }, registry);
    const read = (q: (typeof QUESTIONS)[number]) => ({ label: 'Organization' as const, where: q.where, groupBy: q.groupBy, measures: {}, first: q.first });
    const kept = async () => ((await registry.getSingleMetric('maintained_aggregate_views')!.get()).values[0]!.value);
    for (const q of QUESTIONS.slice(0, 3)) {
      const answer = await views.answer(read(q));
      expect(answer!.groups.slice(0, q.first)).toEqual((await compiledAnswer(q)).groups);
      expect(await kept()).toBe(1);
    }
    expect((await registry.getSingleMetric('maintained_aggregate_evictions_total')!.get()).values[0]!.value).toBe(2);
  });

  it('follows curation writes entity by entity, and rebuilds for a retracted modality, a load and a write that recorded no change', async () => {
    await write(`mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { created } }`, curated('mv-one', { source: SOURCE }));
    await write(`mutation($input: LinkEntitiesInput!) { linkEntities(input: $input) { id } }`, { type: 'USES_MODALITY', from: 'mv-one', to: 'modality-msc', source: SOURCE, evidence: 'It says so.' });
    const recomputedBefore = await metric(app, 'maintained_aggregate_entities_recomputed_total');
    await expectEveryQuestionAgrees();
    expect(await metric(app, 'maintained_aggregate_entities_recomputed_total')).toBeGreaterThan(recomputedBefore);
    expect(await metric(app, 'maintained_aggregate_builds_total')).toBe(QUESTIONS.length);

    await write(`mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { created } }`, { type: 'MODALITY', id: 'modality-mv', name: 'MV cells', description: 'A test modality.', source: SOURCE, evidence: 'It says so.' });
    await write(`mutation($input: LinkEntitiesInput!) { linkEntities(input: $input) { id } }`, { type: 'USES_MODALITY', from: 'mv-one', to: 'modality-mv', source: SOURCE, evidence: 'It says so.' });
    await expectEveryQuestionAgrees();
    await write(`mutation($input: RetractInput!) { retract(input: $input) { id } }`, { entityId: 'modality-mv', reason: 'test' });
    await expectEveryQuestionAgrees();
    expect(await metric(app, 'maintained_aggregate_builds_total{reason="hop-target"}')).toBeGreaterThan(0);

    await cypher(`MATCH (m:Modality {id: 'modality-ipsc'}) CREATE (o:Entity:Organization {id: 'mv-unrecorded', name: 'Unrecorded', country: 'JP', kind: 'COMPANY'})-[:USES_MODALITY]->(m)`);
    await expectEveryQuestionAgrees();
    expect(await metric(app, 'maintained_aggregate_builds_total{reason="unexplained"}')).toBeGreaterThan(0);

    await cypher(`MATCH (m:Modality {id: 'modality-exosome'}) CREATE (o:Entity:Organization {id: 'mv-loaded', name: 'Loaded', country: 'TW', kind: 'CDMO'})-[:USES_MODALITY]->(m)`);
    await recordLoad(app.executor, { loader: 'import', summary: 'one organization', note: 'maintained aggregates test' });
    await expectEveryQuestionAgrees();
    expect(await metric(app, 'maintained_aggregate_builds_total{reason="load"}')).toBeGreaterThan(0);
  });

  it('holds for random writes through the API: after each step the maintained answer is the compiled one', async () => {
    const ids = ['mv-a', 'mv-b', 'mv-c', 'mv-d'];
    // Names far apart, so the duplicate check lets each through.
    const curatedOrganization = (id: string, extra: Record<string, unknown>) => ({ ...curated(id, extra), name: randomUUID() });
    for (const id of ids) await write(`mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { created } }`, curatedOrganization(`${id}-0`, { source: SOURCE }));
    const step = fc.oneof(
      fc.record({ op: fc.constant('country' as const), id: fc.constantFrom(...ids), country: fc.constantFrom('TW', 'JP', 'US') }),
      fc.record({ op: fc.constant('kind' as const), id: fc.constantFrom(...ids), kind: fc.constantFrom('COMPANY', 'PHARMA', 'CDMO') }),
      fc.record({ op: fc.constant('link' as const), id: fc.constantFrom(...ids), modality: fc.constantFrom(...MODALITIES) }),
      fc.record({ op: fc.constant('unlink' as const), id: fc.constantFrom(...ids), modality: fc.constantFrom(...MODALITIES) }),
      fc.record({ op: fc.constant('retract' as const), id: fc.constantFrom(...ids) }),
      fc.record({ op: fc.constant('merge' as const), keep: fc.constantFrom(...ids), merge: fc.constantFrom(...ids) }),
      fc.record({ op: fc.constant('load' as const), id: fc.constantFrom(...ids), country: fc.constantFrom('TW', 'JP') }),
      fc.record({ op: fc.constant('changeset' as const), id: fc.constantFrom(...ids), country: fc.constantFrom('TW', 'JP', 'KR'), modality: fc.constantFrom(...MODALITIES) }),
      fc.record({ op: fc.constant('revert' as const) }),
    );
    const approved: string[] = [];
    let approvals = 0;
    /** Proposes `operations` as the author, approves as the reviewer (a changeset applies at approval, in one transaction with its Change). */
    const throughReview = async (propose: () => Promise<string | undefined>) => {
      const id = await propose();
      if (!id) return;
      const { data } = await app.graphql<{ approveChange: { id: string } | null }>(`mutation($id: ID!) { approveChange(id: $id) { id } }`, { id }, reviewer);
      if (data?.approveChange) {
        approved.push(id);
        approvals++;
      }
    };
    let fresh = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 5 }), async (steps) => {
        for (const s of steps) {
          // Unique ids per run: a retracted or merged organization stays hidden.
          const id = (x: string) => `${x}-${fresh}`;
          if (s.op === 'country' || s.op === 'kind') {
            await app.graphql(`mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { created } }`, { input: curatedOrganization(id(s.id), { source: SOURCE, ...(s.op === 'country' ? { country: s.country } : { kind: s.kind }) }) }, admin);
          } else if (s.op === 'link') {
            await app.graphql(`mutation($input: LinkEntitiesInput!) { linkEntities(input: $input) { id } }`, { input: { type: 'USES_MODALITY', from: id(s.id), to: s.modality, source: SOURCE, evidence: 'It says so.' } }, admin);
          } else if (s.op === 'unlink') {
            await app.graphql(`mutation($input: RetractInput!) { retract(input: $input) { id } }`, { input: { relationshipId: `${id(s.id)}--USES_MODALITY--${s.modality}`, reason: 'test' } }, admin);
          } else if (s.op === 'retract') {
            await app.graphql(`mutation($input: RetractInput!) { retract(input: $input) { id } }`, { input: { entityId: id(s.id), reason: 'test' } }, admin);
          } else if (s.op === 'merge') {
            await app.graphql(`mutation($input: MergeEntitiesInput!) { mergeEntities(input: $input) { mergedId } }`, { input: { keep: id(s.keep), merge: id(s.merge), reason: 'test' } }, admin);
          } else if (s.op === 'changeset') {
            await throughReview(async () => {
              const operations = [
                { upsertEntity: curatedOrganization(id(s.id), { source: SOURCE, country: s.country }) },
                { linkEntities: { type: 'USES_MODALITY', from: id(s.id), to: s.modality, source: SOURCE, evidence: 'It says so.' } },
              ];
              const { data } = await app.graphql<{ proposeChange: { id: string } | null }>(`mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { id } }`, { input: { operations, note: 'test' } }, author);
              return data?.proposeChange?.id;
            });
          } else if (s.op === 'revert') {
            const last = approved.pop();
            if (last) {
              await throughReview(async () => {
                const { data } = await app.graphql<{ revertChange: { id: string } | null }>(`mutation($id: ID!, $note: String!) { revertChange(id: $id, note: $note) { id } }`, { id: last, note: 'test' }, author);
                return data?.revertChange?.id;
              });
            }
          } else {
            await cypher(`MERGE (o:Entity:Organization {id: $id}) SET o.name = 'Loaded', o.country = $country, o.kind = 'COMPANY' WITH o MATCH (m:Modality {id: 'modality-ipsc'}) MERGE (o)-[:USES_MODALITY]->(m)`, { id: id(s.id), country: s.country });
            await recordLoad(app.executor, { loader: 'import', summary: 'a load', note: 'maintained aggregates property' });
          }
          for (const q of [QUESTIONS[0]!, QUESTIONS[3]!]) {
            const expected = await compiledAnswer(q);
            expect(await served(app, q)).toEqual(expected);
            expect(await served(other, q)).toEqual(expected);
          }
        }
        fresh++;
        // Each run starts from organizations of its own.
        for (const x of ids) await app.graphql(`mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { created } }`, { input: curatedOrganization(`${x}-${fresh}`, { source: SOURCE }) }, admin);
      }),
      { numRuns: 10 },
    );
    // The changeset path was taken: proposals applied at approval, reverts too.
    expect(approvals).toBeGreaterThan(0);
  }, 300_000);
});
