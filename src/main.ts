import { readFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import * as path from 'node:path';
import { createTokenVerifier } from './auth';
import { ConfigError, loadConfig } from './config';
import { PROJECT_ROOT } from './projectRoot';
import { createDriver } from './db/driver';
import { resolveNeo4jTarget } from './localNeo4j/target';
import { Executor } from './db/executor';
import { migrateGraph } from './ingest/migrateGraph';
import { createLogger } from './logger';
import { StatisticsCache } from './modules/statistics/cache';
import { createMetrics } from './observability/metrics';
import { loadEverySeedIntoEmptyGraph } from './ingest/loadEcosystem';
import { graphIsEmpty } from './ingest/loadSeed';
import { createServer } from './server';

/** How long after the grace period a shutdown that still has not finished is cut short. */
const SHUTDOWN_BACKSTOP_MS = 2_000;

const packageVersion = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

/**
 * config -> database -> migrations (and seed on an empty graph) -> server -> listen.
 * The first SIGTERM/SIGINT drains requests and exits 0; a second one exits at once.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  const target = await resolveNeo4jTarget(config);
  const driver = createDriver(target, config);
  const metrics = createMetrics();
  const executor = new Executor(driver, {
    database: target.database,
    timeoutMs: config.QUERY_TIMEOUT_MS,
    maxRetryMs: config.NEO4J_MAX_RETRY_MS,
    onQuery: metrics.observeQuery,
  });

  const migrations = await migrateGraph(executor);
  if (migrations.applied.length) logger.info({ applied: migrations.applied }, 'migrations applied');
  if (config.SEED_ON_START && (await graphIsEmpty(executor))) {
    const loaded = await loadEverySeedIntoEmptyGraph(executor);
    logger.info({ files: loaded.forum.length + loaded.ecosystem.length }, 'empty graph: seed loaded');
  }

  const statistics = new StatisticsCache(executor, config.STATISTICS_MAX_AGE_SECONDS * 1000);
  const auth = createTokenVerifier({
    jwtSecret: config.AUTH_JWT_SECRET,
    issuer: config.AUTH_JWT_ISSUER,
    audience: config.AUTH_JWT_AUDIENCE,
    jwksUrl: config.AUTH_JWKS_URL,
    maxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
  });
  if (!auth) logger.warn('no AUTH_JWT_SECRET or AUTH_JWKS_URL: tokens are refused and curation writes are disabled');
  if (config.EXPOSE_ERROR_DETAILS) logger.warn('EXPOSE_ERROR_DETAILS=true: clients see the messages of unexpected errors (Cypher, stored values)');
  const server = await createServer({ config, executor, logger, metrics, statistics, version: packageVersion, auth });
  server.httpServer.once('error', (error: NodeJS.ErrnoException) => {
    const reason = error.code === 'EADDRINUSE' ? `port ${config.PORT} on ${config.HOST} is already in use (set PORT)` : error.message;
    process.stderr.write(`fatal: cannot listen: ${reason}\n`);
    void driver.close().finally(() => process.exit(1));
  });
  server.httpServer.listen(config.PORT, config.HOST, () => {
    logger.info({ url: `http://${config.HOST}:${config.PORT}/graphql`, neo4j: target.uri }, 'server ready');
    if (config.PLANNER_WARM_UP) void server.warmUpPlanner(config.PLANNER_WARM_UP_BUDGET_MS).then((result) => logger.info(result, 'planner warmed up'));
  });

  // Waits for pino's pending asynchronous write, which process.exit would
  // otherwise overtake, so "stopped" never prints before "shutting down".
  const exitAfterLogs = (code: number) => logger.flush(() => process.exit(code));
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(128 + osConstants.signals[signal]);
    }
    stopping = true;
    logger.info({ signal, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down: draining requests');
    // The drain closes busy connections after the grace period; this ends the
    // process even if something after it (closing the driver) does not return.
    setTimeout(() => {
      logger.error({ graceMs: config.SHUTDOWN_GRACE_MS }, 'shutdown outlasted the grace period: exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS + SHUTDOWN_BACKSTOP_MS).unref();
    try {
      await server.stop();
      await driver.close();
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      return exitAfterLogs(1);
    }
    logger.info('stopped');
    exitAfterLogs(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: Error) => {
  process.stderr.write(`fatal: ${error.message}\n`);
  process.exit(1);
});
