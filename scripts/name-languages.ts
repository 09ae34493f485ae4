/**
 * How many of the seed's names carry each language tag, and how many remain
 * `und`: every name and alias of every entity, as the loader merges them (one
 * entity per id, its names unioned over the files, a name's languages too).
 * A name tagged in two languages counts once in each. Reads files only.
 *
 *   npx tsx scripts/name-languages.ts [--seed-dir seed] [--und]
 */
import * as path from 'node:path';
import { NAME_LANGUAGES, type NameLanguage } from '../src/domain/language';
import { taggedNames } from '../src/domain/names';
import type { NamedFile } from '../src/ingest/ecosystemFile';
import { listEcosystemFiles, readEcosystemFile } from '../src/ingest/loadEcosystem';
import { readSeedDirectory } from '../src/ingest/loadSeed';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const seedDir = path.resolve(arg('seed-dir') ?? 'seed');

/** Each entity's names and name-language lists, merged over the files. */
const entities = new Map<string, Record<string, unknown>>();
const merge = (id: string, node: Record<string, unknown>) => {
  const props = entities.get(id) ?? {};
  if (typeof node.name === 'string') props.name = node.name;
  for (const key of ['aliases', 'namesEn', 'namesJa', 'namesZhHant']) {
    const had = (props[key] as string[] | undefined) ?? [];
    props[key] = [...had, ...((node[key] as string[] | undefined) ?? []).filter((v) => !had.includes(v))];
  }
  entities.set(id, props);
};
for (const { data } of readSeedDirectory(seedDir)) data.nodes.forEach((n) => merge(n.id, n as never));
const eco: NamedFile[] = listEcosystemFiles(path.join(seedDir, 'ecosystem')).map((file) => ({ name: path.basename(file), data: readEcosystemFile(file) }));
for (const { data } of eco) data.nodes.forEach((n) => merge(n.id, n as never));

const counts = new Map<NameLanguage, number>(NAME_LANGUAGES.map((l) => [l, 0]));
const undetermined: string[] = [];
let names = 0;
for (const [id, props] of entities) {
  for (const { value, language } of taggedNames(props)) {
    counts.set(language, counts.get(language)! + 1);
    if (language === 'und') undetermined.push(`${id}: ${value}`);
  }
  names += new Set([props.name, ...((props.aliases as string[]) ?? [])].filter(Boolean)).size;
}
console.log(`${entities.size} entities, ${names} distinct names (entity, name)`);
for (const [lang, n] of counts) console.log(`${lang.padEnd(8)}${String(n).padStart(5)}`);
if (process.argv.includes('--und')) undetermined.forEach((line) => console.log(`  und  ${line}`));
