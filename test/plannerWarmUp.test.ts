import { buildASTSchema, parse, validate } from 'graphql';
import { RELATION_FIELDS } from '../src/domain/entityTypes';
import { plannerWarmUpOperations } from '../src/http/plannerWarmUp';
import { LIST_LABELS } from '../src/modules/list/inputs';
import { typeDefs } from '../src/schema';
import { startTestApp, type TestApp } from './support/harness';

describe('the start-up planner warm-up', () => {
  it('plans suggestions and brokers first, then derives from the model one valid read per entity type with relationship fields, one per list, a search and a relations page', () => {
    const operations = plannerWarmUpOperations();
    const schema = buildASTSchema(typeDefs);
    for (const operation of operations) expect(validate(schema, parse(operation))).toEqual([]);
    const typesWithFields = Object.values(RELATION_FIELDS).filter((fields) => Object.keys(fields).length > 0).length;
    expect(operations).toHaveLength(2 + typesWithFields + LIST_LABELS.length + 2);
    expect(operations[0]).toContain('suggestedPartners(');
    expect(operations[1]).toContain('brokers(');
    for (const [name] of Object.entries(RELATION_FIELDS.Organization)) expect(operations.find((o) => o.includes('on Organization'))).toContain(` ${name} {`);
  });

  describe('on a running server', () => {
    let app: TestApp;
    beforeAll(async () => {
      // Reads need a token here: the warm-up must get through as the server itself.
      app = await startTestApp({ seed: false, config: { READS_REQUIRE_TOKEN: true } });
    });
    afterAll(async () => {
      await app.close();
    });

    it('keeps /ready at 503 while it plans, answers every operation without error, then reports ready', async () => {
      const warming = app.server.warmUpPlanner();
      const during = await fetch(`${app.url}/ready`);
      expect(during.status).toBe(503);
      expect(await during.json()).toMatchObject({ status: 'warming-up' });

      const result = await warming;
      expect(result).toMatchObject({ sent: plannerWarmUpOperations().length, failed: 0 });
      expect(app.queries.length).toBeGreaterThanOrEqual(plannerWarmUpOperations().length);
      expect((await fetch(`${app.url}/ready`)).status).toBe(200);
      expect(app.server.warmUpPlanner()).toBe(warming);
    });

    it('leaves a request without a token refused', async () => {
      const response = await app.graphql('{ organizations(first: 1) { totalCount } }');
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
