import fc from 'fast-check';
import { startTestApp, type TestApp } from './support/harness';
import { mintToken, newJwtSecret } from './support/tokens';

/**
 * Model-based property test of reviewed changes: random interleavings of direct
 * writes (with a current, a stale or no base), proposals (of a new description or
 * of a claim beside it), approvals, rejections
 * and reverts by several users over two entities, checked after every step
 * against a reference model. Every approval either applies or is refused with
 * CONFLICT, and replaying each entity's history from the start gives its value.
 */

const secret = newJwtSecret();
const SOURCE = { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' };
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 8);
const UPSERT = `mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { entity { version } change { id } } }`;
const PROPOSE = `mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { id } }`;
const APPROVE = `mutation($id: ID!) { approveChange(id: $id) { id status } }`;
const REJECT = `mutation($id: ID!) { rejectChange(id: $id, comment: "No.") { id status } }`;
const REVERT = `mutation($id: ID!) { revertChange(id: $id, note: "Undo.") { id } }`;
const READ = `query($id: ID!) { entity(id: $id) { description version claims { id } history(first: 100) { edges { node { version fields { field after } } } } } }`;

interface Changeset {
  id: string;
  entity: number;
  base: number;
  value: string;
  status: 'PROPOSED' | 'APPROVED' | 'REJECTED';
  /** A claim beside the description (the claim operation) rather than a new description. */
  claim?: boolean;
}
interface Model {
  ids: string[];
  /** Names far apart, so that the likely-duplicate check never joins two of them. */
  names: string[];
  value: string[];
  version: number[];
  /** Live claims per entity. */
  claims: number[];
  changesets: Changeset[];
  /** Applied changes per entity, oldest first: the change id and the value before. */
  applied: { id: string; before: string }[][];
  counter: { n: number };
}
interface Real {
  app: TestApp;
  headers: Record<string, Record<string, string>>;
}

const input = (model: Model, e: number, description: string, base?: number) => ({
  type: 'ORGANIZATION',
  id: model.ids[e],
  name: model.names[e],
  description,
  kind: 'COMPANY',
  country: 'JP',
  source: SOURCE,
  evidence: 'Property test.',
  ...(base === undefined ? {} : { expectedVersion: base }),
});
const codeOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => (r.errors ? String(r.errors[0]!.extensions!.code) : 'OK');

async function check(model: Model, real: Real): Promise<void> {
  for (const [e, id] of model.ids.entries()) {
    const { data } = await real.app.graphql<{ entity: { description: string; version: number; claims: unknown[]; history: { edges: { node: { version: number; fields: { field: string; after: unknown }[] } }[] } } }>(READ, { id });
    expect({ description: data!.entity.description, version: data!.entity.version, claims: data!.entity.claims.length }).toEqual({ description: model.value[e], version: model.version[e], claims: model.claims[e] });
    // The history replayed from the start gives the current value.
    const replayed = [...data!.entity.history.edges].reverse().reduce((value, { node }) => (node.fields.find((f) => f.field === 'description')?.after as string | undefined) ?? value, '');
    expect(replayed).toBe(model.value[e]);
  }
}

class DirectWrite implements fc.AsyncCommand<Model, Real> {
  constructor(readonly user: string, readonly e: number, readonly base: 'current' | 'stale' | 'none') {}
  check = (m: Readonly<Model>) => this.base !== 'stale' || m.version[this.e]! > 1;
  async run(m: Model, r: Real) {
    const value = `Direct ${++m.counter.n} by ${this.user}.`;
    const base = this.base === 'none' ? undefined : this.base === 'current' ? m.version[this.e]! : m.version[this.e]! - 1;
    const res = await r.app.graphql<{ upsertEntity: { change: { id: string } } }>(UPSERT, { input: input(m, this.e, value, base) }, r.headers[this.user]);
    if (this.base === 'stale') expect(codeOf(res)).toBe('CONFLICT');
    else {
      expect(codeOf(res)).toBe('OK');
      m.applied[this.e]!.push({ id: res.data!.upsertEntity.change.id, before: m.value[this.e]! });
      m.value[this.e] = value;
      m.version[this.e]! += 1;
    }
    await check(m, r);
  }
  toString = () => `direct(${this.user}, ${this.e}, ${this.base})`;
}

class Propose implements fc.AsyncCommand<Model, Real> {
  constructor(readonly user: string, readonly e: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const value = `Proposed ${++m.counter.n} by ${this.user}.`;
    const res = await r.app.graphql<{ proposeChange: { id: string } }>(PROPOSE, { input: { operations: [{ upsertEntity: input(m, this.e, value) }], note: 'Property.' } }, r.headers[this.user]);
    expect(codeOf(res)).toBe('OK');
    m.changesets.push({ id: res.data!.proposeChange.id, entity: this.e, base: m.version[this.e]!, value, status: 'PROPOSED' });
    await check(m, r);
  }
  toString = () => `propose(${this.user}, ${this.e})`;
}

class ProposeClaim implements fc.AsyncCommand<Model, Real> {
  constructor(readonly user: string, readonly e: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const value = `Claimed ${++m.counter.n} by ${this.user}.`;
    const claim = { entityId: m.ids[this.e], property: 'description', value, source: SOURCE, evidence: 'Property test: a page words it otherwise.' };
    const res = await r.app.graphql<{ proposeChange: { id: string } }>(PROPOSE, { input: { operations: [{ claim }], note: 'Property claim.' } }, r.headers[this.user]);
    expect(codeOf(res)).toBe('OK');
    m.changesets.push({ id: res.data!.proposeChange.id, entity: this.e, base: m.version[this.e]!, value, status: 'PROPOSED', claim: true });
    await check(m, r);
  }
  toString = () => `claim(${this.user}, ${this.e})`;
}

class Review implements fc.AsyncCommand<Model, Real> {
  constructor(readonly reviewer: string, readonly pick: number, readonly approve: boolean) {}
  check = (m: Readonly<Model>) => m.changesets.length > 0;
  async run(m: Model, r: Real) {
    const cs = m.changesets[this.pick % m.changesets.length]!;
    const res = await r.app.graphql(this.approve ? APPROVE : REJECT, { id: cs.id }, r.headers[this.reviewer]);
    if (cs.status !== 'PROPOSED') expect(codeOf(res)).toBe('CONFLICT');
    else if (!this.approve) {
      expect(codeOf(res)).toBe('OK');
      cs.status = 'REJECTED';
    } else if (cs.base !== m.version[cs.entity]) expect(codeOf(res)).toBe('CONFLICT');
    else {
      expect(codeOf(res)).toBe('OK');
      cs.status = 'APPROVED';
      if (cs.claim) {
        // A claim never overwrites the description; it is one more claim and one more version.
        m.claims[cs.entity]! += 1;
        m.version[cs.entity]! += 1;
      } else if (cs.value !== m.value[cs.entity]) {
        m.applied[cs.entity]!.push({ id: cs.id, before: m.value[cs.entity]! });
        m.value[cs.entity] = cs.value;
        m.version[cs.entity]! += 1;
      }
    }
    await check(m, r);
  }
  toString = () => `${this.approve ? 'approve' : 'reject'}(${this.reviewer}, #${this.pick})`;
}

class Revert implements fc.AsyncCommand<Model, Real> {
  constructor(readonly user: string, readonly e: number, readonly back: number) {}
  check = (m: Readonly<Model>) => m.applied[this.e]!.length > 0;
  async run(m: Model, r: Real) {
    const list = m.applied[this.e]!;
    const index = Math.max(0, list.length - 1 - (this.back % list.length));
    const target = list[index]!;
    const res = await r.app.graphql<{ revertChange: { id: string } }>(REVERT, { id: target.id }, r.headers[this.user]);
    if (index !== list.length - 1) expect(codeOf(res)).toBe('CONFLICT');
    else {
      expect(codeOf(res)).toBe('OK');
      m.changesets.push({ id: res.data!.revertChange.id, entity: this.e, base: m.version[this.e]!, value: target.before, status: 'PROPOSED' });
    }
    await check(m, r);
  }
  toString = () => `revert(${this.user}, ${this.e}, -${this.back})`;
}

describe('reviewed changes against a reference model', () => {
  let app: TestApp;
  const headers: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, queryTimeoutMs: 60_000, seed: false });
    const session = app.driver.session();
    await session.run('MERGE (s:Source {id: $id}) SET s.title = "t", s.publisher = "p", s.publishedOn = "2025"', SOURCE);
    await session.close();
    for (const user of ['u1', 'u2']) headers[user] = { authorization: `Bearer ${await mintToken(secret, user, ['editor'], '30m')}` };
    for (const user of ['r1', 'r2']) headers[user] = { authorization: `Bearer ${await mintToken(secret, user, ['reviewer'], '30m')}` };
  }, 180_000);
  afterAll(async () => {
    await app.close();
  });

  it('never loses an approved operation silently, and the history replays to the graph', async () => {
    let run = 0;
    const user = fc.constantFrom('u1', 'u2');
    const reviewer = fc.constantFrom('r1', 'r2');
    const entity = fc.integer({ min: 0, max: 1 });
    const commands = fc.commands(
      [
        fc.tuple(user, entity, fc.constantFrom('current', 'stale', 'none') as fc.Arbitrary<'current' | 'stale' | 'none'>).map(([u, e, b]) => new DirectWrite(u, e, b)),
        fc.tuple(user, entity).map(([u, e]) => new Propose(u, e)),
        fc.tuple(user, entity).map(([u, e]) => new ProposeClaim(u, e)),
        fc.tuple(reviewer, fc.nat(), fc.boolean()).map(([v, p, a]) => new Review(v, p, a)),
        fc.tuple(reviewer, fc.nat(), fc.constant(true)).map(([v, p, a]) => new Review(v, p, a)),
        fc.tuple(user, entity, fc.nat(2)).map(([u, e, b]) => new Revert(u, e, b)),
      ],
      { maxCommands: 10 },
    );
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        run += 1;
        const word = () => Math.random().toString(36).slice(2, 12);
        const model: Model = { ids: [`pm-${run}-a`, `pm-${run}-b`], names: [`Alpha ${word()} Kinetics`, `Beta ${word()} Regenerative`], value: [], version: [], claims: [0, 0], changesets: [], applied: [[], []], counter: { n: 0 } };
        for (const e of [0, 1]) {
          const description = `Initial ${e}.`;
          const res = await app.graphql(UPSERT, { input: input(model, e, description, 0) }, headers.u1);
          expect(codeOf(res)).toBe('OK');
          model.value.push(description);
          model.version.push(1);
        }
        await fc.asyncModelRun(() => ({ model, real: { app, headers } }), cmds);
      }),
      { numRuns: NUM_RUNS, endOnFailure: true },
    );
    process.stdout.write(`property: ${run} runs of up to 10 commands\n`);
  }, 900_000);
});
