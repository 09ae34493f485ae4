import type { AddressInfo } from 'node:net';
import neo4j, { type Driver } from 'neo4j-driver';
import { createTokenVerifier, type AuthSettings } from '../../src/auth';
import type { Config } from '../../src/config';
import { createDriver } from '../../src/db/driver';
import { Executor, type QueryEvent } from '../../src/db/executor';
import { migrateGraph } from '../../src/ingest/migrateGraph';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/observability/metrics';
import { StatisticsCache } from '../../src/modules/statistics/cache';
import { loadEverySeed } from '../../src/ingest/loadEcosystem';
import { loadSeedDirectory } from '../../src/ingest/loadSeed';
import { createServer, type AppServer } from '../../src/server';

export interface TestTarget {
  uri: string;
  username: string;
  password: string;
  database: string;
}

/** The database globalSetup chose for this run. */
export function testTarget(): TestTarget {
  const uri = process.env.TEST_NEO4J_URI;
  if (!uri) throw new Error('TEST_NEO4J_URI is unset: run the tests through jest (globalSetup starts Neo4j)');
  return {
    uri,
    username: process.env.TEST_NEO4J_USERNAME ?? 'neo4j',
    password: process.env.TEST_NEO4J_PASSWORD ?? '',
    database: process.env.TEST_NEO4J_DATABASE ?? 'neo4j',
  };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

export interface TestApp {
  url: string;
  driver: Driver;
  executor: Executor;
  /** The server under test (e.g. to start its planner warm-up). */
  server: AppServer;
  /** Every database call the server made since the last reset of this list. */
  queries: QueryEvent[];
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** Deletes every node and relationship (schema and migrations stay). */
export async function clearGraph(driver: Driver, database: string): Promise<void> {
  // CALL { } IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
  const session = driver.session({ database });
  try {
    await session.run('MATCH (n) WHERE NOT n:Migration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
  }
}

/** Opens a driver to the test database. */
export function openTestDriver(): Driver {
  const target = testTarget();
  return createDriver(target, { NEO4J_MAX_POOL_SIZE: 20, NEO4J_ACQUISITION_TIMEOUT_MS: 5_000 });
}

/**
 * Starts the real HTTP server on a free port over the test database. With
 * `seed` (the default) the graph is cleared and the seed files loaded first.
 * With `auth` (e.g. `{ jwtSecret }`) bearer tokens are verified; without it they are refused.
 */
export async function startTestApp(
  options: {
    seed?: boolean;
    /** With the seed, also load the ecosystem files of seed/ecosystem/ (as first start does). */
    ecosystem?: boolean;
    queryTimeoutMs?: number;
    auth?: AuthSettings;
    /** Connect with the routing scheme neo4j:// instead of bolt://. */
    routing?: boolean;
    /** Server settings beyond the defaults (e.g. READS_REQUIRE_TOKEN). */
    config?: Partial<Config>;
  } = {},
): Promise<TestApp> {
  const target = testTarget();
  const driver = options.routing ? createDriver({ ...target, uri: target.uri.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:') }, { NEO4J_MAX_POOL_SIZE: 20, NEO4J_ACQUISITION_TIMEOUT_MS: 5_000 }) : openTestDriver();
  const queries: QueryEvent[] = [];
  const metrics = createMetrics();
  const executor = new Executor(driver, {
    database: target.database,
    timeoutMs: options.queryTimeoutMs ?? 10_000,
    onQuery: (event) => {
      queries.push(event);
      metrics.observeQuery(event);
    },
  });
  await migrateGraph(executor);
  if (options.seed !== false) {
    await clearGraph(driver, target.database);
    if (options.ecosystem) await loadEverySeed(executor);
    else await loadSeedDirectory(executor);
  }
  queries.length = 0;
  const logger = createLogger({ LOG_LEVEL: (process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent', NODE_ENV: 'test' });
  const statistics = new StatisticsCache(executor, 0);
  const server: AppServer = await createServer({
    // The result cache is off unless a test turns it on (test/resultCache.test.ts): tests that count queries see every one.
    config: { NODE_ENV: 'test', RESULT_CACHE_MAX_MB: 0, ...options.config },
    executor,
    logger,
    metrics,
    statistics,
    version: 'test',
    auth: options.auth ? createTokenVerifier(options.auth) : undefined,
  });
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    driver,
    executor,
    server,
    queries,
    async graphql(query, variables, headers = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: never; errors?: never };
      return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
    },
    async close() {
      await server.stop();
      await driver.close();
    },
  };
}

/**
 * Registers, for the calling test file, an app on the whole seed (every
 * ecosystem file, as first start loads it) started before its tests and closed
 * after them; the returned function reads it inside a test.
 */
export function useEcosystemApp(options: Parameters<typeof startTestApp>[0] = {}): () => TestApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp({ ecosystem: true, queryTimeoutMs: 60_000, ...options });
  }, 300_000);
  afterAll(async () => {
    await app?.close();
  });
  return () => app!;
}

export { neo4j };
