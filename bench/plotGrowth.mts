/**
 * npx tsx bench/plotGrowth.mts [--out docs/cost-growth.png] <bench result JSON>…
 *
 * Plots p95 latency per operation (ours, and the floor dashed) against the
 * graph's size (domain relationships) from `npm run bench` result files, one per
 * graph size: a Vega-Lite spec compiled with vega-lite, rendered to SVG by vega
 * (headless, no canvas) and to PNG by @resvg/resvg-js. Log scales on both axes:
 * a line that rises parallel to the diagonal grows linearly with the graph.
 * Rows whose requests failed or never finished (the 10 s transaction timeout)
 * are drawn at the timeout as triangles: their p95 is at least that.
 *
 * --work <relationships>=<profile JSON>,… adds a second panel: the Neo4j work
 * (db hits, from bench/profileAnalyst.ts) of each first-computation plan at each
 * size, which the machine's load does not blur and no timeout censors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

interface BenchFile {
  label: string;
  dataset: { orgs: number; relationships: number };
  rows: { op: string; target: string; p95: number; errors: number; non2xx: number; timeouts: number; requests: number }[];
  oursEnv?: Record<string, string>;
}

/** The transaction timeout of ours and the floor in the bench: a censored row is plotted there. */
const TIMEOUT_MS = 10_000;

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const out = arg('out', 'docs/cost-growth.png')!;
  const files = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  const work = (arg('work') ?? '').split(',').filter(Boolean).flatMap((pair) => {
    const [relationships, file] = pair.split('=') as [string, string];
    const plans = JSON.parse(fs.readFileSync(file, 'utf8')) as { label: string; dbHits: number }[];
    return plans.map((plan) => ({ plan: plan.label, relationships: Number(relationships), dbHits: plan.dbHits }));
  });
  const points = files.flatMap((file) => {
    const bench = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchFile;
    // A row with failed answers (the 10 s transaction timeout) or none at all is censored: its p95 is at least the timeout.
    return bench.rows
      .filter((r) => r.target === 'ours' || r.target === 'floor')
      .map((r) => {
        const censored = !(r.requests > 0 && Number.isFinite(r.p95)) || r.errors + r.non2xx + r.timeouts > 0;
        const p95 = Number.isFinite(r.p95) ? r.p95 : 0;
        return { op: r.op, target: r.target, relationships: bench.dataset.relationships, organizations: bench.dataset.orgs, p95: Math.max(0.1, censored ? Math.max(p95, TIMEOUT_MS) : p95), censored: censored ? `at least the ${TIMEOUT_MS / 1000} s timeout` : 'measured' };
      });
  });
  if (!points.length) throw new Error('no bench rows to plot: give the result JSON files of npm run bench');
  // vega and vega-lite 6 are ES modules (vega-canvas awaits at its top level): imported by a computed name, typed here.
  const vega = (await import('vega' as string)) as { View: new (runtime: unknown, options: { renderer: 'none' }) => { toSVG(): Promise<string> }; parse: (spec: unknown) => unknown };
  const { compile } = (await import('vega-lite' as string)) as { compile: (spec: unknown) => { spec: unknown } };
  const x = { field: 'relationships', type: 'quantitative', scale: { type: 'log', nice: false, padding: 20 }, title: 'domain relationships (log)' };
  const latency = {
    title: { text: 'p95 latency per operation vs graph size (npm run bench, 10 connections)', fontSize: 14 },
    width: 640,
    height: 420,
    data: { values: points },
    encoding: {
      x,
      y: { field: 'p95', type: 'quantitative', scale: { type: 'log' }, title: 'p95 ms (log)' },
      color: { field: 'op', type: 'nominal', title: 'operation' },
      detail: { field: 'target' },
      tooltip: [{ field: 'op' }, { field: 'target' }, { field: 'organizations' }, { field: 'p95' }, { field: 'censored' }],
    },
    layer: [
      {
        mark: { type: 'line' },
        encoding: { strokeDash: { field: 'target', type: 'nominal', title: 'target', scale: { domain: ['ours', 'floor'], range: [[1, 0], [5, 4]] }, legend: { symbolType: 'stroke', symbolStrokeWidth: 2 } } },
      },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: { shape: { field: 'censored', type: 'nominal', title: 'p95', scale: { domain: ['measured', `at least the ${TIMEOUT_MS / 1000} s timeout`], range: ['circle', 'triangle-up'] }, legend: { labelLimit: 320 } } },
      },
    ],
  };
  const dbHits = {
    title: { text: 'Neo4j work of each first-computation plan vs graph size (PROFILE db hits)', fontSize: 14 },
    width: 640,
    height: 300,
    data: { values: work },
    mark: { type: 'line', point: { filled: true, size: 70 } },
    encoding: {
      x,
      y: { field: 'dbHits', type: 'quantitative', scale: { type: 'log' }, title: 'db hits (log)' },
      color: { field: 'plan', type: 'nominal', title: 'plan', legend: { labelLimit: 420 } },
      tooltip: [{ field: 'plan' }, { field: 'relationships' }, { field: 'dbHits' }],
    },
  };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    resolve: { scale: { color: 'independent' } },
    vconcat: work.length ? [latency, dbHits] : [latency],
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true } }).render().asPng();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, png);
  fs.writeFileSync(out.replace(/\.png$/, '.svg'), svg);
  console.log(`wrote ${out} (${png.length} bytes) from ${points.length} points in ${files.length} files`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
