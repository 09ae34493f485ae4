import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { createDriver, resolveNeo4jTarget } from './db/driver';
import { Executor } from './db/executor';
import { applyMigrations } from './db/migrations';
import { createLogger } from './logger';
import { StatisticsCache } from './modules/statistics/cache';
import { graphIsEmpty, loadSeedDirectory } from './seed/loadSeed';
import { createServer } from './server';

const packageVersion = (JSON.parse(readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')) as { version: string })
  .version;

/** config -> database -> migrations (and seed on an empty graph) -> server -> listen; clean shutdown on signals. */
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
  const executor = new Executor(driver, { database: target.database, timeoutMs: config.QUERY_TIMEOUT_MS });

  const migrations = await applyMigrations(executor);
  if (migrations.applied.length) logger.info({ applied: migrations.applied }, 'migrations applied');
  if (config.SEED_ON_START && (await graphIsEmpty(executor))) {
    const loaded = await loadSeedDirectory(executor);
    logger.info({ files: loaded }, 'empty graph: seed loaded');
  }

  const statistics = new StatisticsCache(executor, config.STATISTICS_MAX_AGE_SECONDS * 1000);
  const server = await createServer({ config, executor, logger, statistics, version: packageVersion });
  server.httpServer.listen(config.PORT, config.HOST, () => {
    logger.info({ url: `http://${config.HOST}:${config.PORT}/graphql`, neo4j: target.uri }, 'server ready');
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    await server.stop();
    await driver.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: Error) => {
  process.stderr.write(`fatal: ${error.message}\n`);
  process.exit(1);
});
