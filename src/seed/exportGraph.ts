import * as fs from 'node:fs';
import * as path from 'node:path';
import { cypherQuery } from '../db/cypher';
import { run, type Executor } from '../db/executor';
import { RELATIONSHIP_TYPE_NAMES, type EntityLabel } from '../domain/model';
import { AUDIT_PROPERTIES, BOOKKEEPING_PROPERTIES, COMMON_PROPERTIES, LABEL_PROPERTIES, entityLabelOf, plainValue, relationshipId } from '../domain/properties';
import type { Audit, SeedFile } from './seedFile';

export interface GraphExport {
  /** One seed file per source, in the format seed/ uses. */
  files: { name: string; data: SeedFile }[];
  /** The audit log (Change entries), oldest first. */
  changes: Record<string, unknown>[];
}

function auditOf(props: Record<string, unknown>): Audit | undefined {
  const entries = AUDIT_PROPERTIES.filter((k) => props[k] !== undefined && props[k] !== null).map((k) => [k, String(plainValue(props[k]))]);
  return entries.length ? (Object.fromEntries(entries) as Audit) : undefined;
}

function splitNode(label: EntityLabel, props: Record<string, unknown>) {
  const core: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key !== 'id' && BOOKKEEPING_PROPERTIES.has(key)) continue;
    if ((COMMON_PROPERTIES as readonly string[]).includes(key) || LABEL_PROPERTIES[label].includes(key)) core[key] = plainValue(value);
    else extra[key] = plainValue(value);
  }
  return { core, extra };
}

/**
 * Reads the whole graph back into seed files, one per source: each entity in the
 * file of every source that stated it (with that source's evidence), each
 * relationship in the file of every source in its sourceIds, and entities a
 * file's relationships need but another source stated as `references`. Audit
 * fields travel along, so loading the export into an empty graph rebuilds the
 * same graph. Holds the graph in memory: meant for graphs up to a few million
 * records.
 */
export async function exportGraph(executor: Executor): Promise<GraphExport> {
  return executor.readTransaction(
    'export/all',
    async (tx) => {
      const sources = await run<{ props: Record<string, unknown> }>(tx, cypherQuery('export/sources'));
      const statements = await run<{ sourceId: string; labels: string[]; props: Record<string, unknown>; evidence: string }>(
        tx,
        cypherQuery('export/statements'),
      );
      const relationships = await run<{
        from: string;
        type: string;
        to: string;
        fromLabels: string[];
        toLabels: string[];
        props: Record<string, unknown>;
      }>(tx, cypherQuery('export/relationships'), { types: RELATIONSHIP_TYPE_NAMES });
      const changes = await run<{ props: Record<string, unknown> }>(tx, cypherQuery('export/changes'));

      const files = new Map<string, SeedFile>();
      for (const { props } of sources) {
        const { createdAt, createdBy, ...source } = props;
        files.set(String(props.id), {
          source: { ...(source as SeedFile['source']), audit: auditOf({ createdAt, createdBy }) },
          nodes: [],
          references: [],
          relationships: [],
        });
      }
      for (const s of statements) {
        const label = entityLabelOf(s.labels);
        const { core, extra } = splitNode(label, s.props);
        files.get(s.sourceId)?.nodes.push({ label, ...core, evidence: s.evidence, properties: extra, audit: auditOf(s.props) } as never);
      }
      for (const r of relationships) {
        const ids = (r.props.sourceIds as string[] | undefined) ?? [];
        const notes = (r.props.evidence as string[] | undefined) ?? [];
        const base = relationshipId({ from: r.from, type: r.type, to: r.to });
        const id = String(r.props.id);
        const key = id.startsWith(`${base}--`) ? id.slice(base.length + 2) : undefined;
        const properties = Object.fromEntries(Object.entries(r.props).filter(([k]) => !BOOKKEEPING_PROPERTIES.has(k)).map(([k, v]) => [k, plainValue(v)]));
        ids.forEach((sourceId, i) => {
          const file = files.get(sourceId);
          if (!file) return;
          file.relationships.push({ type: r.type, from: r.from, to: r.to, key, evidence: notes[i] ?? '', properties, audit: auditOf(r.props) } as never);
          for (const [end, labels] of [[r.from, r.fromLabels], [r.to, r.toLabels]] as const) {
            if (!file.nodes.some((n) => n.id === end) && !file.references.some((x) => x.id === end)) {
              file.references.push({ id: end, label: entityLabelOf(labels) });
            }
          }
        });
      }
      return {
        files: [...files.values()]
          .filter((f) => f.nodes.length > 0)
          .map((data) => ({ name: `${data.source.publishedOn}-${data.source.id}.json`, data: JSON.parse(JSON.stringify(data)) as SeedFile })),
        changes: changes.map((c) => Object.fromEntries(Object.entries(c.props).map(([k, v]) => [k, plainValue(v)]))),
      };
    },
    { timeoutMs: 300_000 },
  );
}

/** Writes an export as a directory: the seed files, and audit/changes.json. */
export function writeExport(dir: string, graph: GraphExport): void {
  fs.mkdirSync(path.join(dir, 'audit'), { recursive: true });
  for (const { name, data } of graph.files) fs.writeFileSync(path.join(dir, name), `${JSON.stringify(data, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'audit', 'changes.json'), `${JSON.stringify(graph.changes, null, 2)}\n`);
}

/** Restores the audit log of an export directory, if it has one. Idempotent (MERGE on the entry id). */
export async function importChanges(executor: Executor, dir: string): Promise<number> {
  const file = path.join(dir, 'audit', 'changes.json');
  if (!fs.existsSync(file)) return 0;
  const changes = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>[];
  const rows = changes.map(({ id, at, ...props }) => ({ id, at, props }));
  if (rows.length === 0) return 0;
  const [result] = await executor.write<{ written: number }>(cypherQuery('seed/mergeChanges'), { rows }, { timeoutMs: 300_000 });
  return result?.written ?? 0;
}
