import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportGraph, importChanges, importClaims, importIdentityDecisions, writeExport } from '../src/ingest/exportGraph';
import { loadEcosystemDirectory, loadEverySeedIntoEmptyGraph } from '../src/ingest/loadEcosystem';
import { SEED_DIR, loadSeedDirectory } from '../src/ingest/loadSeed';
import { clearGraph, startTestApp, testTarget, type GraphQLResponse, type TestApp } from './support/harness';
import { bearerHeader, newJwtSecret } from './support/tokens';

/**
 * Identity decisions from a seed file to the API and back: a made-up fixture file
 * (test/fixtures/ecosystem-identity) says that two names are one company (SAME)
 * and that two companies are probably one (PROBABLY_SAME). The loader stores them,
 * every entity answers with them, a reviewer confirms or undoes them, and an
 * export keeps them.
 */

const FIXTURE_DIR = path.join(__dirname, 'fixtures', 'ecosystem-identity');
const secret = newJwtSecret();
const SAME = 'fixture-identity-lotus-same';
const PROBABLY = 'fixture-identity-kestrel-probably';

const DECISIONS = `identityDecisions {
  id decision names otherId other { id name type } reason explanation unverified status
  ruling { verdict by at note source { id } }
  sources { evidence source { id publisher kind } }
}`;
const ENTITY = `query($id: ID!) { entity(id: $id) { id name aliases ${DECISIONS} } }`;
const DECIDE = `mutation($i: DecideIdentityInput!) {
  decideIdentity(input: $i) {
    mergedId
    entity { id name aliases ... on Organization { technologies { id } } }
    decision { id status otherId other { id } ruling { verdict by note source { id } } }
    change { kind subject sourceId note targetIds summary before after }
  }
}`;

interface Decision {
  id: string;
  decision: string;
  names: string[];
  otherId: string | null;
  other: { id: string; name: string; type: string } | null;
  reason: string;
  explanation: string;
  status: string;
  ruling: { verdict: string; by: string; at: string; note: string; source: { id: string } | null } | null;
  sources: { evidence: string; source: { id: string; publisher: string; kind: string } }[];
}
type EntityAnswer = { entity: { id: string; name: string; aliases: string[]; identityDecisions: Decision[] } | null };

const reviewer = () => bearerHeader(secret, 'reviewer@example.org', ['reviewer']);
const editor = () => bearerHeader(secret, 'editor@example.org', ['editor']);

interface StoredDecision {
  id: string;
  props: Record<string, unknown>;
  about: string[];
  citations: string[];
}

/** What the graph holds of identity decisions, by id: each one's properties (instants as text, createdAt left out), what it is ABOUT and its citations. */
async function decisionsInGraph(app: TestApp, leaveOut: string[] = ['createdAt']): Promise<StoredDecision[]> {
  const { records } = await app.driver.executeQuery(
    `MATCH (d:IdentityDecision)
     RETURN d.id AS id, properties(d) AS props,
            COLLECT { MATCH (d)-[:ABOUT]->(e) RETURN e.id ORDER BY e.id } AS about,
            COLLECT { MATCH (d)-[st:STATED_IN]->(s) WITH s.id + ': ' + st.evidence AS cited ORDER BY cited RETURN cited } AS citations
     ORDER BY id`,
  );
  return records.map((r) => ({
    id: r.get('id') as string,
    props: Object.fromEntries(
      Object.entries(r.get('props') as Record<string, unknown>)
        .filter(([k]) => !leaveOut.includes(k))
        .map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) ? String(v) : v])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    ),
    about: r.get('about') as string[],
    citations: r.get('citations') as string[],
  }));
}

/** Everything in the graph, as counts of nodes per label set and of relationships per type. */
async function graphCounts(app: TestApp): Promise<string> {
  const nodes = await app.driver.executeQuery('MATCH (n) RETURN labels(n) AS l, count(*) AS n');
  const rels = await app.driver.executeQuery('MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n ORDER BY t');
  const props = await app.driver.executeQuery('MATCH (d:IdentityDecision) RETURN d.id AS id, properties(d) AS p ORDER BY id');
  return JSON.stringify([nodes.records.map((r) => JSON.stringify(r.toObject())).sort(), rels.records.map((r) => r.toObject()), props.records.map((r) => JSON.stringify(r.toObject()))]);
}

/** The graph as the seed and the fixture file leave it: the fixture's records and every Change and Revision removed, then the fixture loaded again. */
async function freshFixture(app: TestApp): Promise<void> {
  await app.driver.executeQuery(
    `MATCH (n) WHERE n:IdentityDecision OR n:Change OR n:Revision OR ((n:Entity OR n:Source) AND n.id STARTS WITH 'fixture-') DETACH DELETE n`,
  );
  await loadEcosystemDirectory(app.executor, FIXTURE_DIR);
}

function expectNoErrors(response: GraphQLResponse): void {
  expect(response.errors).toBeUndefined();
}

describe('identity decisions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, queryTimeoutMs: 60_000 });
  }, 120_000);
  beforeEach(async () => freshFixture(app));
  afterAll(async () => app?.close());

  describe('loading the fixture file', () => {
    it('stores each decision with its status STANDING, ABOUT the entities it names and STATED_IN its pages, as claims are stored', async () => {
      const [probably, same] = await decisionsInGraph(app);
      expect(same).toEqual({
        id: SAME,
        props: {
          createdBy: 'seed',
          decision: 'SAME',
          entityIds: ['fixture-lotus-cell'],
          id: SAME,
          names: ['Fixture Lotus Cell Co.', '蓮花細胞測試股份有限公司'],
          reason: 'The made-up article prints both names for the one company, with the same founder.',
          status: 'STANDING',
        },
        about: ['fixture-lotus-cell'],
        citations: ['fixture-identity-press-en: Both names in its opening paragraph.'],
      });
      expect(probably).toMatchObject({
        id: PROBABLY,
        props: { decision: 'PROBABLY_SAME', status: 'STANDING', entityIds: ['fixture-kestrel-bio', 'fixture-kestrel-jp'] },
        about: ['fixture-kestrel-bio', 'fixture-kestrel-jp'],
      });
      expect(probably!.props.names).toBeUndefined();
      expect(probably!.citations).toHaveLength(2);
    });

    it('changes nothing when the file is loaded a second time', async () => {
      const before = await graphCounts(app);
      const decisions = await decisionsInGraph(app);
      const [result] = await loadEcosystemDirectory(app.executor, FIXTURE_DIR);
      expect(result).toMatchObject({ claims: 0, identities: 2 });
      expect(await graphCounts(app)).toBe(before);
      expect(await decisionsInGraph(app)).toEqual(decisions);
    });

    it("writes the same decisions on first start's one-statement load as file by file, and a PROBABLY_SAME pair with close names is not refused as a likely duplicate", async () => {
      const perFile = await decisionsInGraph(app);
      await clearGraph(app.driver, testTarget().database);
      // "Fixture Kestrel Bio Inc." and "Fixture Kestrel Bio" differ only by the legal form: kept apart on purpose.
      await loadEverySeedIntoEmptyGraph(app.executor, SEED_DIR, FIXTURE_DIR);
      expect(await decisionsInGraph(app)).toEqual(perFile);
    }, 60_000);
  });

  describe('the API', () => {
    it('answers on the entity of a SAME decision: same entity as its other name, because of our reasoning, with the pages', async () => {
      const response = await app.graphql<EntityAnswer>(ENTITY, { id: 'fixture-lotus-cell' });
      expectNoErrors(response);
      const [decision, ...others] = response.data!.entity!.identityDecisions;
      expect(others).toEqual([]);
      expect(decision).toEqual({
        id: SAME,
        decision: 'SAME',
        names: ['Fixture Lotus Cell Co.', '蓮花細胞測試股份有限公司'],
        otherId: null,
        other: null,
        reason: 'The made-up article prints both names for the one company, with the same founder.',
        explanation: 'Same entity as 蓮花細胞測試股份有限公司 because: The made-up article prints both names for the one company, with the same founder.',
        unverified: false,
        status: 'STANDING',
        ruling: null,
        sources: [{ evidence: 'Both names in its opening paragraph.', source: { id: 'fixture-identity-press-en', publisher: 'Fixture Press', kind: 'TRADE_PRESS' } }],
      });
    });

    it('answers on both entities of a PROBABLY_SAME decision: probably the same as the other one, which is selectable like any entity', async () => {
      const response = await app.graphql<{ a: EntityAnswer['entity']; b: EntityAnswer['entity'] }>(
        `{ a: entity(id: "fixture-kestrel-bio") { id name aliases ${DECISIONS} } b: entity(id: "fixture-kestrel-jp") { id name aliases ${DECISIONS} } }`,
      );
      expectNoErrors(response);
      const [fromA] = response.data!.a!.identityDecisions;
      const [fromB] = response.data!.b!.identityDecisions;
      const reason = "The English article's start-up and the Japanese release's maker share a name and a cell-sheet product, but no page gives both names.";
      expect(fromA).toMatchObject({
        id: PROBABLY,
        decision: 'PROBABLY_SAME',
        names: [],
        otherId: 'fixture-kestrel-jp',
        other: { id: 'fixture-kestrel-jp', name: 'フィクスチャ・ケストレル・バイオ', type: 'ORGANIZATION' },
        explanation: `Probably the same as フィクスチャ・ケストレル・バイオ because: ${reason}`,
        status: 'STANDING',
      });
      expect(fromB).toMatchObject({ id: PROBABLY, otherId: 'fixture-kestrel-bio', other: { id: 'fixture-kestrel-bio', name: 'Fixture Kestrel Bio Inc.' } });
      expect(fromB!.explanation).toBe(`Probably the same as Fixture Kestrel Bio Inc. because: ${reason}`);
      expect(fromA!.sources.map((s) => s.source.id)).toEqual(['fixture-identity-press-en', 'fixture-identity-release-ja']);
      // The other entity's own fields are read as the selection asks.
      const deep = await app.graphql<{ entity: { identityDecisions: { other: { technologies: { id: string }[] } }[] } }>(
        '{ entity(id: "fixture-kestrel-bio") { identityDecisions { other { ... on Organization { technologies { id } } } } } }',
      );
      expectNoErrors(deep);
      expect(deep.data!.entity.identityDecisions[0]!.other.technologies).toEqual([{ id: 'fixture-kestrel-sheet' }]);
    });

    it('answers an empty list for an entity no decision is about', async () => {
      const response = await app.graphql<EntityAnswer>(ENTITY, { id: 'fixture-kestrel-sheet' });
      expectNoErrors(response);
      expect(response.data!.entity!.identityDecisions).toEqual([]);
    });
  });

  describe('a reviewer ruling on a decision', () => {
    it('refuses a caller without a token, an editor, an unknown id and a keep on an undo, with coded errors, writing nothing', async () => {
      const before = await graphCounts(app);
      const undo = { id: SAME, verdict: 'UNDO', note: 'Checked again.' };
      const anonymous = await app.graphql(DECIDE, { i: undo });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const byEditor = await app.graphql(DECIDE, { i: undo }, await editor());
      expect(byEditor.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'reviewer' });
      const unknown = await app.graphql(DECIDE, { i: { ...undo, id: 'fixture-no-such-decision' } }, await reviewer());
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', id: 'fixture-no-such-decision' });
      const keepOnUndo = await app.graphql(DECIDE, { i: { id: PROBABLY, verdict: 'UNDO', note: 'No.', keep: 'fixture-kestrel-jp' } }, await reviewer());
      expect(keepOnUndo.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.keep' });
      const keepOther = await app.graphql(DECIDE, { i: { id: PROBABLY, verdict: 'CONFIRM', note: 'Yes.', keep: 'fixture-lotus-cell' } }, await reviewer());
      expect(keepOther.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.keep' });
      const emptyNote = await app.graphql(DECIDE, { i: { ...undo, note: ' ' } }, await reviewer());
      expect(emptyNote.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.note' });
      expect(await graphCounts(app)).toBe(before);
    });

    it('undoes a SAME: UNDONE with who, when, why and the source, in the audit trail with before and after; the entity keeps its names', async () => {
      const source = { new: { id: 'fixture-identity-review-note', publisher: 'Fixture Registry', title: '[made-up registry entry]', publishedOn: '2025-07-01' } };
      const response = await app.graphql<{ decideIdentity: { mergedId: string | null; entity: { id: string; name: string; aliases: string[] }; decision: Decision; change: Record<string, unknown> } }>(
        DECIDE,
        { i: { id: SAME, verdict: 'UNDO', note: 'The registry lists two companies under these names.', source } },
        await reviewer(),
      );
      expectNoErrors(response);
      const { mergedId, entity, decision, change } = response.data!.decideIdentity;
      expect(mergedId).toBeNull();
      expect(entity).toMatchObject({ id: 'fixture-lotus-cell', name: 'Fixture Lotus Cell Co.', aliases: ['蓮花細胞測試股份有限公司', 'Fixture Lotus'] });
      expect(decision).toMatchObject({
        id: SAME,
        status: 'UNDONE',
        ruling: { verdict: 'UNDO', by: 'reviewer@example.org', note: 'The registry lists two companies under these names.', source: { id: 'fixture-identity-review-note' } },
      });
      expect(change).toMatchObject({
        kind: 'DECIDE_IDENTITY',
        subject: 'reviewer@example.org',
        sourceId: 'fixture-identity-review-note',
        note: 'The registry lists two companies under these names.',
        targetIds: [SAME, 'fixture-lotus-cell'],
        before: { status: 'STANDING' },
        after: { status: 'UNDONE' },
      });
      expect(change.summary).toMatch(/^undid SAME decision fixture-identity-lotus-same: fixture-lotus-cell is not split/);

      // Read back: the entity shows the ruling with its time; the audit trail has the entry.
      const read = await app.graphql<EntityAnswer>(ENTITY, { id: 'fixture-lotus-cell' });
      const ruling = read.data!.entity!.identityDecisions[0]!.ruling!;
      expect(ruling.by).toBe('reviewer@example.org');
      expect(Date.now() - Date.parse(ruling.at)).toBeLessThan(60_000);
      const recent = await app.graphql<{ recentChanges: { kind: string; before: unknown; after: unknown }[] }>('{ recentChanges(first: 1) { kind before after } }', {}, await editor());
      expect(recent.data!.recentChanges[0]).toEqual({ kind: 'DECIDE_IDENTITY', before: { status: 'STANDING' }, after: { status: 'UNDONE' } });
    });

    it('refuses a second ruling on a decision already ruled on with CONFLICT, and a new load of the file keeps the ruling', async () => {
      const first = await app.graphql(DECIDE, { i: { id: SAME, verdict: 'CONFIRM', note: 'Both names are on one page.' } }, await reviewer());
      expectNoErrors(first);
      const before = await graphCounts(app);
      const second = await app.graphql(DECIDE, { i: { id: SAME, verdict: 'UNDO', note: 'Changed my mind.' } }, await reviewer());
      expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', id: SAME, status: 'CONFIRMED' });
      expect(await graphCounts(app)).toBe(before);
      await loadEcosystemDirectory(app.executor, FIXTURE_DIR);
      const read = await app.graphql<EntityAnswer>(ENTITY, { id: 'fixture-lotus-cell' });
      expect(read.data!.entity!.identityDecisions[0]).toMatchObject({ status: 'CONFIRMED', ruling: { verdict: 'CONFIRM', note: 'Both names are on one page.' } });
    });

    it('undoes a PROBABLY_SAME: UNDONE, and the two entities stay apart', async () => {
      const response = await app.graphql<{ decideIdentity: { mergedId: string | null; decision: Decision } }>(
        DECIDE,
        { i: { id: PROBABLY, verdict: 'UNDO', note: 'Different founders.', source: { id: 'fixture-identity-release-ja' } } },
        await reviewer(),
      );
      expectNoErrors(response);
      expect(response.data!.decideIdentity.mergedId).toBeNull();
      expect(response.data!.decideIdentity.decision).toMatchObject({ status: 'UNDONE', otherId: 'fixture-kestrel-jp', other: { id: 'fixture-kestrel-jp' } });
      const both = await app.graphql<{ a: { id: string } | null; b: { id: string } | null }>('{ a: entity(id: "fixture-kestrel-bio") { id } b: entity(id: "fixture-kestrel-jp") { id } }');
      expect(both.data).toEqual({ a: { id: 'fixture-kestrel-bio' }, b: { id: 'fixture-kestrel-jp' } });
    });

    it('refuses to confirm a PROBABLY_SAME whose two entities are linked to each other, as the merge refuses, writing nothing', async () => {
      await app.driver.executeQuery(
        "MATCH (a:Entity {id: 'fixture-kestrel-bio'}), (b:Entity {id: 'fixture-kestrel-jp'}) CREATE (a)-[:PART_OF {id: 'fixture-kestrel-bio--PART_OF--fixture-kestrel-jp', sourceIds: ['fixture-identity-press-en'], evidence: ['A made-up unit.']}]->(b)",
      );
      const before = await graphCounts(app);
      const response = await app.graphql(DECIDE, { i: { id: PROBABLY, verdict: 'CONFIRM', note: 'Same company.' } }, await reviewer());
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
      expect(response.errors?.[0]?.message).toMatch(/^Identity decision "fixture-identity-kestrel-probably" cannot be confirmed: .* are linked by PART_OF/);
      expect(await graphCounts(app)).toBe(before);
    });

    it('confirms a PROBABLY_SAME by merging the two entities as mergeEntities does (the id kept as asked), recorded as one audit entry', async () => {
      const response = await app.graphql<{
        decideIdentity: { mergedId: string; entity: { id: string; name: string; aliases: string[]; technologies: { id: string }[] }; decision: Decision; change: Record<string, unknown> };
      }>(DECIDE, { i: { id: PROBABLY, verdict: 'CONFIRM', note: 'The company confirmed both names by e-mail.', keep: 'fixture-kestrel-jp' } }, await reviewer());
      expectNoErrors(response);
      const { mergedId, entity, decision, change } = response.data!.decideIdentity;
      expect(mergedId).toBe('fixture-kestrel-bio');
      expect(entity.id).toBe('fixture-kestrel-jp');
      expect(entity.aliases).toEqual(expect.arrayContaining(['Fixture Kestrel Bio', 'Fixture Kestrel Bio Inc.']));
      expect(entity.technologies).toEqual([{ id: 'fixture-kestrel-sheet' }]);
      // Seen from the kept entity, the decision still names the merged id; that id is no longer an entity of its own.
      expect(decision).toMatchObject({ status: 'CONFIRMED', otherId: 'fixture-kestrel-bio', other: null, ruling: { verdict: 'CONFIRM', by: 'reviewer@example.org' } });
      expect(change).toMatchObject({
        kind: 'DECIDE_IDENTITY',
        before: { status: 'STANDING' },
        after: { status: 'CONFIRMED', kept: 'fixture-kestrel-jp', merged: 'fixture-kestrel-bio' },
        sourceId: null,
      });
      expect(change.targetIds).toEqual(expect.arrayContaining([PROBABLY, 'fixture-kestrel-bio', 'fixture-kestrel-jp']));
      expect(change.summary).toMatch(/^confirmed PROBABLY_SAME decision .*: merged Organization fixture-kestrel-bio into fixture-kestrel-jp: /);

      // The merged id answers the kept entity, which lists the decision once.
      const read = await app.graphql<EntityAnswer>(ENTITY, { id: 'fixture-kestrel-bio' });
      expect(read.data!.entity!.id).toBe('fixture-kestrel-jp');
      expect(read.data!.entity!.identityDecisions.map((d) => [d.id, d.status])).toEqual([[PROBABLY, 'CONFIRMED']]);
      const tombstone = await app.driver.executeQuery("MATCH (:Entity {id: 'fixture-kestrel-bio'})-[s:SAME_AS]->(k) RETURN k.id AS kept, s.reason AS reason");
      expect(tombstone.records[0]?.get('kept')).toBe('fixture-kestrel-jp');
      expect(tombstone.records[0]?.get('reason')).toBe(`identity decision ${PROBABLY} confirmed: The company confirmed both names by e-mail.`);
    });
  });

  describe('rulings as changeset operations, with revisions like every other write', () => {
    const PROPOSE = `mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { id status operations } }`;
    const APPROVE = `mutation($id: ID!) { approveChange(id: $id) { id status revisions { targetId version fields { field before after } } } }`;
    const REVERT = `mutation($id: ID!, $note: String!) { revertChange(id: $id, note: $note) { id status revertOf } }`;
    const HISTORY = `query($id: ID!) { entity(id: $id) { version history(first: 1) { edges { node { version fields { field before after } change { id kind author reviewer } } } } } }`;
    type History = { entity: { version: number; history: { edges: { node: { version: number; fields: { field: string; before: unknown; after: unknown }[]; change: { id: string; kind: string; author: string; reviewer: string | null } } }[] } } };
    const otherReviewer = () => bearerHeader(secret, 'second-reviewer@example.org', ['reviewer']);
    const status = async (id: string) => (await app.driver.executeQuery('MATCH (d:IdentityDecision {id: $id}) RETURN d.status AS s', { id })).records[0]!.get('s') as string;

    it('a direct ruling leaves a revision on the entity it is about: the decision status as the field identity:<id>, with a new version', async () => {
      const before = (await app.graphql<History>(HISTORY, { id: 'fixture-lotus-cell' })).data!.entity.version;
      expectNoErrors(await app.graphql(DECIDE, { i: { id: SAME, verdict: 'CONFIRM', note: 'Both names are on one page.' } }, await reviewer()));
      const after = (await app.graphql<History>(HISTORY, { id: 'fixture-lotus-cell' })).data!.entity;
      expect(after.version).toBe(before + 1);
      expect(after.history.edges[0]!.node).toMatchObject({
        version: before + 1,
        fields: [{ field: `identity:${SAME}`, before: 'STANDING', after: 'CONFIRMED' }],
        change: { kind: 'DECIDE_IDENTITY', author: 'reviewer@example.org' },
      });
    });

    it('an editor proposes a ruling, a reviewer approves it: applied then, and a second ruling proposed meanwhile is refused with CONFLICT', async () => {
      const undo = { decideIdentity: { id: PROBABLY, verdict: 'UNDO', note: 'Different founders on the two pages.' } };
      const first = await app.graphql<{ proposeChange: { id: string; status: string } }>(PROPOSE, { input: { operations: [undo], note: 'Rule on the Kestrel pair.' } }, await editor());
      expectNoErrors(first);
      const second = await app.graphql<{ proposeChange: { id: string } }>(
        PROPOSE,
        { input: { operations: [{ decideIdentity: { id: PROBABLY, verdict: 'CONFIRM', note: 'One company.' } }], note: 'Rule the other way.' } },
        await editor(),
      );
      expectNoErrors(second);
      expect(await status(PROBABLY)).toBe('STANDING');
      const approved = await app.graphql<{ approveChange: { status: string; revisions: { targetId: string; fields: { field: string; after: unknown }[] }[] } }>(APPROVE, { id: first.data!.proposeChange.id }, await reviewer());
      expectNoErrors(approved);
      expect(await status(PROBABLY)).toBe('UNDONE');
      expect(approved.data!.approveChange.revisions.map((r) => [r.targetId, r.fields])).toEqual(
        expect.arrayContaining([
          ['fixture-kestrel-bio', [{ field: `identity:${PROBABLY}`, before: 'STANDING', after: 'UNDONE' }]],
          ['fixture-kestrel-jp', [{ field: `identity:${PROBABLY}`, before: 'STANDING', after: 'UNDONE' }]],
        ]),
      );
      const late = await app.graphql(APPROVE, { id: second.data!.proposeChange.id }, await otherReviewer());
      expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'UNDONE', operation: 0 });
      expect(await status(PROBABLY)).toBe('UNDONE');
    });

    it('refuses at proposal time a ruling on a decision already ruled on, and reverts a ruling through a changeset: STANDING again', async () => {
      const ruled = await app.graphql<{ decideIdentity: { change: { id: string } } }>(
        DECIDE.replace('change { kind', 'change { id kind'),
        { i: { id: SAME, verdict: 'UNDO', note: 'Two companies after all.' } },
        await reviewer(),
      );
      expectNoErrors(ruled);
      const again = await app.graphql(PROPOSE, { input: { operations: [{ decideIdentity: { id: SAME, verdict: 'CONFIRM', note: 'One.' } }], note: 'Again.' } }, await editor());
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', operation: 0 });
      const revert = await app.graphql<{ revertChange: { id: string; status: string } }>(REVERT, { id: ruled.data!.decideIdentity.change.id, note: 'The ruling was premature.' }, await editor());
      expectNoErrors(revert);
      expectNoErrors(await app.graphql(APPROVE, { id: revert.data!.revertChange.id }, await otherReviewer()));
      expect(await status(SAME)).toBe('STANDING');
      const read = await app.graphql<EntityAnswer>(ENTITY, { id: 'fixture-lotus-cell' });
      expect(read.data!.entity!.identityDecisions[0]).toMatchObject({ status: 'STANDING', ruling: null });
    });
  });

  describe('export and import', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regen-identity-export-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('gives back every decision with its status, ruling and pages, and the "probably the same" link between the two entities', async () => {
      const ruled = await app.graphql(DECIDE, { i: { id: SAME, verdict: 'UNDO', note: 'Two companies after all.', source: { id: 'fixture-identity-release-ja' } } }, await reviewer());
      expectNoErrors(ruled);
      const query = `{ a: entity(id: "fixture-lotus-cell") { ${DECISIONS} } b: entity(id: "fixture-kestrel-bio") { ${DECISIONS} } c: entity(id: "fixture-kestrel-jp") { ${DECISIONS} } }`;
      const answerBefore = await app.graphql(query);
      expectNoErrors(answerBefore);
      const before = await decisionsInGraph(app, ['createdAt', 'createdBy']);
      expect(before.map((d) => [d.id, d.about])).toEqual([[PROBABLY, ['fixture-kestrel-bio', 'fixture-kestrel-jp']], [SAME, ['fixture-lotus-cell']]]);

      const graph = await exportGraph(app.executor);
      expect(graph.identities.map((d) => [d.id, d.verdict?.status ?? 'STANDING'])).toEqual([[PROBABLY, 'STANDING'], [SAME, 'UNDONE']]);
      writeExport(dir, graph);
      await clearGraph(app.driver, testTarget().database);
      await loadSeedDirectory(app.executor, dir);
      await importChanges(app.executor, dir);
      await importClaims(app.executor, dir);
      expect(await importIdentityDecisions(app.executor, dir)).toBe(2);

      // createdBy and createdAt say who loaded it and when: the seed before, the import after.
      expect(await decisionsInGraph(app, ['createdAt', 'createdBy'])).toEqual(before);
      expect(await app.graphql(query)).toMatchObject({ data: answerBefore.data });
      // A second import changes nothing.
      const counts = await graphCounts(app);
      await importIdentityDecisions(app.executor, dir);
      expect(await graphCounts(app)).toBe(counts);
    }, 60_000);
  });
});
