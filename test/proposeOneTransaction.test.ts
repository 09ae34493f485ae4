import type { TestApp } from './support/harness';
import { newJwtSecret } from './support/tokens';
import { startCuratorsApp, stopCuratorsApp } from './support/statements';

/**
 * A proposal of one upsertEntity citing a source by id (the common proposal) is
 * checked by reads and stored in one transaction of one statement (the Change is
 * stored along with the reads, and rolled back with any refusal), with no trial
 * write: it must be refused for what its write would be refused for, store
 * nothing when refused, and name the targets its approval writes.
 */

const secret = newJwtSecret();
const SOURCE = { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' };
const PROPOSE = `mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { id status summary targetIds operations } }`;
const APPROVE = `mutation($id: ID!) { approveChange(id: $id) { id status targetIds revisions { targetId version created } } }`;

const organization = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  type: 'ORGANIZATION',
  id,
  name,
  description: 'A test organization proposed by a curator.',
  kind: 'COMPANY',
  country: 'JP',
  source: SOURCE,
  evidence: 'Test evidence: the article names it.',
  ...extra,
});

interface Proposed {
  id: string;
  status: string;
  summary: string;
  targetIds: string[];
  operations: { op: string; input: Record<string, unknown> }[];
}

describe('proposing one upsert in one transaction, approving it with its revisions stored by the review', () => {
  let app: TestApp;
  let alice: Record<string, string>;
  let bob: Record<string, string>;
  /** The statements sent to Neo4j, by name, counted where every repository sends them (db/executor's run). */
  let statements: string[] = [];

  beforeAll(async () => ({ app, alice, bob, statements } = await startCuratorsApp(secret)));
  afterAll(() => stopCuratorsApp(app));

  async function propose(operations: unknown[]) {
    app.queries.length = 0;
    statements.length = 0;
    const res = await app.graphql<{ proposeChange: Proposed }>(PROPOSE, { input: { operations, note: 'Adds what the forum page states.' } }, alice);
    return { ...res, names: app.queries.map((q) => q.name), statements: [...statements] };
  }

  async function changesNaming(id: string): Promise<number> {
    const session = app.driver.session();
    try {
      const stored = await session.run(`MATCH (c:Change) WHERE $id IN c.targetIds RETURN count(c) AS n`, { id });
      return Number(stored.records[0]!.get('n'));
    } finally {
      await session.close();
    }
  }

  it('stores a new organization’s proposal in one transaction, naming the targets its approval writes, its LOCATED_IN included', async () => {
    const { data, errors, names, statements: sent } = await propose([{ upsertEntity: organization('p1-new', 'Onetrip Regenerative Works') }]);
    expect(errors).toBeUndefined();
    expect(names).toEqual(['changes/proposeUpsert']);
    // The entity's read, the likely-duplicate lookup and the Change: one statement.
    expect(sent).toEqual(['changes/readTargets+changes/createChangeset']);
    const proposed = data!.proposeChange;
    expect(proposed).toMatchObject({ status: 'PROPOSED', summary: 'proposed: created Organization p1-new' });
    expect(proposed.operations[0]!.input.expectedVersion).toBe(0);
    expect(proposed.targetIds[0]).toBe('p1-new');
    expect(proposed.targetIds[1]).toMatch(/^p1-new--LOCATED_IN--/);

    const approved = await app.graphql<{ approveChange: { status: string; targetIds: string[]; revisions: { targetId: string; version: number; created: boolean }[] } }>(APPROVE, { id: proposed.id }, bob);
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveChange.targetIds).toEqual(proposed.targetIds);
    // The approval of one upsert stores its revisions and versions with the review, in the same statement.
    expect(approved.data!.approveChange.revisions.map((r) => [r.targetId, r.version, r.created])).toEqual([['p1-new', 1, true]]);
    const session = app.driver.session();
    try {
      const row = (await session.run(`MATCH (c:Change {id: $id}), (n:Entity {id: 'p1-new'}) RETURN c.entityIds AS ids, c.countries AS countries, n.version AS version`, { id: proposed.id })).records[0]!;
      expect(row.get('ids')).toEqual(expect.arrayContaining(['p1-new']));
      expect(row.get('countries')).toContain('JP');
      expect(Number(row.get('version'))).toBe(1);
    } finally {
      await session.close();
    }
  });

  it('proposes an update of an existing organization on its current version, and one without a country with no LOCATED_IN', async () => {
    const first = await propose([{ upsertEntity: organization('p1-updated', 'Updated Cellworks Kyoto') }]);
    await app.graphql(APPROVE, { id: first.data!.proposeChange.id }, bob);
    const update = await propose([{ upsertEntity: organization('p1-updated', 'Updated Cellworks Kyoto', { description: 'A better description.' }) }]);
    expect(update.errors).toBeUndefined();
    expect(update.data!.proposeChange).toMatchObject({ summary: 'proposed: updated Organization p1-updated' });
    expect(update.data!.proposeChange.operations[0]!.input.expectedVersion).toBe(1);
    // Stored on the guess of a new entity, then corrected with the base the read found.
    expect(update.statements).toEqual(['changes/readTargets+changes/createChangeset', 'changes/correctProposal']);
    const based = await propose([{ upsertEntity: organization('p1-updated', 'Updated Cellworks Kyoto', { description: 'Another description.', expectedVersion: 1 }) }]);
    expect(based.errors).toBeUndefined();
    expect(based.data!.proposeChange).toMatchObject({ summary: 'proposed: updated Organization p1-updated' });
    expect(based.data!.proposeChange.operations[0]!.input.expectedVersion).toBe(1);
    expect(based.statements).toEqual(['changes/readTargets+changes/createChangeset']);
    const stateless = await propose([{ upsertEntity: organization('p1-nowhere', 'Countryless Tissue Labs', { country: undefined }) }]);
    expect(stateless.errors).toBeUndefined();
    expect(stateless.data!.proposeChange.targetIds).toEqual(['p1-nowhere']);
  });

  it('refuses what the write would refuse, storing nothing: an unknown source, a stale base, an id of another label, a likely duplicate', async () => {
    const source = await propose([{ upsertEntity: organization('p1-nosource', 'Unsourced Cell Labs', { source: { id: 'no-such-source' } }) }]);
    expect(source.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', operation: 0 });
    const stale = await propose([{ upsertEntity: organization('p1-updated', 'Updated Cellworks Kyoto', { expectedVersion: 7 }) }]);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const person = await propose([{ upsertEntity: { type: 'PERSON', id: 'p1-updated', name: 'Someone Else', description: 'A person.', source: SOURCE, evidence: 'x' } }]);
    expect(person.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', operation: 0 });
    expect(person.errors?.[0]?.message).toMatch(/p1-updated/);
    const before = await changesNaming('p1-updated');
    const staleAgain = await propose([{ upsertEntity: organization('p1-updated', 'Updated Cellworks Kyoto', { expectedVersion: 7 }) }]);
    expect(staleAgain.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const duplicate = await propose([{ upsertEntity: organization('p1-duplicate', 'Updated Cellworks Kyoto Inc.') }]);
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'LIKELY_DUPLICATE', operation: 0 });
    expect(await changesNaming('p1-nosource')).toBe(0);
    expect(await changesNaming('p1-duplicate')).toBe(0);
    expect(await changesNaming('p1-updated')).toBe(before);
  });
});
