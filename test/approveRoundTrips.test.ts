import type { TestApp } from './support/harness';
import { newJwtSecret } from './support/tokens';
import { startCuratorsApp, stopCuratorsApp } from './support/statements';
import { curatedOrganization } from './support/organizations';

/**
 * The round-trip budget of reviewed changes: each statement a request sends to
 * Neo4j, by name, counted where every repository sends it (db/executor's run).
 * An approval of one upsert locks and reads its change with its entity (the
 * targets its proposal stored), then writes the entity with its LOCATED_IN after
 * the likely-duplicate lookup and, in the same statement, stores the revision and
 * the review it foresaw: two statements (three when the write changes no field,
 * or stored something other than what was foreseen).
 */

const secret = newJwtSecret();
const SOURCE = { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' };
const PROPOSE = `mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { id targetIds } }`;
const APPROVE = `mutation($id: ID!) { approveChange(id: $id) { status targetIds revisions { targetId version created } } }`;

const organization = (id: string, name: string, extra: Record<string, unknown> = {}) => curatedOrganization(id, { name, ...extra });

describe('the statements a reviewed change sends to Neo4j', () => {
  let app: TestApp;
  let alice: Record<string, string>;
  let bob: Record<string, string>;
  let statements: string[] = [];

  beforeAll(async () => ({ app, alice, bob, statements } = await startCuratorsApp(secret)));
  afterAll(() => stopCuratorsApp(app));

  /** The statements of one GraphQL request, by name, and its answer. */
  async function counted<T>(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
    statements.length = 0;
    const res = await app.graphql<T>(query, variables, headers);
    expect(res.errors).toBeUndefined();
    return { data: res.data!, names: [...statements] };
  }

  const propose = (node: Record<string, unknown>) => counted<{ proposeChange: { id: string; targetIds: string[] } }>(PROPOSE, { input: { operations: [{ upsertEntity: node }], note: 'Adds what the forum page states.' } }, alice);
  const approve = (id: string) => counted<{ approveChange: { status: string; targetIds: string[]; revisions: { targetId: string; version: number; created: boolean }[] } }>(APPROVE, { id }, bob);

  it('proposes a new organization in one statement: its entity read with the likely-duplicate check and the Change', async () => {
    const { names } = await propose(organization('rt-new-proposed', 'Roundtrip Proposed Cellworks'));
    expect(names).toEqual(['changes/readTargets+changes/createChangeset']);
  });

  it('approves a new organization with its LOCATED_IN in two statements, the relationship stored as the seed loader stores one', async () => {
    const proposed = (await propose(organization('rt-new', 'Roundtrip Regenerative Foundry'))).data.proposeChange;
    const { data, names } = await approve(proposed.id);
    expect(names).toEqual(['changes/lockChange', 'curation/mergeEntity']);
    expect(data.approveChange.status).toBe('APPROVED');
    expect(data.approveChange.revisions.map((r) => [r.targetId, r.version, r.created])).toEqual([['rt-new', 1, true]]);
    expect(data.approveChange.targetIds).toEqual(proposed.targetIds);
    const session = app.driver.session();
    try {
      const row = (
        await session.run(`MATCH (:Organization {id: 'rt-new'})-[r:LOCATED_IN]->(c:Country) RETURN r.id AS id, c.id AS country, r.sourceIds AS sourceIds, r.evidence AS evidence, r.createdBy AS createdBy, r.updatedBy AS updatedBy`)
      ).records[0]!;
      expect(row.get('id')).toBe(`rt-new--LOCATED_IN--${row.get('country')}`);
      expect(proposed.targetIds).toContain(row.get('id'));
      expect(row.get('sourceIds')).toEqual([SOURCE.id]);
      expect(row.get('evidence')).toEqual(['Test evidence: the article names it.']);
      expect(row.get('createdBy')).toBe('alice@example.org');
      expect(row.get('updatedBy')).toBe('alice@example.org');
      // Stored as a loaded LOCATED_IN is (its keys), plus the curator's updatedAt/updatedBy.
      const loaded = (await session.run(`MATCH ()-[r:LOCATED_IN]->() WHERE r.updatedBy IS NULL RETURN keys(r) AS keys LIMIT 1`)).records[0]!;
      const curated = (await session.run(`MATCH (:Organization {id: 'rt-new'})-[r:LOCATED_IN]->() RETURN keys(r) AS keys`)).records[0]!;
      expect([...(curated.get('keys') as string[])].sort()).toEqual([...(loaded.get('keys') as string[]), 'updatedAt', 'updatedBy'].sort());
    } finally {
      await session.close();
    }
  });

  it('approves an update of an existing organization in two statements, the duplicate check skipped for a known id', async () => {
    const first = (await propose(organization('rt-known', 'Roundtrip Known Tissue Labs'))).data.proposeChange;
    await approve(first.id);
    const update = (await propose(organization('rt-known', 'Roundtrip Known Tissue Labs', { description: 'A better description.' }))).data.proposeChange;
    const { data, names } = await approve(update.id);
    expect(names).toEqual(['changes/lockChange', 'curation/mergeEntity']);
    expect(data.approveChange.revisions.map((r) => [r.targetId, r.version, r.created])).toEqual([['rt-known', 2, false]]);
    const session = app.driver.session();
    try {
      const row = (await session.run(`MATCH (n:Organization {id: 'rt-known'}) MATCH (c:Change {id: $id}) RETURN n.version AS version, n.description AS description, c.targetIds AS targetIds, c.summary AS summary, c.entityIds AS entityIds`, { id: update.id })).records[0]!;
      expect([row.get('version'), row.get('description'), row.get('entityIds')]).toEqual([2, 'A better description.', ['rt-known']]);
      expect(row.get('targetIds')).toEqual(update.targetIds);
      expect(row.get('summary')).toBe('updated Organization rt-known');
    } finally {
      await session.close();
    }
  });

  it('approves an upsert that changes no field as before: the review in a statement of its own, no revision', async () => {
    const first = (await propose(organization('rt-same', 'Roundtrip Same Stromal Works'))).data.proposeChange;
    await approve(first.id);
    const again = (await propose(organization('rt-same', 'Roundtrip Same Stromal Works'))).data.proposeChange;
    const { data, names } = await approve(again.id);
    expect(names).toEqual(['changes/lockChange', 'curation/mergeEntity', 'changes/review']);
    expect(data.approveChange.status).toBe('APPROVED');
    expect(data.approveChange.revisions).toEqual([]);
  });

  it('still refuses a likely duplicate found by the combined read, at proposal and at approval', async () => {
    const first = (await propose(organization('rt-dup-a', 'Roundtrip Duplicate Biologics'))).data.proposeChange;
    const second = (await propose(organization('rt-dup-b', 'Roundtrip Duplicate Biologics Inc'))).data.proposeChange;
    await approve(first.id);
    const refused = await app.graphql(APPROVE, { id: second.id }, bob);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'LIKELY_DUPLICATE', existing: { id: 'rt-dup-a' } });
    // Refused after the statement that writes the entity looked it up: the whole approval rolled back.
    const session = app.driver.session();
    try {
      const left = (await session.run(`OPTIONAL MATCH (n:Entity {id: 'rt-dup-b'}) MATCH (c:Change {id: $id}) RETURN n IS NULL AS absent, c.status AS status`, { id: second.id })).records[0]!;
      expect([left.get('absent'), left.get('status')]).toEqual([true, 'PROPOSED']);
    } finally {
      await session.close();
    }
    const again = await app.graphql(PROPOSE, { input: { operations: [{ upsertEntity: organization('rt-dup-c', 'Roundtrip Duplicate Biologics') }], note: 'Again.' } }, alice);
    expect(again.errors?.[0]?.extensions?.code).toBe('LIKELY_DUPLICATE');
  });
});
