/**
 * PROFILE of the reviewed-changes reads (changes/page with the bench's four filters,
 * changes/history's first page) on the bench's data: 10,000 changes in a week and an
 * entity with 1,000 revisions (setupChanges). Prints the db hits and writes each plan
 * to .artifacts/profile-<label>.txt.
 *   npx tsx bench/profileChanges.ts bolt://127.0.0.1:7731 <password file> <label>
 */
import * as fs from 'node:fs';
import neo4j from 'neo4j-driver';
import { cypherQuery } from '../src/db/cypher';
import { setupChanges, HISTORY_ENTITY } from './changes';

const uri = process.argv[2]!;
const password = fs.readFileSync(process.argv[3]!, 'utf8').trim();
const label = process.argv[4] ?? 'run';
const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password), { disableLosslessIntegers: true });

interface PlanNode {
  operatorType: string;
  rows?: number;
  dbHits?: number;
  children?: PlanNode[];
}
const hits = (plan: PlanNode): number => (plan.dbHits ?? 0) + (plan.children ?? []).reduce((a, c) => a + hits(c), 0);
const ops = (plan: PlanNode, depth = 0): string[] => [
  `${'  '.repeat(depth)}${plan.operatorType} rows=${plan.rows ?? 0} hits=${plan.dbHits ?? 0}`,
  ...(plan.children ?? []).flatMap((c) => ops(c, depth + 1)),
];
async function main() {
  const setup = await setupChanges(driver, 1000, 10, () => {});
  const base = { since: setup.since, until: null, entity: null, types: null, countries: null, status: ['APPROVED'], afterAt: null, afterId: null, limit: neo4j.int(21), full: false };
  const cases: [string, string, Record<string, unknown>][] = [
    ['changes week', 'changes/page', base],
    ['changes JP', 'changes/page', { ...base, countries: ['JP'] }],
    ['changes ORGANIZATION', 'changes/page', { ...base, types: ['ORGANIZATION'] }],
    ['changes entity', 'changes/page', { ...base, entity: setup.weekEntity }],
    ['history first page', 'changes/history', { id: HISTORY_ENTITY, before: null, limit: neo4j.int(21), full: false }],
  ];
  const out: string[] = [];
  for (const [name, query, params] of cases) {
    const q = cypherQuery(query);
    for (let i = 0; i < 3; i++) await driver.executeQuery(q.text, params);
    const r = await driver.executeQuery(`PROFILE ${q.text}`, params);
    const plan = r.summary.profile as unknown as PlanNode;
    const line = `${label} ${name}: ${hits(plan)} db hits, ${r.records.length} rows, ${r.summary.resultAvailableAfter}+${r.summary.resultConsumedAfter} ms`;
    console.log(line);
    out.push(line, ...ops(plan).map((l) => `    ${l}`));
  }
  fs.mkdirSync('.artifacts', { recursive: true });
  fs.writeFileSync(`.artifacts/profile-${label}.txt`, out.join('\n') + '\n');
  await driver.close();
}
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
