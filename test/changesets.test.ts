import { startTestApp, type TestApp } from './support/harness';
import { mintToken, newJwtSecret } from './support/tokens';

const secret = newJwtSecret();
const bearer = async (subject: string, roles: string[]) => ({ authorization: `Bearer ${await mintToken(secret, subject, roles)}` });
const SOURCE = { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' };

const CHANGE_FIELDS = 'id kind status author reviewer reviewComment note targetIds operations appliedAt revertOf';
const PROPOSE = `mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { ${CHANGE_FIELDS} } }`;
const APPROVE = `mutation($id: ID!, $comment: String) { approveChange(id: $id, comment: $comment) { ${CHANGE_FIELDS} revisions { targetId version fields { field before after } } } }`;
const REJECT = `mutation($id: ID!, $comment: String!) { rejectChange(id: $id, comment: $comment) { ${CHANGE_FIELDS} } }`;
const REVERT = `mutation($id: ID!, $note: String!) { revertChange(id: $id, note: $note) { ${CHANGE_FIELDS} } }`;
const UPSERT = `mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { entity { id version } change { id } } }`;
const READ = `query($id: ID!) { entity(id: $id) { id name description version } }`;

interface ChangeOut {
  id: string;
  kind: string;
  status: string;
  author: string;
  reviewer: string | null;
  reviewComment: string | null;
  note: string;
  targetIds: string[];
  operations: { op: string; input: Record<string, unknown> }[];
  appliedAt: string | null;
  revertOf: string | null;
  revisions?: { targetId: string; version: number; fields: { field: string; before: unknown; after: unknown }[] }[];
}

function organization(id: string, name: string, extra: Record<string, unknown> = {}) {
  return { type: 'ORGANIZATION', id, name, description: 'A test organization proposed by a curator.', kind: 'COMPANY', country: 'TW', source: SOURCE, evidence: 'Test evidence: the article names it.', ...extra };
}

describe('changesets: proposed, reviewed by a second person, applied whole', () => {
  let app: TestApp;
  let alice: Record<string, string>;
  let carol: Record<string, string>;
  let bob: Record<string, string>;
  let dave: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, queryTimeoutMs: 60_000 });
    alice = await bearer('alice@example.org', ['editor', 'reviewer']);
    carol = await bearer('carol@example.org', ['editor']);
    bob = await bearer('bob@example.org', ['reviewer']);
    dave = await bearer('dave@example.org', ['reviewer']);
  });
  afterAll(async () => {
    await app.close();
  });

  async function count(cypher: string, params: Record<string, unknown> = {}): Promise<number> {
    const session = app.driver.session();
    try {
      return Number((await session.run(cypher, params)).records[0]!.get(0));
    } finally {
      await session.close();
    }
  }
  const propose = async (operations: unknown[], who = alice, note = 'Adds what the forum page states.') => app.graphql<{ proposeChange: ChangeOut }>(PROPOSE, { input: { operations, note } }, who);
  const entity = async (id: string) => (await app.graphql<{ entity: { name: string; description: string; version: number } | null }>(READ, { id })).data!.entity;

  it('stores a proposal as PROPOSED, as proposed, with the base versions filled in, and applies nothing', async () => {
    await app.graphql(UPSERT, { input: organization('cs-existing', 'Existing Cellworks') }, carol);
    const { data, errors } = await propose([
      { upsertEntity: organization('cs-new', 'Newly Proposed Regenerative') },
      { upsertEntity: organization('cs-existing', 'Existing Cellworks', { description: 'Now with a better description.' }) },
      { linkEntities: { type: 'OPERATES', from: 'cs-existing', to: 'cs-new', source: SOURCE, evidence: 'It runs it.' } },
    ]);
    expect(errors).toBeUndefined();
    const change = data!.proposeChange;
    expect(change).toMatchObject({ kind: 'CHANGESET', status: 'PROPOSED', author: 'alice@example.org', reviewer: null, appliedAt: null });
    expect(change.operations.map((o) => [o.op, o.input.expectedVersion])).toEqual([
      ['upsertEntity', 0],
      ['upsertEntity', 1],
      ['linkEntities', 0],
    ]);
    expect(change.targetIds).toEqual(expect.arrayContaining(['cs-new', 'cs-existing', 'cs-existing--OPERATES--cs-new']));
    expect(await entity('cs-new')).toBeNull();
    expect((await entity('cs-existing'))!.description).toBe('A test organization proposed by a curator.');
  });

  it('refuses at proposal time what could not apply: bad input, a likely duplicate, an endpoint the model forbids, an unknown source', async () => {
    const before = await count("MATCH (c:Change {status: 'PROPOSED'}) RETURN count(c)");
    const bad = await propose([{ upsertEntity: organization('cs-bad', '') }]);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.operations.0.upsertEntity.name' });
    await app.graphql(UPSERT, { input: organization('cs-astellas', 'Astellas Regenerative Unit') }, carol);
    const duplicate = await propose([{ upsertEntity: organization('cs-astellas-2', 'Astellas Regenerative Unit Inc.') }]);
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'LIKELY_DUPLICATE', field: 'input.operations.0.upsertEntity.name', operation: 0 });
    const endpoint = await propose([{ linkEntities: { type: 'DEVELOPS', from: 'cs-astellas', to: 'cs-existing', source: SOURCE, evidence: 'x' } }]);
    expect(endpoint.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.operations.0.linkEntities.to' });
    const source = await propose([{ upsertEntity: organization('cs-nosource', 'Unsourced Biotech', { source: { id: 'no-such-source' } }) }]);
    expect(source.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const second = await propose([{ upsertEntity: organization('cs-fine', 'Fine Therapeutics') }, { retract: { entityId: 'cs-never', reason: 'x' } }]);
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', operation: 1 });
    expect(await count("MATCH (c:Change {status: 'PROPOSED'}) RETURN count(c)")).toBe(before);
    expect(await entity('cs-fine')).toBeNull();
  });

  it('lets only a reviewer other than the author approve; the approval applies every operation and records the review', async () => {
    const { data } = await propose([
      { upsertEntity: organization('cs-two', 'Second Pair Biologics') },
      { upsertEntity: organization('cs-three', 'Third Party Cells') },
    ]);
    const id = data!.proposeChange.id;
    const editorOnly = await app.graphql(APPROVE, { id }, carol);
    expect(editorOnly.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await app.graphql(APPROVE, { id }, alice);
    expect(own.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', author: 'alice@example.org' });
    expect(await entity('cs-two')).toBeNull();
    const approved = await app.graphql<{ approveChange: ChangeOut }>(APPROVE, { id, comment: 'Checked against the page.' }, bob);
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveChange).toMatchObject({ status: 'APPROVED', reviewer: 'bob@example.org', reviewComment: 'Checked against the page.', author: 'alice@example.org' });
    expect(approved.data!.approveChange.revisions!.map((r) => r.targetId)).toEqual(expect.arrayContaining(['cs-two', 'cs-three']));
    expect(await entity('cs-two')).toMatchObject({ name: 'Second Pair Biologics', version: 1 });
    const again = await app.graphql(APPROVE, { id }, dave);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'APPROVED' });
    expect(await count('MATCH (v:Revision {changeId: $id}) RETURN count(v)', { id })).toBeGreaterThanOrEqual(2);
  });

  it('rejects with the reviewer comment and applies nothing; a rejected changeset is not approved later', async () => {
    const { data } = await propose([{ upsertEntity: organization('cs-rejected', 'Rejected Proposal Bio') }]);
    const id = data!.proposeChange.id;
    const noComment = await app.graphql(REJECT, { id, comment: '' }, bob);
    expect(noComment.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const rejected = await app.graphql<{ rejectChange: ChangeOut }>(REJECT, { id, comment: 'The page does not name it.' }, bob);
    expect(rejected.data!.rejectChange).toMatchObject({ status: 'REJECTED', reviewer: 'bob@example.org', reviewComment: 'The page does not name it.' });
    expect(await entity('cs-rejected')).toBeNull();
    const late = await app.graphql(APPROVE, { id }, dave);
    expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('refuses an approval whose base is out of date with CONFLICT naming the field, its value and the change; the changeset stays PROPOSED to re-propose', async () => {
    await app.graphql(UPSERT, { input: organization('cs-stale', 'Stale Base Medical') }, carol);
    const { data } = await propose([{ upsertEntity: organization('cs-stale', 'Stale Base Medical', { description: 'Proposed description.' }) }]);
    const id = data!.proposeChange.id;
    const direct = await app.graphql<{ upsertEntity: { change: { id: string } } }>(UPSERT, { input: organization('cs-stale', 'Stale Base Medical', { description: 'Direct description.' }) }, carol);
    const refused = await app.graphql(APPROVE, { id }, bob);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      operation: 0,
      conflicts: [{ targetId: 'cs-stale', expectedVersion: 1, currentVersion: 2, changed: [{ field: 'description', current: 'Direct description.', changeId: direct.data!.upsertEntity.change.id }] }],
    });
    expect((await entity('cs-stale'))!.description).toBe('Direct description.');
    const still = await app.graphql<{ change: { status: string } }>('query($id: ID!) { change(id: $id) { status } }', { id }, bob);
    expect(still.data!.change.status).toBe('PROPOSED');
    const rebased = await propose([{ upsertEntity: organization('cs-stale', 'Stale Base Medical', { description: 'Proposed description.', expectedVersion: 2 }) }]);
    const applied = await app.graphql(APPROVE, { id: rebased.data!.proposeChange.id }, bob);
    expect(applied.errors).toBeUndefined();
    expect((await entity('cs-stale'))!.description).toBe('Proposed description.');
  });

  it('applies exactly one of two conflicting changesets approved at the same moment, every time (raced 15 times)', async () => {
    const rounds = 15;
    let firstWins = 0;
    for (let round = 0; round < rounds; round++) {
      const id = `cs-race-${round}`;
      await app.graphql(UPSERT, { input: organization(id, `Race Horse Labs ${round}`) }, carol);
      const a = await propose([{ upsertEntity: organization(id, `Race Horse Labs ${round}`, { description: `From alice, round ${round}.` }) }], alice);
      const c = await propose([{ upsertEntity: organization(id, `Race Horse Labs ${round}`, { description: `From carol, round ${round}.` }) }], carol);
      const [ra, rc] = await Promise.all([app.graphql(APPROVE, { id: a.data!.proposeChange.id }, bob), app.graphql(APPROVE, { id: c.data!.proposeChange.id }, dave)]);
      const outcomes = [ra, rc].map((r) => (r.errors ? String(r.errors[0]!.extensions!.code) : 'APPLIED'));
      expect(outcomes.sort()).toEqual(['APPLIED', 'CONFLICT']);
      const winner = ra.errors ? 'carol' : 'alice';
      if (winner === 'alice') firstWins++;
      const now = await entity(id);
      expect(now).toMatchObject({ description: `From ${winner}, round ${round}.`, version: 2 });
      expect(await count('MATCH (v:Revision {targetId: $id}) RETURN count(v)', { id })).toBe(2);
    }
    expect(firstWins).toBeGreaterThanOrEqual(0);
  });

  it('reverts an applied change through a new changeset: the fields go back, and what it created is retracted', async () => {
    await app.graphql(UPSERT, { input: organization('cs-rev', 'Revert Me Biotech') }, carol);
    const { data } = await propose([
      { upsertEntity: organization('cs-rev', 'Revert Me Biotech', { description: 'A wrong description.' }) },
      { upsertEntity: organization('cs-rev-new', 'Created Then Reverted Bio') },
    ]);
    await app.graphql(APPROVE, { id: data!.proposeChange.id }, bob);
    const revert = await app.graphql<{ revertChange: ChangeOut }>(REVERT, { id: data!.proposeChange.id, note: 'The page says otherwise.' }, carol);
    expect(revert.errors).toBeUndefined();
    expect(revert.data!.revertChange).toMatchObject({ status: 'PROPOSED', revertOf: data!.proposeChange.id, author: 'carol@example.org' });
    expect((await entity('cs-rev'))!.description).toBe('A wrong description.');
    const applied = await app.graphql<{ approveChange: ChangeOut }>(APPROVE, { id: revert.data!.revertChange.id }, dave);
    expect(applied.errors).toBeUndefined();
    expect(await entity('cs-rev')).toMatchObject({ description: 'A test organization proposed by a curator.', version: 3 });
    expect(await entity('cs-rev-new')).toBeNull();
    const HISTORY = `query($id: ID!) { entity(id: $id) { history { edges { node { version fields { field before after } change { id author reviewer revertOf } } } } } }`;
    const h = await app.graphql<{ entity: { history: { edges: { node: { version: number; fields: { field: string; before: unknown; after: unknown }[]; change: { author: string; reviewer: string; revertOf: string | null } } }[] } } }>(HISTORY, { id: 'cs-rev' });
    expect(h.data!.entity.history.edges[0]!.node).toMatchObject({
      version: 3,
      fields: [{ field: 'description', before: 'A wrong description.', after: 'A test organization proposed by a curator.' }],
      change: { author: 'carol@example.org', reviewer: 'dave@example.org', revertOf: data!.proposeChange.id },
    });
  });

  it('refuses a revert with CONFLICT naming the field and the later change that touched it', async () => {
    await app.graphql(UPSERT, { input: organization('cs-rev2', 'Later Touched Bio') }, carol);
    const first = await app.graphql<{ upsertEntity: { change: { id: string } } }>(UPSERT, { input: organization('cs-rev2', 'Later Touched Bio', { description: 'First edit.' }) }, carol);
    const later = await app.graphql<{ upsertEntity: { change: { id: string } } }>(UPSERT, { input: organization('cs-rev2', 'Later Touched Bio', { description: 'Second edit.' }) }, alice);
    const refused = await app.graphql(REVERT, { id: first.data!.upsertEntity.change.id, note: 'Undo.' }, carol);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', conflicts: [{ targetId: 'cs-rev2', field: 'description', changeId: later.data!.upsertEntity.change.id }] });
    expect(refused.errors?.[0]?.message).toContain('cs-rev2.description');
  });

  it('lets the author rebase a stale PROPOSED changeset onto the current versions, optionally with new values; the rebased one applies', async () => {
    const REBASE = `mutation($id: ID!, $operations: [ChangeOperationInput!], $note: String) { rebaseChange(id: $id, operations: $operations, note: $note) { ${CHANGE_FIELDS} rebasedAt summary } }`;
    type Rebased = { rebaseChange: ChangeOut & { rebasedAt: string | null } };
    await app.graphql(UPSERT, { input: organization('cs-rebase', 'Rebased Base Bio') }, carol);
    const { data } = await propose([{ upsertEntity: organization('cs-rebase', 'Rebased Base Bio', { description: 'Proposed on version 1.' }) }]);
    const id = data!.proposeChange.id;
    await app.graphql(UPSERT, { input: organization('cs-rebase', 'Rebased Base Bio', { description: 'Written directly meanwhile.' }) }, carol);
    expect((await app.graphql(APPROVE, { id }, bob)).errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const notAuthor = await app.graphql(REBASE, { id }, carol);
    expect(notAuthor.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', author: 'alice@example.org' });
    const reviewerOnly = await app.graphql(REBASE, { id }, bob);
    expect(reviewerOnly.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await app.graphql(REBASE, { id, operations: [{ upsertEntity: organization('cs-rebase', '') }] }, alice);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.operations.0.upsertEntity.name' });

    const rebased = await app.graphql<Rebased>(REBASE, { id }, alice);
    expect(rebased.errors).toBeUndefined();
    expect(rebased.data!.rebaseChange).toMatchObject({ id, status: 'PROPOSED', rebasedAt: expect.any(String) });
    expect(rebased.data!.rebaseChange.operations[0]!.input).toMatchObject({ expectedVersion: 2, description: 'Proposed on version 1.' });

    const newValues = await app.graphql<Rebased>(
      REBASE,
      { id, operations: [{ upsertEntity: organization('cs-rebase', 'Rebased Base Bio', { description: 'Both readings, merged by hand.' }) }], note: 'Rebased with merged wording.' },
      alice,
    );
    expect(newValues.errors).toBeUndefined();
    expect(newValues.data!.rebaseChange).toMatchObject({ note: 'Rebased with merged wording.', operations: [{ op: 'upsertEntity', input: expect.objectContaining({ expectedVersion: 2 }) }] });
    expect(await count('MATCH (c:Change {id: $id}) RETURN size(c.rebasedFrom)', { id })).toBe(2);

    const approved = await app.graphql<{ approveChange: ChangeOut }>(APPROVE, { id }, bob);
    expect(approved.errors).toBeUndefined();
    expect(await entity('cs-rebase')).toMatchObject({ description: 'Both readings, merged by hand.', version: 3 });
    const late = await app.graphql(REBASE, { id }, alice);
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'APPROVED' });
    const unknown = await app.graphql(REBASE, { id: 'no-such-change' }, alice);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lets a reviewer press Revert: the revert is proposed, for another reviewer to approve; a reader may not', async () => {
    await app.graphql(UPSERT, { input: organization('cs-rev-by-reviewer', 'Reviewer Revert Bio') }, carol);
    const edit = await app.graphql<{ upsertEntity: { change: { id: string } } }>(UPSERT, { input: organization('cs-rev-by-reviewer', 'Reviewer Revert Bio', { description: 'A doubtful edit.' }) }, carol);
    const reader = await bearer('reader@example.org', ['reader']);
    const byReader = await app.graphql(REVERT, { id: edit.data!.upsertEntity.change.id, note: 'Not mine to undo.' }, reader);
    expect(byReader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byReviewer = await app.graphql<{ revertChange: ChangeOut }>(REVERT, { id: edit.data!.upsertEntity.change.id, note: 'The page does not say this.' }, bob);
    expect(byReviewer.errors).toBeUndefined();
    expect(byReviewer.data!.revertChange).toMatchObject({ status: 'PROPOSED', author: 'bob@example.org' });
    expect((await entity('cs-rev-by-reviewer'))!.description).toBe('A doubtful edit.');
    expect((await app.graphql(APPROVE, { id: byReviewer.data!.revertChange.id }, bob)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.graphql(APPROVE, { id: byReviewer.data!.revertChange.id }, dave)).errors).toBeUndefined();
    expect((await entity('cs-rev-by-reviewer'))!.description).toBe('A test organization proposed by a curator.');
  });

  it('records a value that disagrees with the graph as a claim beside it, never over it; history shows it and a revert retracts it', async () => {
    await app.graphql(UPSERT, { input: organization('cs-claimed', 'Claimed Founding Bio', { facts: { employees: 120 } }) }, carol);
    const CLAIMS = `query($id: ID!) { entity(id: $id) { version facts { name value } claims { id property value asOf sources { source { id } evidence } } history { edges { node { version fields { field before after } change { id kind } } } } } }`;
    type ClaimsOut = { entity: { version: number; facts: { name: string; value: unknown }[]; claims: { id: string; property: string; value: unknown; asOf: string | null; sources: { source: { id: string }; evidence: string }[] }[]; history: { edges: { node: { version: number; fields: { field: string; before: unknown; after: unknown }[]; change: { id: string } } }[] } } };
    const claim = { entityId: 'cs-claimed', property: 'employees', value: 95, asOf: '2025-04', source: SOURCE, evidence: 'The forum page gives a smaller head count.' };
    const badDate = await propose([{ claim: { ...claim, property: 'signedOn', value: 'last spring' } }]);
    expect(badDate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.operations.0.claim.value' });
    const unknown = await propose([{ claim: { ...claim, entityId: 'cs-no-such-entity' } }]);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', operation: 0 });

    const proposed = await propose([{ claim }]);
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data!.proposeChange.operations).toEqual([{ op: 'claim', input: expect.objectContaining({ property: 'employees', expectedVersion: 1 }) }]);
    expect((await app.graphql<ClaimsOut>(CLAIMS, { id: 'cs-claimed' })).data!.entity.claims).toEqual([]);
    const approved = await app.graphql<{ approveChange: ChangeOut }>(APPROVE, { id: proposed.data!.proposeChange.id }, bob);
    expect(approved.errors).toBeUndefined();

    const after = (await app.graphql<ClaimsOut>(CLAIMS, { id: 'cs-claimed' })).data!.entity;
    expect(after.facts).toContainEqual({ name: 'employees', value: 120 });
    expect(after.claims).toEqual([
      { id: expect.stringMatching(/^claim-/), property: 'employees', value: 95, asOf: '2025-04', sources: [{ source: { id: SOURCE.id }, evidence: claim.evidence }] },
    ]);
    const claimId = after.claims[0]!.id;
    expect(after.version).toBe(2);
    expect(after.history.edges[0]!.node).toMatchObject({
      version: 2,
      fields: [{ field: `claim:${claimId}`, before: null, after: { property: 'employees', value: 95, asOf: '2025-04' } }],
      change: { id: proposed.data!.proposeChange.id },
    });

    const revert = await app.graphql<{ revertChange: ChangeOut }>(REVERT, { id: proposed.data!.proposeChange.id, note: 'The page was misread.' }, carol);
    expect(revert.errors).toBeUndefined();
    expect((await app.graphql(APPROVE, { id: revert.data!.revertChange.id }, dave)).errors).toBeUndefined();
    const reverted = (await app.graphql<ClaimsOut>(CLAIMS, { id: 'cs-claimed' })).data!.entity;
    expect(reverted.claims).toEqual([]);
    expect(reverted.facts).toContainEqual({ name: 'employees', value: 120 });
    expect(reverted.history.edges[0]!.node.fields).toEqual([{ field: `claim:${claimId}`, before: { property: 'employees', value: 95, asOf: '2025-04' }, after: null }]);
    expect(await count('MATCH (c:Claim {id: $claimId}) WHERE c.retracted = true RETURN count(c)', { claimId })).toBe(1);
  });

  it('never lets the API edit or delete a change record: there is no such mutation (a rebase changes only a PROPOSED one, by its author)', async () => {
    const { data } = await app.graphql<{ __schema: { mutationType: { fields: { name: string }[] } } }>('{ __schema { mutationType { fields { name } } } }');
    const names = data!.__schema.mutationType.fields.map((f) => f.name);
    expect(names.filter((n) => /change/i.test(n)).sort()).toEqual(['approveChange', 'proposeChange', 'rebaseChange', 'rejectChange', 'revertChange']);
  });
});

describe('changesets with REVIEW_SECOND_PERSON=false', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, seed: false, config: { REVIEW_SECOND_PERSON: false } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('lets a reviewer approve their own changeset', async () => {
    const erin = await bearer('erin@example.org', ['editor', 'reviewer']);
    const { data, errors } = await app.graphql<{ proposeChange: ChangeOut }>(PROPOSE, { input: { operations: [{ upsertEntity: organization('cs-solo', 'Solo Curator Cells') }], note: 'Alone.' } }, erin);
    expect(errors).toBeUndefined();
    const approved = await app.graphql<{ approveChange: ChangeOut }>(APPROVE, { id: data!.proposeChange.id }, erin);
    expect(approved.data!.approveChange).toMatchObject({ status: 'APPROVED', reviewer: 'erin@example.org', author: 'erin@example.org' });
  });
});
