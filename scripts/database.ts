import { loadConfig } from '../src/config';
import { createDriver } from '../src/db/driver';
import { resolveNeo4jTarget } from '../src/localNeo4j/target';
import { Executor } from '../src/db/executor';

/**
 * For command-line scripts: connects to the configured database (NEO4J_URI, or
 * the local server, started if needed), runs `work` with an executor whose
 * transactions may take up to five minutes, and closes the driver whatever happens.
 */
export async function withExecutor<T>(work: (executor: Executor) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const target = await resolveNeo4jTarget(config);
  const driver = createDriver(target, config);
  try {
    return await work(new Executor(driver, { database: target.database, timeoutMs: 300_000 }));
  } finally {
    await driver.close();
  }
}

/** The value after `--name` on the command line, or undefined. */
export function argument(name: string, argv: string[] = process.argv.slice(2)): string | undefined {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
}
