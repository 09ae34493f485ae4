import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import neo4j from 'neo4j-driver';
import { PROJECT_ROOT } from '../projectRoot';

/**
 * A project-local Neo4j Community server, run from the jars Maven Central serves
 * (no Docker, no package install). Everything lives under `<root>/.neo4j/`:
 *
 *   lib/                 the resolved jars, shared by every instance (cache)
 *   <instance>/conf/     a generated neo4j.conf
 *   <instance>/data/     the store
 *   <instance>/logs/     neo4j.log, debug.log, and the JVM's stdout (console.log)
 *   <instance>/password  the generated password when NEO4J_PASSWORD is unset
 *   <instance>/pid       the server's process id while it runs
 *
 * Two instances are used by convention: `dev` (Bolt 7687) for `npm start` and
 * `test` (Bolt 7688) for `npm test`, so tests never touch the development graph.
 */

export const NEO4J_VERSION = '5.26.30';

export interface LocalInstance {
  /** Instance name, a folder under .neo4j/. */
  name: string;
  boltPort: number;
  httpPort: number;
  /** Maximum JVM heap, e.g. "512m". */
  heap: string;
  pageCache: string;
}

export interface LocalConnection {
  uri: string;
  username: string;
  password: string;
}

export const DEFAULT_INSTANCES: Record<string, LocalInstance> = {
  dev: { name: 'dev', boltPort: 7687, httpPort: 7474, heap: '512m', pageCache: '256m' },
  test: { name: 'test', boltPort: 7688, httpPort: 7475, heap: '512m', pageCache: '256m' },
};

/**
 * A local instance by name: `dev` and `test` have fixed ports; any other name
 * (for parallel runs on one machine, or a bigger benchmark database) takes its
 * ports from NEO4J_LOCAL_BOLT_PORT and NEO4J_LOCAL_HTTP_PORT, and its memory from
 * NEO4J_LOCAL_HEAP and NEO4J_LOCAL_PAGECACHE (e.g. 2g; default 512m and 256m).
 */
export function localInstance(name: string, env: NodeJS.ProcessEnv = process.env): LocalInstance {
  const known = DEFAULT_INSTANCES[name];
  if (known) return known;
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(name)) throw new Error(`instance name "${name}" must be a short lowercase word`);
  const bolt = Number(env.NEO4J_LOCAL_BOLT_PORT);
  const http = Number(env.NEO4J_LOCAL_HTTP_PORT);
  if (!Number.isInteger(bolt) || !Number.isInteger(http)) {
    throw new Error(`instance "${name}" needs NEO4J_LOCAL_BOLT_PORT and NEO4J_LOCAL_HTTP_PORT`);
  }
  const size = /^\d+[mg]$/;
  const heap = env.NEO4J_LOCAL_HEAP && size.test(env.NEO4J_LOCAL_HEAP) ? env.NEO4J_LOCAL_HEAP : '512m';
  const pageCache = env.NEO4J_LOCAL_PAGECACHE && size.test(env.NEO4J_LOCAL_PAGECACHE) ? env.NEO4J_LOCAL_PAGECACHE : '256m';
  return { name, boltPort: bolt, httpPort: http, heap, pageCache };
}

const projectRoot = PROJECT_ROOT;
/** Where the jar cache and every instance live (.neo4j/, or NEO4J_LOCAL_DIR). */
export const neo4jRoot = process.env.NEO4J_LOCAL_DIR ?? path.join(projectRoot, '.neo4j');
/** The resolved Neo4j jars: the classpath of the server and of neo4j-admin. */
export const libDir = path.join(neo4jRoot, 'lib');

/** An instance's home: conf/, data/, logs/ and its password and pid files. */
export function instanceDir(instance: LocalInstance): string {
  return path.join(neo4jRoot, instance.name);
}

function log(message: string): void {
  process.stderr.write(`[neo4j-local] ${message}\n`);
}

/** Resolves the Neo4j jars from Maven Central into .neo4j/lib once; later calls reuse the cache. */
export function ensureJars(): void {
  const marker = path.join(libDir, `.complete-${NEO4J_VERSION}`);
  if (fs.existsSync(marker)) return;
  fs.mkdirSync(neo4jRoot, { recursive: true });
  const pomDir = path.join(neo4jRoot, 'resolver');
  fs.mkdirSync(pomDir, { recursive: true });
  fs.writeFileSync(
    path.join(pomDir, 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.regen-graph</groupId><artifactId>neo4j-runtime</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>${NEO4J_VERSION}</version></dependency>
  </dependencies>
</project>
`,
  );
  log(`resolving org.neo4j:neo4j:${NEO4J_VERSION} from Maven Central into ${libDir} (first run only)`);
  fs.rmSync(libDir, { recursive: true, force: true });
  const result = spawnSync(
    'mvn',
    ['-q', '-B', '-f', path.join(pomDir, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${libDir}`],
    { stdio: 'inherit' },
  );
  if (result.error) throw new Error(`could not run mvn (is Maven installed?): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`mvn dependency:copy-dependencies failed with exit code ${result.status}`);
  fs.writeFileSync(marker, new Date().toISOString());
}

/** Writes the instance's neo4j.conf (ports, directories, page cache). */
export function writeConfig(instance: LocalInstance): void {
  const dir = instanceDir(instance);
  for (const sub of ['conf', 'data', 'logs', 'run', 'plugins', 'import']) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
  }
  const conf = [
    '# Generated by src/localNeo4j/server.ts; edits are overwritten on start.',
    'server.default_listen_address=127.0.0.1',
    'server.default_advertised_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${instance.boltPort}`,
    `server.bolt.advertised_address=127.0.0.1:${instance.boltPort}`,
    `server.http.listen_address=127.0.0.1:${instance.httpPort}`,
    'server.http.enabled=true',
    'server.https.enabled=false',
    `server.directories.data=${path.join(dir, 'data')}`,
    `server.directories.logs=${path.join(dir, 'logs')}`,
    `server.directories.run=${path.join(dir, 'run')}`,
    `server.directories.plugins=${path.join(dir, 'plugins')}`,
    `server.directories.import=${path.join(dir, 'import')}`,
    `server.memory.pagecache.size=${instance.pageCache}`,
    'dbms.security.auth_enabled=true',
    'dbms.usage_report.enabled=false',
    'db.tx_log.rotation.retention_policy=100M size',
    // Bolt's shutdown otherwise idles 10-12 s with no connection left (Netty's quiet
    // period and the thread pool's wait), which every stop and bulk import pays
    'internal.dbms.bolt.netty_server_shutdown_quiet_period=0',
    'internal.server.bolt.connection_shutdown_wait_time=1s',
    'internal.server.bolt.thread_pool_shutdown_wait_time=1s',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'conf', 'neo4j.conf'), conf);
}

function readPid(instance: LocalInstance): number | undefined {
  const file = path.join(instanceDir(instance), 'pid');
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function passwordFor(instance: LocalInstance): string {
  if (process.env.NEO4J_PASSWORD) return process.env.NEO4J_PASSWORD;
  const file = path.join(instanceDir(instance), 'password');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(instanceDir(instance), { recursive: true });
    fs.writeFileSync(file, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** Connection settings of a local instance; the password is NEO4J_PASSWORD or the generated one. */
export function connectionFor(instance: LocalInstance): LocalConnection {
  return { uri: `bolt://127.0.0.1:${instance.boltPort}`, username: 'neo4j', password: passwordFor(instance) };
}

/**
 * A fresh store has the user neo4j/neo4j with an expired password; the first start
 * sets the instance's password. Later starts find it set and do nothing.
 */
async function ensurePassword(instance: LocalInstance, conn: LocalConnection): Promise<void> {
  const wanted = neo4j.driver(conn.uri, neo4j.auth.basic(conn.username, conn.password));
  try {
    // verifyAuthentication resolves false (it does not throw) on wrong credentials.
    if (await wanted.verifyAuthentication()) return;
  } catch {
    // an expired default password throws; set it below
  } finally {
    await wanted.close();
  }
  const initial = neo4j.driver(conn.uri, neo4j.auth.basic('neo4j', 'neo4j'));
  try {
    const session = initial.session({ database: 'system' });
    await session.run('ALTER CURRENT USER SET PASSWORD FROM $old TO $new', { old: 'neo4j', new: conn.password });
    await session.close();
  } catch (error) {
    throw new Error(
      `could not set the password of local instance "${instance.name}" (${(error as Error).message}); ` +
        `if NEO4J_PASSWORD changed, run: npm run db:reset -- --instance ${instance.name}`,
    );
  } finally {
    await initial.close();
  }
}

async function waitForBolt(instance: LocalInstance, pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      throw new Error(
        `Neo4j exited during start-up; see ${path.join(instanceDir(instance), 'logs', 'console.log')}`,
      );
    }
    if (await portOpen(instance.boltPort)) {
      // The HTTP discovery document needs no credentials, so probing it never
      // counts towards the server's failed-login rate limit.
      const answer = await fetch(`http://127.0.0.1:${instance.httpPort}/`).catch(() => undefined);
      if (answer?.ok) return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Neo4j did not answer on Bolt port ${instance.boltPort} within ${timeoutMs} ms`);
}

/**
 * Starts the instance in the background unless it already runs, waits until Bolt
 * answers, and returns how to connect. Throws with the reason when it cannot start.
 */
export async function startLocalNeo4j(instance: LocalInstance): Promise<LocalConnection> {
  const conn = connectionFor(instance);
  const running = readPid(instance);
  if (running) {
    await waitForBolt(instance, running, 60_000);
    await ensurePassword(instance, conn);
    return conn;
  }
  if (await portOpen(instance.boltPort)) {
    throw new Error(
      `port ${instance.boltPort} is taken by another process; stop it or set NEO4J_URI to use that server`,
    );
  }
  ensureJars();
  writeConfig(instance);
  const dir = instanceDir(instance);
  const out = fs.openSync(path.join(dir, 'logs', 'console.log'), 'a');
  const child = spawn(
    'java',
    [
      `-Xms${instance.heap}`,
      `-Xmx${instance.heap}`,
      '-XX:+UseG1GC',
      '-XX:+ExitOnOutOfMemoryError',
      '-Dfile.encoding=UTF-8',
      '-cp',
      `${libDir}/*`,
      'org.neo4j.server.CommunityEntryPoint',
      `--home-dir=${dir}`,
      `--config-dir=${path.join(dir, 'conf')}`,
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  if (!child.pid) throw new Error('could not spawn java');
  fs.writeFileSync(path.join(dir, 'pid'), String(child.pid));
  child.unref();
  const started = Date.now();
  await waitForBolt(instance, child.pid, 120_000);
  await ensurePassword(instance, conn);
  log(`instance "${instance.name}" up on bolt://127.0.0.1:${instance.boltPort} in ${Date.now() - started} ms`);
  return conn;
}

/** Stops the instance (SIGTERM, then SIGKILL after a grace period). Resolves when it is gone. */
export async function stopLocalNeo4j(instance: LocalInstance, graceMs = 30_000): Promise<boolean> {
  const pid = readPid(instance);
  if (!pid) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      fs.rmSync(path.join(instanceDir(instance), 'pid'), { force: true });
      return true;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  process.kill(pid, 'SIGKILL');
  fs.rmSync(path.join(instanceDir(instance), 'pid'), { force: true });
  return true;
}

/** Whether the instance's process runs, and its pid. */
export function localNeo4jStatus(instance: LocalInstance): { running: boolean; pid?: number } {
  const pid = readPid(instance);
  return pid ? { running: true, pid } : { running: false };
}

/** Deletes the instance's store, logs and password (the jar cache stays). It must be stopped. */
export function resetLocalNeo4j(instance: LocalInstance): void {
  if (readPid(instance)) throw new Error(`instance "${instance.name}" is running; stop it first`);
  fs.rmSync(instanceDir(instance), { recursive: true, force: true });
}
