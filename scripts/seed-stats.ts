/**
 * What the seed files hold, as the loader stores it: entities per label,
 * relationships per type, sources per kind and language, claims, conflicts and
 * identity decisions. Reads files only (test/ecosystemLoad.test.ts checks that a
 * load stores exactly these counts).
 *
 *   npx tsx scripts/seed-stats.ts [--seed-dir seed] [--decisions]
 */
import * as path from 'node:path';
import { claimGroups, crossFileProblems, type NamedFile } from '../src/ingest/ecosystemFile';
import { listEcosystemFiles, readEcosystemFile } from '../src/ingest/loadEcosystem';
import { readSeedDirectory } from '../src/ingest/loadSeed';
import { relationshipId } from '../src/domain/properties';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const seedDir = path.resolve(arg('seed-dir') ?? 'seed');

const forum = readSeedDirectory(seedDir);
const eco: NamedFile[] = listEcosystemFiles(path.join(seedDir, 'ecosystem')).map((file) => ({ name: path.basename(file), data: readEcosystemFile(file) }));
const problems = crossFileProblems(eco, forum.map(({ file, data }) => ({ name: file, nodes: data.nodes })));
if (problems.length) throw new Error(problems.join('\n'));

const labels = new Map<string, string>();
const relationships = new Map<string, string>();
const sources = new Map<string, { kind: string; language: string }>();
for (const { data } of forum) {
  data.nodes.forEach((n) => labels.set(n.id, n.label));
  data.relationships.forEach((r) => relationships.set(`${r.type}:${relationshipId(r)}`, r.type));
  sources.set(data.source.id, { kind: 'forum seed', language: 'en' });
}
for (const { data } of eco) {
  data.nodes.forEach((n) => labels.set(n.id, n.label));
  data.relationships.forEach((r) => relationships.set(`${r.type}:${relationshipId(r)}`, r.type));
  data.sources.forEach((s) => sources.set(s.id, { kind: s.kind, language: s.language }));
}

const tally = (values: Iterable<string>) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
};
const table = (title: string, rows: [string, number][]) => {
  console.log(`\n| ${title} | count |\n| --- | ---: |`);
  for (const [key, n] of rows) console.log(`| ${key} | ${n} |`);
  console.log(`| total | ${rows.reduce((sum, [, n]) => sum + n, 0)} |`);
};

const groups = claimGroups(eco.map((f) => f.data));
const decisions = eco.flatMap((f) => f.data.identities.map((d) => ({ ...d, file: f.name })));
console.log(`seed: ${seedDir} (${forum.length} format-1 file(s), ${eco.length} ecosystem file(s))`);
table('entities by label', tally(labels.values()));
table('relationships by type', tally(relationships.values()));
table('sources by kind', tally([...sources.values()].map((s) => s.kind)));
table('sources by language', tally([...sources.values()].map((s) => s.language)));
console.log(`\nclaims: ${eco.reduce((n, f) => n + f.data.claims.length, 0)}; claim groups: ${groups.length}; conflicts: ${groups.filter((g) => g.conflict).length}`);
table('identity decisions', tally(decisions.map((d) => d.decision)));
if (process.argv.includes('--decisions')) {
  for (const d of decisions) console.log(`- ${d.decision} ${d.entities.join(' / ')}${d.decision === 'SAME' ? ` (${d.names.join(', ')})` : ''} [${d.file}]: ${d.reason}`);
}
