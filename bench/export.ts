/**
 * npm run bench:export -- [--instance bench-large] [--uri bolt://… --password …]
 *                         [--list organizations] [--formats csv,ndjson] [--where '{"countryCode":{"eq":"JP"}}']
 *                         [--slow-kbps 0] [--port 4171]
 *
 * Streams whole exports (GET /export/<list>.<format>) from the real API
 * (node --import tsx src/main.ts, NODE_ENV=production, LOG_LEVEL=warn,
 * SEED_ON_START=false, default limits and QUERY_TIMEOUT_MS unless set in the
 * environment) over a generated graph, one client, and reports for each format:
 * rows, bytes, seconds, rows/s, and the API process's RSS: VmRSS sampled every
 * 100 ms during the export and VmHWM (peak over the process's whole life,
 * start-up included) read after it. Rows are checked against a count of the
 * list's live entities read directly from Neo4j (unfiltered exports only).
 * --slow-kbps N also runs a client that reads at most N KB/s, to show that a
 * slow reader holds the query back instead of growing the API's memory.
 * Results go to .artifacts/bench/export-<timestamp>.json.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import neo4j from 'neo4j-driver';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const root = path.resolve(__dirname, '..');
const INSTANCE = arg('instance', 'bench-large')!;
const URI = arg('uri') ?? process.env.NEO4J_URI ?? `bolt://127.0.0.1:${process.env.NEO4J_LOCAL_BOLT_PORT ?? '7703'}`;
const PASSWORD = arg('password') ?? process.env.NEO4J_PASSWORD ?? fs.readFileSync(path.join(root, '.neo4j', INSTANCE, 'password'), 'utf8').trim();
const LIST = arg('list', 'organizations')!;
const FORMATS = arg('formats', 'csv,ndjson')!.split(',');
const WHERE = arg('where');
const SLOW_KBPS = Number(arg('slow-kbps', '0'));
const PORT = Number(arg('port', '4171'));

const LABELS: Record<string, string> = {
  organizations: 'Organization', people: 'Person', technologies: 'Technology', agreements: 'Agreement', events: 'Event',
  modalities: 'Modality', indications: 'Indication', funds: 'Fund', policies: 'Policy',
};

const statusKb = (pid: number, field: 'VmRSS' | 'VmHWM'): number => {
  const m = new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
};
const mb = (kb: number) => Math.round(kb / 102.4) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  format: string;
  client: string;
  status: number;
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  rssBeforeMb: number;
  rssPeakDuringMb: number;
  hwmAfterMb: number;
}

/** Live entities of the list, read from Neo4j directly (the expected row count of an unfiltered export). */
async function expectedRows(): Promise<number | null> {
  if (WHERE) return null;
  const driver = neo4j.driver(URI, neo4j.auth.basic(process.env.NEO4J_USERNAME ?? 'neo4j', PASSWORD), { disableLosslessIntegers: true });
  try {
    const label = LABELS[LIST];
    if (!label) throw new Error(`unknown list ${LIST}`);
    const result = await driver.executeQuery(`MATCH (n:${label}) WHERE n.retracted IS NULL RETURN count(n) AS n`);
    return Number(result.records[0]!.get('n'));
  } finally {
    await driver.close();
  }
}

/** One export: reads the body as it comes (at most SLOW_KBPS when slow), counting rows, while sampling the API's RSS. */
async function exportOnce(pid: number, format: string, slow: boolean): Promise<Run> {
  const url = `http://127.0.0.1:${PORT}/export/${LIST}.${format}${WHERE ? `?where=${encodeURIComponent(WHERE)}` : ''}`;
  const rssBefore = statusKb(pid, 'VmRSS');
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, statusKb(pid, 'VmRSS'))), 100);
  const started = performance.now();
  const response = await fetch(url);
  const separator = format === 'csv' ? '\r\n' : '\n';
  let records = 0;
  let bytes = 0;
  let tail = '';
  const decoder = new TextDecoder();
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    const text = tail + decoder.decode(value, { stream: true });
    const parts = text.split(separator);
    records += parts.length - 1;
    tail = parts[parts.length - 1]!;
    if (slow) await sleep((value.byteLength / 1024 / SLOW_KBPS) * 1000);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, statusKb(pid, 'VmRSS'));
  const rows = format === 'csv' ? records - 1 : records;
  return {
    format,
    client: slow ? `slow (${SLOW_KBPS} KB/s)` : 'fast',
    status: response.status,
    rows,
    bytes,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(rows / seconds),
    rssBeforeMb: mb(rssBefore),
    rssPeakDuringMb: mb(rssPeak),
    hwmAfterMb: mb(statusKb(pid, 'VmHWM')),
  };
}

async function main(): Promise<void> {
  fs.mkdirSync(path.join(root, '.artifacts', 'bench'), { recursive: true });
  const expected = await expectedRows();
  const env = { ...process.env, NEO4J_URI: URI, NEO4J_PASSWORD: PASSWORD, PORT: String(PORT), HOST: '127.0.0.1', SEED_ON_START: 'false', NODE_ENV: 'production', LOG_LEVEL: 'warn' };
  const api = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = fs.createWriteStream(path.join(root, '.artifacts', 'bench', 'export-api.log'));
  api.stdout.pipe(log);
  api.stderr.pipe(log);
  const runs: Run[] = [];
  try {
    for (let i = 0; ; i++) {
      if (i > 240 || api.exitCode !== null) throw new Error('the API did not come up (see .artifacts/bench/export-api.log)');
      if (await fetch(`http://127.0.0.1:${PORT}/ready`).then((r) => r.ok, () => false)) break;
      await sleep(500);
    }
    console.log(`API pid ${api.pid} up, RSS ${mb(statusKb(api.pid!, 'VmRSS'))} MB; expected rows: ${expected ?? 'n/a (filtered)'}`);
    for (const format of FORMATS) {
      runs.push(await exportOnce(api.pid!, format, false));
      console.log(JSON.stringify(runs.at(-1)));
      if (SLOW_KBPS > 0) {
        runs.push(await exportOnce(api.pid!, format, true));
        console.log(JSON.stringify(runs.at(-1)));
      }
    }
  } finally {
    api.kill('SIGTERM');
  }
  console.log(`\n| format | client | rows | MB | s | rows/s | API RSS before → peak during (MB) | API VmHWM (MB) |`);
  console.log(`| --- | --- | --- | --- | --- | --- | --- | --- |`);
  for (const r of runs) {
    console.log(`| ${r.format} | ${r.client} | ${r.rows}${expected !== null && r.rows !== expected ? ` (expected ${expected})` : ''} | ${(r.bytes / 1048576).toFixed(1)} | ${r.seconds} | ${r.rowsPerSecond} | ${r.rssBeforeMb} → ${r.rssPeakDuringMb} | ${r.hwmAfterMb} |`);
  }
  const out = path.join(root, '.artifacts', 'bench', `export-${Date.now()}.json`);
  fs.writeFileSync(out, JSON.stringify({ list: LIST, where: WHERE ?? null, expected, queryTimeoutMs: process.env.QUERY_TIMEOUT_MS ?? 'default', runs }, null, 2));
  console.log(`\nwritten: ${path.relative(root, out)}`);
  if (runs.some((r) => r.status !== 200 || (expected !== null && r.rows !== expected))) process.exitCode = 1;
}

main().catch((error: Error) => {
  console.error(`bench:export failed: ${error.message}`);
  process.exit(1);
});
