/**
 * npx tsx bench/plotGrowth.mts [--out docs/cost-growth.png] <bench result JSON>…
 *
 * Plots p95 latency per operation (ours, and the floor dashed) against the
 * graph's size (domain relationships) from `npm run bench` result files, one per
 * graph size: a Vega-Lite spec compiled with vega-lite, rendered to SVG by vega
 * (headless, no canvas) and to PNG by @resvg/resvg-js. Log scales on both axes:
 * a line that rises parallel to the diagonal grows linearly with the graph.
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

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const out = arg('out', 'docs/cost-growth.png')!;
  const files = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  const points = files.flatMap((file) => {
    const bench = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchFile;
    return bench.rows
      .filter((r) => (r.target === 'ours' || r.target === 'floor') && r.requests > 0 && Number.isFinite(r.p95))
      .map((r) => ({ op: r.op, target: r.target, relationships: bench.dataset.relationships, organizations: bench.dataset.orgs, p95: Math.max(0.1, r.p95) }));
  });
  if (!points.length) throw new Error('no bench rows to plot: give the result JSON files of npm run bench');
  // vega and vega-lite 6 are ES modules (vega-canvas awaits at its top level): imported by a computed name, typed here.
  const vega = (await import('vega' as string)) as { View: new (runtime: unknown, options: { renderer: 'none' }) => { toSVG(): Promise<string> }; parse: (spec: unknown) => unknown };
  const { compile } = (await import('vega-lite' as string)) as { compile: (spec: unknown) => { spec: unknown } };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'p95 latency per operation vs graph size (npm run bench, 10 connections)', fontSize: 14 },
    width: 640,
    height: 420,
    background: 'white',
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'relationships', type: 'quantitative', scale: { type: 'log' }, title: 'domain relationships (log)' },
      y: { field: 'p95', type: 'quantitative', scale: { type: 'log' }, title: 'p95 ms (log)' },
      color: { field: 'op', type: 'nominal', title: 'operation' },
      strokeDash: { field: 'target', type: 'nominal', title: 'target', scale: { domain: ['ours', 'floor'], range: [[1, 0], [5, 4]] } },
      detail: { field: 'target' },
      tooltip: [{ field: 'op' }, { field: 'target' }, { field: 'organizations' }, { field: 'p95' }],
    },
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
