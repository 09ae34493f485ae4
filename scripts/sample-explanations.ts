/**
 * Sample hop sentences in English, Japanese and Traditional Chinese, from the
 * seed files as the loader merges them (names with their language tags): one
 * relationship of each of `--count` types (default 10), forward, as a path
 * walking it would read it. Reads files only; for reading the phrases back in
 * context (#31).
 *
 *   npx tsx scripts/sample-explanations.ts [--count 10] [--backward]
 */
import { LANGUAGES } from '../src/domain/language';
import type { EntityLabel, RelationshipType } from '../src/domain/model';
import type { EntityRecord } from '../src/modules/entity/records';
import { explainHop } from '../src/modules/paths/explain';
import { listEcosystemFiles, readEcosystemFile } from '../src/ingest/loadEcosystem';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const count = Number(arg('count') ?? 10);
const direction = process.argv.includes('--backward') ? 'BACKWARD' : 'FORWARD';

const files = listEcosystemFiles().map((file) => readEcosystemFile(file));
const entities = new Map<string, EntityRecord>();
for (const { nodes } of files) {
  for (const node of nodes) {
    const had = entities.get(node.id);
    const props: Record<string, unknown> = { ...(had?.props ?? {}), ...node.properties };
    for (const [key, value] of Object.entries(node)) {
      if (['label', 'citations', 'properties', 'mention'].includes(key)) continue;
      if (Array.isArray(value)) props[key] = [...new Set([...((props[key] as unknown[]) ?? []), ...value])];
      else if (!('mention' in node)) props[key] = value;
    }
    entities.set(node.id, { id: node.id, label: node.label as EntityLabel, props });
  }
}

const seen = new Set<RelationshipType>();
for (const { relationships } of files) {
  for (const r of relationships) {
    if (seen.size >= count || seen.has(r.type as RelationshipType)) continue;
    const from = entities.get(r.from);
    const to = entities.get(r.to);
    if (!from?.props.name || !to?.props.name) continue;
    seen.add(r.type as RelationshipType);
    const [a, b] = direction === 'FORWARD' ? [from, to] : [to, from];
    console.log(`${r.type} ${direction}`);
    for (const lang of LANGUAGES) console.log(`  ${lang.padEnd(8)}${explainHop({ from: a, to: b, type: r.type as RelationshipType, direction, properties: r.properties }, lang)}`);
  }
}
