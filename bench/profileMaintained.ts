/**
 * npx tsx bench/profileMaintained.ts --uri bolt://127.0.0.1:7746 --password … [--runs 5]
 *
 * Times the maintained view of the bench's grouped aggregate (organizations by
 * country × modality, src/modules/aggregate/maintained.ts): its cold build, a
 * refresh with nothing new, and the compiled hop-side statement for comparison,
 * each as wall time and as Neo4j's CPU time (utime + stime of the Neo4j process,
 * from /proc, when --neo4j-pid is given); the heap the view holds; and that the
 * view's answer equals the statement's. Reads only.
 */
import * as fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import neo4j from 'neo4j-driver';
import { Executor } from '../src/db/executor';
import { readGroups } from '../src/modules/aggregate/repository';
import { MaintainedAggregates } from '../src/modules/aggregate/maintained';
import { compileAggregate, type AggregateRead } from '../src/translate/aggregate';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** CPU time (ms) the process `pid` has used, from /proc/<pid>/stat; 0 without a pid. */
function cpuMs(pid: string | undefined): number {
  if (!pid) return 0;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function main(): Promise<void> {
  const driver = neo4j.driver(arg('uri', 'bolt://127.0.0.1:7746')!, neo4j.auth.basic('neo4j', arg('password')!), { disableLosslessIntegers: true });
  const executor = new Executor(driver, { database: 'neo4j', timeoutMs: 120_000 });
  const pid = arg('neo4j-pid');
  const runs = Number(arg('runs', '5'));
  const read: AggregateRead = { label: 'Organization', where: null, groupBy: [{ field: 'countryCode' }, { via: 'modalities', field: 'id' }], measures: {}, first: 100 };
  const measure = async <T>(work: () => Promise<T>) => {
    const cpu = cpuMs(pid);
    const started = performance.now();
    const value = await work();
    return { value, ms: Math.round(performance.now() - started), neo4jCpuMs: Math.round(cpuMs(pid) - cpu) };
  };
  const statement = compileAggregate(read);
  await readGroups(executor, statement);
  const compiled = [];
  for (let i = 0; i < runs; i++) compiled.push(await measure(() => readGroups(executor, statement)));
  const builds = [];
  const refreshes = [];
  let heap = 0;
  let equal = true;
  for (let i = 0; i < runs; i++) {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const views = new MaintainedAggregates(executor, { enabled: true, maxBytes: 2 ** 30, slackMs: 30_000 });
    const built = await measure(() => views.answer(read));
    global.gc?.();
    if (i === 0) heap = process.memoryUsage().heapUsed - before;
    builds.push(built);
    for (let j = 0; j < runs; j++) refreshes.push(await measure(() => views.answer(read)));
    const expected = compiled[compiled.length - 1]!.value;
    equal &&= isDeepStrictEqual(built.value?.groups.slice(0, 101), expected?.groups) && built.value?.totalCount === expected?.totalCount;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const row = (name: string, xs: { ms: number; neo4jCpuMs: number }[]) => ({ name, runs: xs.length, wallMsMedian: median(xs.map((x) => x.ms)), neo4jCpuMsMedian: median(xs.map((x) => x.neo4jCpuMs)) });
  if (!global.gc) console.log('run with node --expose-gc for the heap the view holds');
  const result = { rows: [row('compiled hop-side statement', compiled), row('maintained view: cold build', builds), row('maintained view: refresh, nothing new', refreshes)], viewHeapBytes: heap, sameAnswer: equal };
  console.log(JSON.stringify(result, null, 2));
  const out = arg('out');
  if (out) fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  await driver.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
