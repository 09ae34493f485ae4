/**
 * Shutdown of the real process: `node --import tsx src/main.ts` over the test
 * database, stopped with signals while a client is still uploading its request.
 *
 * What is slow here is the client, not the database: it sends the headers and half
 * of the body, and the rest only when the test says so. The server has to wait for
 * it, exactly as for a query that takes long, but without racing a clock.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Driver } from 'neo4j-driver';
import { openTestDriver, testTarget } from './support/harness';

const ROOT = resolve(__dirname, '..');
/** Time for the held request's headers to reach the server over loopback before a signal is sent. */
const HEADERS_ARRIVE_MS = 300;
/** How long the first test keeps its upload open after SIGTERM. */
const HOLD_MS = 1_500;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

interface ApiProcess {
  child: ChildProcess;
  port: number;
  /** The `msg` of every JSON log line the process printed. */
  messages: string[];
  exited: Promise<Exit>;
}

const running: ChildProcess[] = [];
let driver: Driver;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** Spawns the API as `npm start` runs it, in production mode, and waits for "server ready". */
async function startApi(env: Record<string, string> = {}): Promise<ApiProcess> {
  const target = testTarget();
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // production, not jest's "test": Apollo registers its own signal handlers outside test mode.
      NODE_ENV: 'production',
      NEO4J_URI: target.uri,
      NEO4J_USERNAME: target.username,
      NEO4J_PASSWORD: target.password,
      NEO4J_DATABASE: target.database,
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_ON_START: 'false',
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  running.push(child);
  const messages: string[] = [];
  let stderr = '';
  let pending = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        messages.push(String((JSON.parse(line) as { msg?: unknown }).msg));
      } catch {
        messages.push(line);
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((r) => child.once('exit', (code, signal) => r({ code, signal, at: performance.now() })));

  const deadline = Date.now() + 60_000;
  while (!messages.includes('server ready')) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the API exited before it was ready: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`the API was not ready within 60 s: ${stderr}`);
    await sleep(50);
  }
  return { child, port, messages, exited };
}

/** A POST /graphql whose client sends the headers and half the body now, the rest on finish(). */
function slowUpload(port: number, query: string): { response: Promise<{ status: number; body: any }>; finish(): void } {
  const body = JSON.stringify({ query });
  const request = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/graphql',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const response = new Promise<{ status: number; body: any }>((resolveResponse, reject) => {
    request.on('error', reject);
    request.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', reject);
      res.on('end', () => resolveResponse({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
  });
  // Tests that expect the connection to be cut await the rejection later.
  response.catch(() => undefined);
  const half = Math.floor(body.length / 2);
  request.write(body.slice(0, half));
  return { response, finish: () => request.end(body.slice(half)) };
}

/** The process's exit, or a failure naming its last log lines when it is still running after `ms`. */
async function exitWithin(api: ApiProcess, ms: number): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running ${ms} ms later; last log lines: ${api.messages.slice(-3).join(' | ')}`)), ms);
  });
  try {
    return await Promise.race([api.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

const stillRunning = (api: ApiProcess) => api.child.exitCode === null && api.child.signalCode === null;

beforeAll(() => {
  driver = openTestDriver();
});

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

afterAll(async () => {
  await driver.close();
});

describe('stopping the API process', () => {
  it('finishes the request in flight after SIGTERM, refuses new connections, then exits 0', async () => {
    const { agent } = await driver.getServerInfo();
    const api = await startApi();
    const upload = slowUpload(api.port, '{ about { neo4jVersion neo4jEdition } }');
    await sleep(HEADERS_ARRIVE_MS);

    const signalledAt = performance.now();
    api.child.kill('SIGTERM');
    await sleep(HOLD_MS);
    expect(stillRunning(api)).toBe(true);
    await expect(fetch(`http://127.0.0.1:${api.port}/health`)).rejects.toThrow();

    upload.finish();
    const { status, body } = await upload.response;
    const answeredAt = performance.now();
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(`Neo4j/${body.data.about.neo4jVersion}`).toBe(agent);

    const exit = await exitWithin(api, 5_000);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(api.messages).toEqual(expect.arrayContaining(['shutting down: draining requests', 'stopped']));
    console.info(
      `SIGTERM -> exit ${Math.round(exit.at - signalledAt)} ms (upload held ${HOLD_MS} ms); answer -> exit ${Math.round(exit.at - answeredAt)} ms`,
    );
  });

  it('exits at once on a second signal while it is still draining', async () => {
    const api = await startApi({ SHUTDOWN_GRACE_MS: '30000' });
    const upload = slowUpload(api.port, '{ about { neo4jVersion } }');
    await sleep(HEADERS_ARRIVE_MS);
    api.child.kill('SIGTERM');
    await sleep(500);
    expect(stillRunning(api)).toBe(true);

    const secondAt = performance.now();
    api.child.kill('SIGINT');
    const exit = await exitWithin(api, 1_000);
    expect(exit).toMatchObject({ code: 130, signal: null });
    await expect(upload.response).rejects.toThrow();
    expect(api.messages).toContain('second signal: exiting now');
    console.info(`second signal -> exit ${Math.round(exit.at - secondAt)} ms`);
  });

  it('closes connections still busy after SHUTDOWN_GRACE_MS and exits 0', async () => {
    const grace = 1_000;
    const api = await startApi({ SHUTDOWN_GRACE_MS: String(grace) });
    const upload = slowUpload(api.port, '{ about { neo4jVersion } }');
    await sleep(HEADERS_ARRIVE_MS);

    const signalledAt = performance.now();
    api.child.kill('SIGTERM');
    const exit = await exitWithin(api, grace + 3_000);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(grace);
    await expect(upload.response).rejects.toThrow();
    console.info(`SIGTERM with an upload never finished -> exit ${Math.round(exit.at - signalledAt)} ms (grace ${grace} ms)`);
  });
});
