import { startTestApp, type TestApp } from './support/harness';
import { curatedOrganization } from './support/organizations';
import { mintToken, newJwtSecret } from './support/tokens';

const secret = newJwtSecret();
const bearer = async (subject: string, roles: string[]) => ({ authorization: `Bearer ${await mintToken(secret, subject, roles)}` });
const SEED_SOURCE = { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' };
const ARTICLE = { id: 'cite-test-article', publisher: 'Cite Test Press', title: 'A licence confirmed again', publishedOn: '2026-11-30', language: 'en' };

const PROPOSE = `mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { id status operations } }`;
const APPROVE = `mutation($id: ID!) { approveChange(id: $id) { id status revisions { targetId version fields { field before after } } } }`;
const REVERT = `mutation($id: ID!, $note: String!) { revertChange(id: $id, note: $note) { id status } }`;
const AGREEMENT = `query($id: ID!) { entity(id: $id) { id name description version sources { source { id } evidence }
  history(first: 2) { edges { node { version fields { field before after } change { id } } } } } }`;
const RELATIONS = `query($id: ID!) { entity(id: $id) { relations(first: 10) { id version sources { source { id } evidence } } } }`;

describe('cite: confirming a mention cites the new source for what the graph holds, and changes nothing else', () => {
  let app: TestApp;
  let carol: Record<string, string>;
  let bob: Record<string, string>;
  let dave: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, queryTimeoutMs: 60_000 });
    carol = await bearer('carol@example.org', ['editor']);
    bob = await bearer('bob@example.org', ['reviewer']);
    dave = await bearer('dave@example.org', ['reviewer']);
    for (const [id, name] of [['cite-licensor', 'Kestrel Bioworks'], ['cite-licensee', 'Mizuho Tissue Lab']]) {
      const { errors } = await app.graphql('mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { created } }', { input: curatedOrganization(id!, { name }) }, carol);
      expect(errors).toBeUndefined();
    }
    const recorded = await app.graphql(
      'mutation($input: RecordAgreementInput!) { recordAgreement(input: $input) { created } }',
      {
        input: {
          id: 'cite-licence',
          name: 'Cite test licence',
          description: 'A licence between two test companies.',
          kind: 'LICENSE',
          exclusive: false,
          territory: ['JP'],
          parties: [
            { organization: 'cite-licensor', role: 'LICENSOR' },
            { organization: 'cite-licensee', role: 'LICENSEE' },
          ],
          source: SEED_SOURCE,
          evidence: 'The forum page reports the licence.',
        },
      },
      carol,
    );
    expect(recorded.errors).toBeUndefined();
  }, 180_000);
  afterAll(async () => {
    await app.close();
  });

  const agreement = async () => (await app.graphql<{ entity: AgreementOut }>(AGREEMENT, { id: 'cite-licence' })).data!.entity;
  const partyOf = async () => (await app.graphql<{ entity: { relations: RelationOut[] } }>(RELATIONS, { id: 'cite-licensor' })).data!.entity.relations.find((r) => r.id === PARTY)!;
  const PARTY = 'cite-licensor--PARTY_TO--cite-licence';

  it('adds the new source with its evidence to an agreement and a relationship after approval, raising each version once, and a revert removes it', async () => {
    const before = await agreement();
    const party = await partyOf();
    const proposed = await app.graphql<{ proposeChange: { id: string; status: string; operations: { op: string; input: Record<string, unknown> }[] } }>(
      PROPOSE,
      {
        input: {
          note: 'A new article confirms the licence.',
          operations: [
            { cite: { targetId: 'cite-licence', source: { new: ARTICLE }, evidence: 'The article says the licence was signed.' } },
            { cite: { targetId: PARTY, source: { id: ARTICLE.id }, evidence: 'The article names the licensor.' } },
          ],
        },
      },
      carol,
    );
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data!.proposeChange.operations.map((o) => [o.op, o.input.expectedVersion])).toEqual([
      ['cite', before.version],
      ['cite', party.version],
    ]);
    expect((await agreement()).sources.map((s) => s.source.id)).toEqual([SEED_SOURCE.id]);

    const approved = await app.graphql<{ approveChange: { revisions: { targetId: string; fields: { field: string; before: unknown; after: unknown }[] }[] } }>(APPROVE, { id: proposed.data!.proposeChange.id }, bob);
    expect(approved.errors).toBeUndefined();
    const after = await agreement();
    expect(after).toMatchObject({ name: before.name, description: before.description, version: before.version + 1 });
    expect(after.sources).toEqual(
      expect.arrayContaining([
        { source: { id: SEED_SOURCE.id }, evidence: 'The forum page reports the licence.' },
        { source: { id: ARTICLE.id }, evidence: 'The article says the licence was signed.' },
      ]),
    );
    expect(after.history.edges[0]!.node).toEqual({
      version: before.version + 1,
      fields: [{ field: `citation:${ARTICLE.id}`, before: null, after: 'The article says the licence was signed.' }],
      change: { id: proposed.data!.proposeChange.id },
    });
    const partyAfter = await partyOf();
    expect(partyAfter.version).toBe(party.version + 1);
    expect(partyAfter.sources).toContainEqual({ source: { id: ARTICLE.id }, evidence: 'The article names the licensor.' });

    const revert = await app.graphql<{ revertChange: { id: string } }>(REVERT, { id: proposed.data!.proposeChange.id, note: 'The article was about another licence.' }, carol);
    expect(revert.errors).toBeUndefined();
    expect((await app.graphql(APPROVE, { id: revert.data!.revertChange.id }, dave)).errors).toBeUndefined();
    const reverted = await agreement();
    expect(reverted.sources).toEqual([{ source: { id: SEED_SOURCE.id }, evidence: 'The forum page reports the licence.' }]);
    expect(reverted.history.edges[0]!.node.fields).toEqual([{ field: `citation:${ARTICLE.id}`, before: 'The article says the licence was signed.', after: null }]);
    expect((await partyOf()).sources.map((s) => s.source.id)).toEqual([SEED_SOURCE.id]);
  });

  it('is validated like the other operations: a bad id, a missing target, no evidence, a stale base', async () => {
    const propose = (cite: Record<string, unknown>) => app.graphql(PROPOSE, { input: { note: 'Cites a page.', operations: [{ cite }] } }, carol);
    const badId = await propose({ targetId: 'Not An Id!', source: SEED_SOURCE, evidence: 'x' });
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.operations.0.cite.targetId' });
    const missing = await propose({ targetId: 'cite-nobody', source: SEED_SOURCE, evidence: 'It names them.' });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', operation: 0 });
    const noRelationship = await propose({ targetId: 'cite-licensee--PARTY_TO--cite-licensor', source: SEED_SOURCE, evidence: 'It names them.' });
    expect(noRelationship.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const noEvidence = await propose({ targetId: 'cite-licence', source: SEED_SOURCE, evidence: '  ' });
    expect(noEvidence.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.operations.0.cite.evidence' });
    const unknownSource = await propose({ targetId: 'cite-licence', source: { id: 'no-such-page' }, evidence: 'It names them.' });
    expect(unknownSource.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const stale = await propose({ targetId: 'cite-licence', source: SEED_SOURCE, evidence: 'It names them.', expectedVersion: 1 });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
  });
});

interface AgreementOut {
  id: string;
  name: string;
  description: string;
  version: number;
  sources: { source: { id: string }; evidence: string }[];
  history: { edges: { node: { version: number; fields: { field: string; before: unknown; after: unknown }[]; change: { id: string } } }[] };
}

interface RelationOut {
  id: string;
  version: number;
  sources: { source: { id: string }; evidence: string }[];
}
