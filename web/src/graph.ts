/** Graph drawing helpers for the explorer: styles, legend, exports. */
import type { StylesheetJson } from 'cytoscape';
import { ENTITY_DECLARATIONS, type EntityShape } from '../../src/domain/entities';
import { RELATIONSHIP_TYPE_NAMES } from '../../src/domain/model';
import { countryColor, h, NO_COUNTRY_COLOR, OTHER_COUNTRY_COLOR, COUNTRY_COLORS } from './gql';
import { t } from './i18n';
import { countryName, entityTypeName } from './i18n/terms';

export interface GNode {
  id: string;
  name: string;
  type: string;
  kind?: string | null;
  countryCode?: string | null;
  code?: string | null;
}

export interface GEdge {
  source: string;
  target: string;
  type: string;
}

const STROKE = 'stroke="#555" stroke-width="0.6"';
const poly = (points: string) => (color: string) => `<polygon points="${points}" fill="${color}" ${STROKE}/>`;
/** Each node shape cytoscape draws that the graph uses, with its legend icon (a 14 x 14 SVG body). */
const SHAPE_ICONS = {
  ellipse: (color: string) => `<circle cx="7" cy="7" r="6" fill="${color}" ${STROKE}/>`,
  triangle: poly('7,1 13,13 1,13'),
  'round-rectangle': (color: string) => `<rect x="1" y="2" width="12" height="10" rx="3" fill="${color}" ${STROKE}/>`,
  rectangle: (color: string) => `<rect x="1" y="2" width="12" height="10" fill="${color}" ${STROKE}/>`,
  diamond: poly('7,1 13,7 7,13 1,7'),
  hexagon: poly('4,1.5 10,1.5 13,7 10,12.5 4,12.5 1,7'),
  star: poly('7,1 8.6,5.2 13,5.2 9.5,8 10.8,12.6 7,9.9 3.2,12.6 4.5,8 1,5.2 5.4,5.2'),
  vee: poly('1,1 7,6 13,1 7,13'),
  tag: poly('1,2 10,2 13,7 10,12 1,12'),
  octagon: poly('4.5,1 9.5,1 13,4.5 13,9.5 9.5,13 4.5,13 1,9.5 1,4.5'),
  pentagon: poly('7,1 13,5.6 10.7,13 3.3,13 1,5.6'),
  rhomboid: poly('4,2 13,2 10,12 1,12'),
  'concave-hexagon': poly('1,2 13,2 10.5,7 13,12 1,12 3.5,7'),
  barrel: (color: string) => `<path d="M3 2 H11 Q13.5 7 11 12 H3 Q0.5 7 3 2 Z" fill="${color}" ${STROKE}/>`,
  'round-triangle': (color: string) => `<path d="M6 2 Q7 0.8 8 2 L12.5 11.5 Q13 13 11.5 13 H2.5 Q1 13 1.5 11.5 Z" fill="${color}" ${STROKE}/>`,
  'cut-rectangle': poly('3,2 11,2 13,4 13,10 11,12 3,12 1,10 1,4'),
} as const satisfies Record<EntityShape, (color: string) => string>;
type Shape = EntityShape;

/** Shape per entity type as the API names it (ORGANIZATION, TRIAL …), as the model declares it. */
export const SHAPES: Record<string, Shape> = Object.fromEntries(ENTITY_DECLARATIONS.map(([label, declaration]) => [label.toUpperCase(), declaration.shape]));

/** The relationship types the explorer can filter on: the domain model's, not a copy. */
export const RELATIONSHIP_TYPES: readonly string[] = RELATIONSHIP_TYPE_NAMES;

export const countryOf = (n: GNode): string | null => n.countryCode ?? n.code ?? null;

export const edgeId = (e: GEdge): string => `${e.source}|${e.type}|${e.target}`;

export function nodeData(n: GNode): Record<string, string> {
  const country = countryOf(n);
  return {
    id: n.id,
    label: n.name,
    name: n.name,
    type: n.type,
    kind: n.kind ?? '',
    country: country ?? '',
    color: countryColor(country),
    shape: SHAPES[n.type] ?? 'ellipse',
  };
}

export const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      shape: 'data(shape)' as never,
      label: 'data(label)',
      width: 30,
      height: 30,
      'font-size': 12,
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '120px',
      color: '#1d2733',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
      'text-background-shape': 'roundrectangle',
      // Below this rendered size a label is not drawn: unreadable text only hides the nodes.
      'min-zoomed-font-size': 7,
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  { selector: 'node.endpoint', style: { width: 42, height: 42, 'border-width': 3, 'border-color': '#1d2733', 'font-weight': 'bold' } },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f0b400' } },
  { selector: 'node.avoided', style: { opacity: 0.45, 'border-width': 3, 'border-style': 'dashed', 'border-color': '#000000' } },
  {
    selector: 'edge',
    style: {
      width: 2,
      'line-color': '#9aa5b1',
      'target-arrow-color': '#9aa5b1',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 11,
      color: '#3d4752',
      'text-rotation': 'autorotate',
      'text-background-color': '#fbfcfd',
      'text-background-opacity': 0.95,
      'text-background-padding': '2px',
      // Edge labels show once they are legible (zoomed in far enough), else on hover or selection (edge.labelled).
      'min-zoomed-font-size': 10,
    },
  },
  { selector: 'edge.labelled, edge:selected', style: { 'font-size': 13, 'min-zoomed-font-size': 0, color: '#1d2733', 'z-index': 10 } },
  { selector: 'edge.path', style: { width: 3, 'line-color': '#0b6e69', 'target-arrow-color': '#0b6e69' } },
  { selector: '.faded', style: { opacity: 0.15 } },
  { selector: 'edge.highlight', style: { width: 5, 'line-color': '#f08c00', 'target-arrow-color': '#f08c00', opacity: 1 } },
  { selector: 'node.highlight', style: { opacity: 1 } },
];

/** A legend icon as a standalone SVG document (for drawing onto a canvas). */
export function shapeSvgMarkup(shape: Shape, color: string, size = 28): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 14 14">${SHAPE_ICONS[shape](color)}</svg>`;
}

/** A legend icon: the shape in the colour, drawn from the model's own markup (no text from the graph). */
function shapeSvg(shape: Shape, color: string): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  for (const [name, value] of [['width', '16'], ['height', '16'], ['viewBox', '0 0 14 14'], ['aria-hidden', 'true']]) svg.setAttribute(name!, value!);
  svg.innerHTML = SHAPE_ICONS[shape](color);
  return svg;
}

/** Writes the legend: colours per country, then one shape per entity type of the model, in the page language. */
export function renderLegend(el: HTMLElement): void {
  const item = (svg: SVGSVGElement, text: string, attrs: Record<string, string> = {}) => h('div', { class: 'item', ...attrs }, svg, ' ', text);
  el.replaceChildren(
    h('div', { class: 'title' }, t('explorer.legend.colour')),
    ...Object.entries(COUNTRY_COLORS).map(([code, color]) => item(shapeSvg('ellipse', color), countryName(code))),
    item(shapeSvg('ellipse', OTHER_COUNTRY_COLOR), t('explorer.legend.otherCountry')),
    item(shapeSvg('ellipse', NO_COUNTRY_COLOR), t('explorer.legend.noCountry')),
    h('div', { class: 'title' }, t('explorer.legend.shape')),
    ...Object.entries(SHAPES).map(([type, shape]) => item(shapeSvg(shape, '#e3e7ec'), entityTypeName(type), { 'data-type': type, 'data-shape': shape })),
  );
}

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toGraphML(nodes: GNode[], edges: GEdge[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
    '  <key id="country" for="node" attr.name="country" attr.type="string"/>',
    '  <key id="relationship" for="edge" attr.name="type" attr.type="string"/>',
    '  <graph id="G" edgedefault="directed">',
  ];
  for (const n of nodes) {
    lines.push(
      `    <node id="${xml(n.id)}"><data key="name">${xml(n.name)}</data><data key="type">${xml(n.type)}</data>` +
        `<data key="kind">${xml(n.kind ?? '')}</data><data key="country">${xml(countryOf(n) ?? '')}</data></node>`,
    );
  }
  for (const e of edges) {
    lines.push(`    <edge id="${xml(edgeId(e))}" source="${xml(e.source)}" target="${xml(e.target)}"><data key="relationship">${xml(e.type)}</data></edge>`);
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

export function download(name: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  download(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
