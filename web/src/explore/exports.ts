/**
 * The explorer's downloads, named after what they show
 * ("metatech-cellseed-paths-2026-12-06.png"): the PNG with a title, the legend
 * and the sources drawn in, the JSON with every citation, the GraphML.
 */
import { COUNTRY_COLORS, NO_COUNTRY_COLOR, OTHER_COUNTRY_COLOR } from '../gql';
import { formatDate, t } from '../i18n';
import { countryName, entityTypeName, sourceKindName } from '../i18n/terms';
import { countryOf, download, downloadText, edgeId, SHAPES, shapeSvgMarkup, toGraphML } from '../graph';
import type { CitationRef } from '../provenance';
import { hopEdge } from './canvas';
import type { Explorer } from './context';
import { slug } from './fileNames';
import { hopDate, pathSources } from './paths';


/** Today as yyyy-mm-dd in the reader's time zone. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** What the view shows, as the parts of a file name: entity ids, then what of them. */
function subject(ex: Explorer): string[] {
  const { from, to } = ex;
  const { mode, selected, focus } = ex.view;
  if (mode === 'paths' && from.value && to.value) return [from.value.id, to.value.id, 'paths'];
  if (mode === 'brokers' && from.value && to.value) return [from.value.id, to.value.id, 'brokers'];
  if (mode === 'partners' && selected) return [selected, 'partners'];
  if (focus) return [focus, 'neighbourhood'];
  if (selected) return [selected, 'graph'];
  return ['graph'];
}

/** The download's name: what it shows, the date, the extension ("metatech-cellseed-paths-2026-12-06.png"). */
export function exportName(ex: Explorer, extension: string): string {
  const parts = [...subject(ex).map(slug).filter(Boolean), today()];
  return `${parts.join('-')}.${extension}`;
}

const nameOf = (ex: Explorer, id: string | null): string => (id && ex.graph.nodes.get(id)?.name) || (ex.view.details?.id === id ? ex.view.details?.name : null) || id || '';

/** The view's title in words ("Paths from MetaTech (AP) Inc. to CellSeed Inc."). */
export function viewTitle(ex: Explorer): string {
  const { from, to } = ex;
  const { mode, selected, focus } = ex.view;
  if (mode === 'paths' && from.value && to.value) return t('explore.export.titlePaths', { from: from.value.name, to: to.value.name });
  if (mode === 'brokers' && from.value && to.value) return t('explore.export.titleBrokers', { from: from.value.name, to: to.value.name });
  if (mode === 'partners' && selected) return t('explore.export.titlePartners', { name: nameOf(ex, selected) });
  if (focus) return t('explore.export.titleNeighbourhood', { name: nameOf(ex, focus) });
  if (selected) return nameOf(ex, selected);
  return t('explore.export.titleGraph');
}

/** The sources behind what is shown: the paths' (each once), else the selected entity's. */
export function shownSources(ex: Explorer): CitationRef[] {
  const seen = new Map<string, CitationRef>();
  const add = (c: CitationRef) => {
    const key = c.source.id ?? c.source.url ?? `${c.source.publisher}\u0000${c.source.title}`;
    if (!seen.has(key)) seen.set(key, c);
  };
  if (ex.view.mode === 'paths' && ex.view.lastPaths) ex.view.lastPaths.forEach((path) => pathSources(path).forEach((s) => add(s.citation)));
  else ex.view.details?.sources.forEach(add);
  return [...seen.values()];
}

/** One source as a line of text: "Publisher: Title (kind, date) url". */
export function sourceLine(c: CitationRef): string {
  const s = c.source;
  const about = [s.kind ? sourceKindName(s.kind) : t('provenance.unclassified'), s.publishedOn ? formatDate(s.publishedOn) : t('provenance.undated')].join(', ');
  return `${s.publisher}: ${s.title} (${about})${s.url ? ` ${readableUrl(s.url)}` : ''}`;
}

/** A URL with its percent-escapes decoded for reading (a Japanese path as Japanese), or as it is when it does not decode. */
export function readableUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(t('explore.export.imageFailed')));
    image.src = src;
  });
}

/** Breaks text into lines that fit `width` on the canvas (by words, or by characters where no spaces are). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const piece of text.match(/\S+\s*|\s+/g) ?? []) {
    const parts = ctx.measureText(piece).width > width ? [...piece] : [piece];
    for (const part of parts) {
      if (line && ctx.measureText(line + part).width > width) {
        lines.push(line.trimEnd());
        line = part.trimStart();
      } else {
        line += part;
      }
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

const FONT = '"Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans", system-ui, sans-serif';

/**
 * The picture: the title and the view's link above the graph, the legend
 * (colours, and the shapes of the types drawn) and the numbered sources below.
 * Text is drawn with fillText, never parsed as markup.
 */
export async function composePng(ex: Explorer): Promise<Blob> {
  const cy = ex.graph.cy;
  const scale = 2;
  const graph = await loadImage(cy.png({ full: true, scale, bg: '#ffffff', output: 'base64uri' }) as unknown as string);
  const width = Math.max(graph.width + 80, 1600);
  const margin = 40;
  const inner = width - 2 * margin;
  const measure = document.createElement('canvas').getContext('2d')!;
  const font = (size: number, bold = false) => `${bold ? 'bold ' : ''}${size}px ${FONT}`;

  const title = viewTitle(ex);
  measure.font = font(40, true);
  const titleLines = wrap(measure, title, inner);
  measure.font = font(22);
  const metaLines = wrap(measure, t('explore.export.made', { date: formatDate(today()), link: window.location.href }), inner);
  const types = [...new Set(cy.nodes().map((n) => String(n.data('type'))))].filter((type) => SHAPES[type]);
  const countries = [...new Set(cy.nodes().map((n) => String(n.data('country') || '')))];
  const colours: [string, string][] = [
    ...Object.keys(COUNTRY_COLORS).filter((code) => countries.includes(code)).map((code): [string, string] => [COUNTRY_COLORS[code]!, countryName(code)]),
    ...(countries.some((c) => c && !COUNTRY_COLORS[c]) ? [[OTHER_COUNTRY_COLOR, t('explorer.legend.otherCountry')] as [string, string]] : []),
    ...(countries.includes('') ? [[NO_COUNTRY_COLOR, t('explorer.legend.noCountry')] as [string, string]] : []),
  ];
  const sources = shownSources(ex);
  measure.font = font(22);
  const sourceLines = sources.map((c, i) => wrap(measure, `${i + 1}. ${sourceLine(c)}`, inner - 20));
  const legendRows = 2;
  const height = margin + titleLines.length * 52 + metaLines.length * 30 + 20 + graph.height + 30
    + 40 + legendRows * 44 + 30
    + (sources.length ? 44 + sourceLines.flat().length * 30 : 0) + margin;

  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'top';
  let y = margin;
  ctx.fillStyle = '#1d2733';
  ctx.font = font(40, true);
  for (const line of titleLines) {
    ctx.fillText(line, margin, y);
    y += 52;
  }
  ctx.fillStyle = '#5b6776';
  ctx.font = font(22);
  for (const line of metaLines) {
    ctx.fillText(line, margin, y);
    y += 30;
  }
  y += 20;
  ctx.drawImage(graph, Math.round((width - graph.width) / 2), y);
  y += graph.height + 30;
  ctx.strokeStyle = '#d5dbe1';
  ctx.beginPath();
  ctx.moveTo(margin, y - 15);
  ctx.lineTo(width - margin, y - 15);
  ctx.stroke();

  // The legend: colours per country, then the shapes of the types drawn.
  ctx.fillStyle = '#1d2733';
  ctx.font = font(26, true);
  ctx.fillText(t('explorer.legend.label'), margin, y);
  y += 40;
  ctx.font = font(22);
  let x = margin;
  ctx.fillText(t('explorer.legend.colour'), x, y + 4);
  x += ctx.measureText(t('explorer.legend.colour')).width + 20;
  for (const [colour, label] of colours) {
    ctx.fillStyle = colour;
    ctx.beginPath();
    ctx.arc(x + 12, y + 16, 11, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = '#1d2733';
    ctx.fillText(label, x + 30, y + 4);
    x += 30 + ctx.measureText(label).width + 28;
  }
  y += 44;
  x = margin;
  ctx.fillText(t('explorer.legend.shape'), x, y + 4);
  x += ctx.measureText(t('explorer.legend.shape')).width + 20;
  const icons = await Promise.all(types.map((type) => loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(shapeSvgMarkup(SHAPES[type]!, '#e3e7ec', 28))}`)));
  types.forEach((type, i) => {
    const label = entityTypeName(type);
    if (x + 40 + ctx.measureText(label).width > width - margin) {
      x = margin + 20;
      y += 38;
    }
    ctx.drawImage(icons[i]!, x, y + 2, 28, 28);
    ctx.fillText(label, x + 34, y + 4);
    x += 34 + ctx.measureText(label).width + 28;
  });
  y += 44 + 30;

  if (sources.length) {
    ctx.font = font(26, true);
    ctx.fillText(t('explore.export.sourcesHeading', { count: sources.length }), margin, y);
    y += 44;
    ctx.font = font(22);
    ctx.fillStyle = '#2b3540';
    for (const lines of sourceLines) {
      lines.forEach((line, i) => {
        ctx.fillText(line, margin + (i ? 20 : 0), y);
        y += 30;
      });
    }
  }
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(t('explore.export.imageFailed')))), 'image/png'));
}

/** Downloads the composed PNG. */
export async function exportPng(ex: Explorer): Promise<void> {
  const url = URL.createObjectURL(await composePng(ex));
  download(exportName(ex, 'png'), url);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The JSON: the view (title, link, date), the nodes, the edges each with the citations that state it, the paths with their hops' sources, the selected entity's sources. */
export function exportJson(ex: Explorer): void {
  const { graph } = ex;
  const edgeCitations = new Map<string, CitationRef[]>();
  const paths = ex.view.mode === 'paths' ? ex.view.lastPaths ?? [] : [];
  for (const path of paths) {
    for (const hop of path.hops) {
      const id = edgeId(hopEdge(hop));
      edgeCitations.set(id, [...(edgeCitations.get(id) ?? []), ...(hop.sources ?? []).filter((c) => !(edgeCitations.get(id) ?? []).some((seen) => seen.source.id === c.source.id))]);
    }
  }
  const details = ex.view.details;
  const body = {
    title: viewTitle(ex),
    link: window.location.href,
    exportedAt: new Date().toISOString(),
    nodes: [...graph.nodes.values()].map((n) => ({ ...n, country: countryOf(n) })),
    edges: [...graph.edges.values()].map((e) => ({ ...e, citations: edgeCitations.get(edgeId(e)) ?? [] })),
    paths: paths.map((path, i) => ({
      n: i + 1,
      explanation: path.explanation,
      strength: path.strength ?? null,
      weak: Boolean(path.weak),
      hops: path.hops.map((hop) => ({
        from: hop.from.id, to: hop.to.id, type: hop.type, explanation: hop.explanation,
        date: hopDate(hop, new Map(path.nodes.map((node) => [node.id, node])))?.date ?? null,
        citations: hop.sources ?? [],
      })),
      sources: pathSources(path).map((s) => ({ ...s.citation, hops: s.hops })),
    })),
    selected: details ? { id: details.id, name: details.name, type: details.type, description: details.description, citations: details.sources } : null,
  };
  downloadText(exportName(ex, 'json'), JSON.stringify(body, null, 2), 'application/json');
}

/** The GraphML of what is drawn. */
export function exportGraphMl(ex: Explorer): void {
  downloadText(exportName(ex, 'graphml'), toGraphML([...ex.graph.nodes.values()], [...ex.graph.edges.values()]), 'application/xml');
}
