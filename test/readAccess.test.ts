import { startTestApp, type TestApp } from './support/harness';
import { mintToken, newJwtSecret } from './support/tokens';

const secret = newJwtSecret();

describe('reads that require a token (READS_REQUIRE_TOKEN=true)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, config: { READS_REQUIRE_TOKEN: true } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses a read without a token with UNAUTHENTICATED', async () => {
    const { errors, data } = await app.graphql('{ entity(id: "bpipo") { id } }');
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(data?.entity).toBeUndefined();
  });

  it('keeps introspection open without a token', async () => {
    const { errors, data } = await app.graphql<{ __schema: { queryType: { name: string } } }>('{ __schema { queryType { name } } }');
    expect(errors).toBeUndefined();
    expect(data!.__schema.queryType.name).toBe('Query');
  });

  it('answers a read with a reader token', async () => {
    const token = await mintToken(secret, 'dash', ['reader']);
    const { errors, data } = await app.graphql<{ entity: { id: string } }>('{ entity(id: "bpipo") { id } }', undefined, { authorization: `Bearer ${token}` });
    expect(errors).toBeUndefined();
    expect(data!.entity.id).toBe('bpipo');
  });
});
