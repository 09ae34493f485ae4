import { curatedOrganization } from './support/organizations';
import { startTestApp, type TestApp } from './support/harness';
import { mintToken, newJwtSecret } from './support/tokens';

const secret = newJwtSecret();
const token = (subject: string, roles: string[], options: { expiresIn?: string; key?: string } = {}) =>
  mintToken(options.key ?? secret, subject, roles, options.expiresIn);

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

const UPSERT = `mutation($input: UpsertEntityInput!) {
  upsertEntity(input: $input) { created entity { id name } change { kind subject } }
}`;
const LINK = `mutation($input: LinkEntitiesInput!) {
  linkEntities(input: $input) { id type from { id } to { id } properties change { kind } }
}`;
const RETRACT = `mutation($input: RetractInput!) { retract(input: $input) { id change { kind subject } } }`;

const SOURCE = { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' };

const organization = (id: string, extra: Record<string, unknown> = {}) => curatedOrganization(id, { source: SOURCE, ...extra });

describe('curation: authenticated writes over HTTP', () => {
  let app: TestApp;
  let editor: Record<string, string>;
  let admin: Record<string, string>;
  let reader: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, queryTimeoutMs: 60_000 });
    editor = bearer(await token('alice@example.org', ['editor']));
    admin = bearer(await token('root@example.org', ['admin']));
    reader = bearer(await token('bob@example.org', ['reader']));
  });
  afterAll(async () => {
    await app.close();
  });

  async function count(cypher: string, params: Record<string, unknown> = {}): Promise<number> {
    const session = app.driver.session();
    try {
      const result = await session.run(cypher, params);
      return Number(result.records[0]!.get(0));
    } finally {
      await session.close();
    }
  }

  /** Writes an organization for one test through the API, as an editor. */
  async function givenOrganization(id: string): Promise<void> {
    const { errors } = await app.graphql(UPSERT, { input: organization(id) }, editor);
    expect(errors).toBeUndefined();
  }

  const link = (from: string, to: string) => ({ type: 'DEVELOPS', from, to, source: SOURCE, evidence: 'It says so.' });

  it('refuses a mutation without a token with UNAUTHENTICATED', async () => {
    const { errors } = await app.graphql(UPSERT, { input: organization('anon-org') });
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await count('MATCH (n:Entity {id: "anon-org"}) RETURN count(n)')).toBe(0);
  });

  it('refuses a request with an invalid or expired token with UNAUTHENTICATED, even a read', async () => {
    const forged = await app.graphql('{ about { version } }', undefined, bearer(await token('eve', ['admin'], { key: newJwtSecret() })));
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const expired = await app.graphql('{ about { version } }', undefined, bearer(await token('alice', ['editor'], { expiresIn: '-1m' })));
    expect(expired.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps reads and introspection open without a token', async () => {
    const { errors, data } = await app.graphql<{ __schema: { mutationType: { name: string } } }>('{ __schema { mutationType { name } } entity(id: "bpipo") { id } }');
    expect(errors).toBeUndefined();
    expect(data!.__schema.mutationType.name).toBe('Mutation');
  });

  it('refuses a reader-role token with FORBIDDEN', async () => {
    const { errors } = await app.graphql(UPSERT, { input: organization('reader-org') }, reader);
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count('MATCH (n:Entity {id: "reader-org"}) RETURN count(n)')).toBe(0);
  });

  it('lets an editor upsert an organization and read it back with its source', async () => {
    const first = await app.graphql<any>(UPSERT, { input: organization('curated-org', { aliases: ['CO'], facts: { employees: 12 } }) }, editor);
    expect(first.errors).toBeUndefined();
    expect(first.data.upsertEntity).toEqual({ created: true, entity: { id: 'curated-org', name: 'Org curated-org' }, change: { kind: 'UPSERT_ENTITY', subject: 'alice@example.org' } });
    const second = await app.graphql<any>(UPSERT, { input: organization('curated-org', { name: 'Curated Org', facts: { employees: 13 } }) }, editor);
    expect(second.errors).toBeUndefined();
    expect(second.data.upsertEntity.created).toBe(false);

    const { data, errors } = await app.graphql<any>(`{ entity(id: "curated-org") {
      id name aliases description facts { name value }
      ... on Organization { organizationKind countryCode country { code } }
      sources { source { id publisher } evidence }
    } }`);
    expect(errors).toBeUndefined();
    expect(data.entity).toMatchObject({ id: 'curated-org', name: 'Curated Org', organizationKind: 'COMPANY', countryCode: 'TW', country: { code: 'TW' }, facts: [{ name: 'employees', value: 13 }] });
    expect(data.entity.sources).toEqual([{ source: { id: SOURCE.id, publisher: 'GeneOnline' }, evidence: 'Test evidence: the article names it.' }]);
    const session = app.driver.session();
    try {
      const row = (await session.run('MATCH (n:Entity {id: "curated-org"}) RETURN n.createdBy AS c, n.updatedBy AS u, n.createdAt IS NOT NULL AND n.updatedAt IS NOT NULL AS stamped')).records[0]!;
      expect([row.get('c'), row.get('u'), row.get('stamped')]).toEqual(['alice@example.org', 'alice@example.org', true]);
    } finally {
      await session.close();
    }
  });

  it('writes a new source given as an object and cites it', async () => {
    const source = { new: { id: 'curation-test-source', publisher: 'Test Press', title: 'A test article', publishedOn: '2025-05-01' } };
    const { errors } = await app.graphql(UPSERT, { input: organization('org-with-new-source', { source }) }, editor);
    expect(errors).toBeUndefined();
    const { data } = await app.graphql<any>('{ entity(id: "org-with-new-source") { sources { source { id title language } } } }');
    expect(data.entity.sources).toEqual([{ source: { id: 'curation-test-source', title: 'A test article', language: 'en' } }]);
  });

  it('refuses a write without a source with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const before = await count('MATCH (n) RETURN count(n)');
    const { source: _s, ...input } = organization('unsourced-org');
    const { errors } = await app.graphql(UPSERT, { input }, editor);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.source' });
    const noEvidence = await app.graphql(UPSERT, { input: { ...organization('unsourced-org'), evidence: null } }, editor);
    expect(noEvidence.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.evidence' });
    const unknownSource = await app.graphql(UPSERT, { input: organization('unsourced-org', { source: { id: 'no-such-source' } }) }, editor);
    expect(unknownSource.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const badKind = await app.graphql(UPSERT, { input: organization('unsourced-org', { kind: 'SPACESHIP' }) }, editor);
    expect(badKind.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kind' });
    expect(await count('MATCH (n) RETURN count(n)')).toBe(before);
  });

  it('refuses a link to an unknown id with NOT_FOUND and writes nothing', async () => {
    await givenOrganization('linker-org');
    const before = await count('MATCH (n) RETURN count(n)');
    const relsBefore = await count('MATCH ()-[r]->() RETURN count(r)');
    const { errors } = await app.graphql(LINK, { input: link('linker-org', 'no-such-technology') }, editor);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', id: 'no-such-technology' });
    expect(await count('MATCH (n) RETURN count(n)')).toBe(before);
    expect(await count('MATCH ()-[r]->() RETURN count(r)')).toBe(relsBefore);
  });

  it('links two entities, checking the label pairing against the domain model', async () => {
    await givenOrganization('developer-org');
    const wrong = await app.graphql(LINK, { input: { ...link('developer-org', 'bpipo'), evidence: 'x' } }, editor);
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.to' });
    const { data, errors } = await app.graphql<any>(LINK, { input: { ...link('developer-org', 'ai-cells'), properties: { since: '2024' } } }, editor);
    expect(errors).toBeUndefined();
    expect(data.linkEntities).toEqual({ id: 'developer-org--DEVELOPS--ai-cells', type: 'DEVELOPS', from: { id: 'developer-org' }, to: { id: 'ai-cells' }, properties: { since: '2024' }, change: { kind: 'LINK_ENTITIES' } });
    const read = await app.graphql<any>('{ entity(id: "developer-org") { ... on Organization { technologies { id } } } }');
    expect(read.data.entity.technologies).toEqual([{ id: 'ai-cells' }]);
  });

  it('records an agreement with parties, facilitators, covered technology and territory readable through the read API', async () => {
    await givenOrganization('licensor-org');
    const input = {
      id: 'agreement-curated-2025',
      name: 'Curated licence',
      description: 'A licence recorded by a curator.',
      kind: 'LICENSE',
      exclusive: true,
      territory: ['JP', 'TW'],
      rightsGranted: ['marketing'],
      signedOn: '2025-04-23',
      parties: [
        { organization: 'licensor-org', role: 'LICENSOR' },
        { organization: 'a-and-i-co-ltd', role: 'LICENSEE' },
      ],
      facilitators: ['bpipo'],
      covers: ['ai-cells'],
      source: SOURCE,
      evidence: 'The article describes the licence.',
    };
    const { data, errors } = await app.graphql<any>(
      `mutation($input: RecordAgreementInput!) { recordAgreement(input: $input) { created agreement { id } change { kind targetIds } } }`,
      { input },
      editor,
    );
    expect(errors).toBeUndefined();
    expect(data.recordAgreement.created).toBe(true);
    expect(data.recordAgreement.change.targetIds).toContain('licensor-org--PARTY_TO--agreement-curated-2025');

    const read = await app.graphql<any>(`{ entity(id: "agreement-curated-2025") { ... on Agreement {
      agreementKind exclusive signedOn rightsGranted licensor { id } licensee { id } facilitators { id } covers { id } territory { code }
      sources { source { id } }
    } } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data.entity).toMatchObject({
      agreementKind: 'LICENSE', exclusive: true, signedOn: '2025-04-23', rightsGranted: ['marketing'],
      licensor: { id: 'licensor-org' }, licensee: { id: 'a-and-i-co-ltd' }, facilitators: [{ id: 'bpipo' }], covers: [{ id: 'ai-cells' }],
      sources: [{ source: { id: SOURCE.id } }],
    });
    expect(read.data.entity.territory.map((t: { code: string }) => t.code).sort()).toEqual(['JP', 'TW']);
  });

  it('writes no part of an agreement when one of its parties does not exist', async () => {
    await givenOrganization('party-org');
    const before = await count('MATCH (n) RETURN count(n)');
    const { errors } = await app.graphql(
      `mutation($input: RecordAgreementInput!) { recordAgreement(input: $input) { created } }`,
      { input: { id: 'agreement-broken', name: 'Broken', description: 'Never written.', kind: 'MOU', exclusive: false, territory: ['JP'],
        parties: [{ organization: 'party-org', role: 'PARTNER' }, { organization: 'ghost-org', role: 'PARTNER' }], source: SOURCE, evidence: 'x' } },
      editor,
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', id: 'ghost-org' });
    expect(await count('MATCH (n) RETURN count(n)')).toBe(before);
  });

  it('ends 20 concurrent upserts of the same id with one node', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => app.graphql(UPSERT, { input: organization('race-org', { name: `Race ${i}` }) }, editor)),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(results.filter((r: any) => r.data.upsertEntity.created)).toHaveLength(1);
    expect(await count('MATCH (n:Entity {id: "race-org"}) RETURN count(n)')).toBe(1);
    expect(await count('MATCH (:Entity {id: "race-org"})-[s:STATED_IN]->() RETURN count(s)')).toBe(1);
    expect(await count('MATCH (:Entity {id: "race-org"})-[l:LOCATED_IN]->() RETURN count(l)')).toBe(1);
    const changes = await count('MATCH (c:Change) WHERE "race-org" IN c.targetIds RETURN count(c)');
    expect(changes).toBe(20);
  });

  it('stores Cypher and Lucene syntax in strings verbatim', async () => {
    const name = `x"}) DETACH DELETE n //' AND name:* OR ~fuzzy^2 \\ $param {{label}}`;
    const { errors } = await app.graphql(UPSERT, { input: organization('syntax-org', { name, facts: { note: 'MATCH (n) RETURN n; title:(a OR b)' } }) }, editor);
    expect(errors).toBeUndefined();
    const { data } = await app.graphql<any>('{ entity(id: "syntax-org") { name facts { name value } } }');
    expect(data.entity).toEqual({ name, facts: [{ name: 'note', value: 'MATCH (n) RETURN n; title:(a OR b)' }] });
    expect(await count('MATCH (n:Entity) RETURN count(n)')).toBeGreaterThan(50);
  });

  it('lets an admin retract an entity, which then disappears from entity(id), and forbids an editor to', async () => {
    await givenOrganization('retractable-org');
    const denied = await app.graphql(RETRACT, { input: { entityId: 'retractable-org', reason: 'test' } }, editor);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { data, errors } = await app.graphql<any>(RETRACT, { input: { entityId: 'retractable-org', reason: 'Duplicate entry' } }, admin);
    expect(errors).toBeUndefined();
    expect(data.retract).toEqual({ id: 'retractable-org', change: { kind: 'RETRACT', subject: 'root@example.org' } });
    const read = await app.graphql<any>('{ entity(id: "retractable-org") { id } }');
    expect(read.data.entity).toBeNull();
    const again = await app.graphql(RETRACT, { input: { entityId: 'retractable-org', reason: 'again' } }, admin);
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lets an admin retract a relationship by its id', async () => {
    await givenOrganization('unlinked-org');
    expect((await app.graphql(LINK, { input: link('unlinked-org', 'ai-cells') }, editor)).errors).toBeUndefined();
    const { errors } = await app.graphql(RETRACT, { input: { relationshipId: 'unlinked-org--DEVELOPS--ai-cells', reason: 'Wrong' } }, admin);
    expect(errors).toBeUndefined();
    const read = await app.graphql<any>('{ entity(id: "unlinked-org") { ... on Organization { technologies { id } } } }');
    expect(read.data.entity.technologies).toEqual([]);
  });

  it('lets a later mutation field in the same document read what an earlier field wrote, not a cached copy', async () => {
    await givenOrganization('stale-org');
    const { data, errors } = await app.graphql<any>(
      `mutation($first: LinkEntitiesInput!, $rename: UpsertEntityInput!, $second: LinkEntitiesInput!) {
        before: linkEntities(input: $first) { from { name } }
        rename: upsertEntity(input: $rename) { entity { name } }
        after: linkEntities(input: $second) { from { name ... on Organization { technologies { id } } } }
      }`,
      { first: link('stale-org', 'ai-cells'), rename: organization('stale-org', { name: 'Renamed Org' }), second: link('stale-org', 'agt-neosync') },
      editor,
    );
    expect(errors).toBeUndefined();
    expect(data.before.from.name).toBe('Org stale-org');
    expect(data.rename.entity.name).toBe('Renamed Org');
    expect(data.after.from).toEqual({ name: 'Renamed Org', technologies: [{ id: 'agt-neosync' }, { id: 'ai-cells' }] });
  });

  it('lists the writes in recentChanges, newest first, with the subject of each', async () => {
    await givenOrganization('audited-org');
    expect((await app.graphql(LINK, { input: link('audited-org', 'ai-cells') }, editor)).errors).toBeUndefined();
    expect((await app.graphql(RETRACT, { input: { relationshipId: 'audited-org--DEVELOPS--ai-cells', reason: 'Wrong' } }, admin)).errors).toBeUndefined();
    const anonymous = await app.graphql('{ recentChanges { id } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const { data, errors } = await app.graphql<any>('{ recentChanges(first: 100) { kind subject summary targetIds at sourceId note } }', undefined, editor);
    expect(errors).toBeUndefined();
    const changes = data.recentChanges;
    expect(changes[0]).toMatchObject({ kind: 'RETRACT', subject: 'root@example.org', targetIds: ['audited-org--DEVELOPS--ai-cells'], note: 'Wrong', sourceId: null });
    expect(changes[1]).toMatchObject({ kind: 'LINK_ENTITIES', subject: 'alice@example.org', targetIds: ['audited-org--DEVELOPS--ai-cells'], sourceId: SOURCE.id });
    expect(changes).toContainEqual(
      expect.objectContaining({ kind: 'UPSERT_ENTITY', subject: 'alice@example.org', targetIds: ['audited-org', 'audited-org--LOCATED_IN--country-tw'] }),
    );
    const times = changes.map((c: { at: string }) => Date.parse(c.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
