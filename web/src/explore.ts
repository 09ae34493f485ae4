import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import { countryColor, gql, h, humanize } from './gql';
import {
  countryOf, download, downloadText, edgeId, nodeData, RELATIONSHIP_TYPES, renderLegend, STYLE, toGraphML,
  type GEdge, type GNode,
} from './graph';
import { Picker } from './picker';
import './style.css';
import './explore.css';

// ---------------------------------------------------------------- queries

const NODE = 'id name type kind ... on Organization { countryCode } ... on Event { countryCode } ... on Fund { countryCode } ... on Policy { countryCode } ... on Country { code }';

const PATHS = /* GraphQL */ `
  query Paths($from: ID!, $to: ID!, $maxHops: Int, $first: Int, $types: [RelationshipType!], $avoid: [ID!], $crossBorderOnly: Boolean) {
    partnershipPaths(from: $from, to: $to, maxHops: $maxHops, first: $first, relationshipTypes: $types, avoid: $avoid, crossBorderOnly: $crossBorderOnly) {
      length
      explanation
      strength
      weak
      hubs { entity { id name } degree members explanation }
      nodes { ${NODE} }
      hops { from { id } to { id } type direction weak explanation sources { source { title publisher publishedOn } } }
    }
  }
`;

const ENTITY = /* GraphQL */ `
  query EntityDetails($id: ID!) {
    entity(id: $id) {
      ${NODE}
      description
      aliases
      sources { evidence source { title publisher publishedOn url } }
      relations(first: 200) { type direction node { ${NODE} } }
    }
  }
`;

const NEIGHBORHOOD = /* GraphQL */ `
  query Neighbourhood($id: ID!, $limit: Int) {
    neighborhood(id: $id, depth: 1, limit: $limit) {
      truncated
      sampled
      nodes { ${NODE} }
      edges { type source target }
    }
  }
`;

const BROKERS = /* GraphQL */ `
  query Brokers($between: [ID!]!) {
    brokers(between: $between, first: 5) {
      reaches
      score
      sampled
      entity { ${NODE} }
      paths { weak nodes { ${NODE} } hops { from { id } to { id } type direction weak explanation } }
    }
  }
`;

const SUGGESTED = /* GraphQL */ `
  query SuggestedPartners($id: ID!, $country: String) {
    suggestedPartners(id: $id, country: $country, first: 8) {
      score
      organization { id name type kind countryCode }
      reasons { explanation weight sampled }
    }
  }
`;

interface Hop {
  from: { id: string };
  to: { id: string };
  type: string;
  direction: 'FORWARD' | 'BACKWARD';
  explanation: string;
  /** The hop enters or leaves a hub: drawn dashed. */
  weak?: boolean;
  sources?: { source: { title: string; publisher: string; publishedOn: string } }[];
}
interface Path {
  length?: number;
  explanation?: string;
  strength?: number;
  /** Passes through a hub: listed under "weak links", its hub hops dashed. */
  weak?: boolean;
  hubs?: { entity: { id: string; name: string }; degree: number; members: number | null; explanation: string }[];
  nodes: GNode[];
  hops: Hop[];
}
interface Details extends GNode {
  description: string;
  aliases: string[];
  sources: { evidence: string; source: { title: string; publisher: string; publishedOn: string; url: string | null } }[];
  relations: { type: string; direction: string; node: GNode }[];
}

// ---------------------------------------------------------------- state

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

/** Weak links (hops into or out of a hub) are dashed and thinner; hubs get a dashed ring. */
const WEAK_STYLE = [
  { selector: 'edge.weak', style: { 'line-style': 'dashed', 'line-dash-pattern': [8, 5], width: 2, 'line-color': '#9aa5b1', 'target-arrow-color': '#9aa5b1' } },
  { selector: 'node.hub', style: { 'border-style': 'dashed', 'border-width': 3, 'border-color': '#9aa5b1' } },
];

const cy: Core = cytoscape({
  container: $('cy'),
  style: [...STYLE, ...WEAK_STYLE] as typeof STYLE,
  wheelSensitivity: 0.3,
  minZoom: 0.15,
  maxZoom: 3,
});
(window as unknown as { __cy: Core }).__cy = cy;
renderLegend($('legend'));

const nodes = new Map<string, GNode>();
const edges = new Map<string, GEdge>();
/** Who put each element on the graph ("path", "expand:<id>", "pick" …): removed when no owner is left. */
const owners = new Map<string, Set<string>>();
const avoided = new Map<string, string>();
const expanded = new Set<string>();
let selected: string | null = null;

function own(id: string, owner: string): boolean {
  const set = owners.get(id);
  if (set) {
    set.add(owner);
    return false;
  }
  owners.set(id, new Set([owner]));
  return true;
}

function addNode(n: GNode, owner: string, position?: { x: number; y: number }): void {
  const fresh = own(n.id, owner);
  if (!nodes.has(n.id) || countryOf(n)) nodes.set(n.id, { ...nodes.get(n.id), ...n });
  if (fresh) {
    cy.add({ group: 'nodes', data: nodeData(n), position: position ?? { x: 0, y: 0 } });
    if (avoided.has(n.id)) cy.getElementById(n.id).addClass('avoided');
  }
}

function addEdge(e: GEdge, owner: string, classes = ''): void {
  const id = edgeId(e);
  const fresh = own(id, owner);
  if (fresh) {
    edges.set(id, e);
    cy.add({ group: 'edges', data: { id, source: e.source, target: e.target, type: e.type, label: humanize(e.type) }, classes });
  } else if (classes) {
    cy.getElementById(id).addClass(classes);
  }
}

function removeOwner(owner: string): void {
  const gone: string[] = [];
  for (const [id, set] of owners) {
    set.delete(owner);
    if (!set.size) gone.push(id);
  }
  // Edges first; a node leaves with every edge still attached to it.
  for (const id of gone.filter((i) => edges.has(i))) {
    owners.delete(id);
    edges.delete(id);
    cy.getElementById(id).remove();
  }
  for (const id of gone.filter((i) => nodes.has(i))) {
    owners.delete(id);
    nodes.delete(id);
    cy.getElementById(id).connectedEdges().forEach((edge) => {
      owners.delete(edge.id());
      edges.delete(edge.id());
    });
    cy.getElementById(id).remove();
    expanded.delete(id);
  }
}

function clearGraph(): void {
  cy.elements().remove();
  nodes.clear();
  edges.clear();
  owners.clear();
  expanded.clear();
}

function hopEdge(hop: Hop): GEdge {
  return hop.direction === 'FORWARD'
    ? { source: hop.from.id, target: hop.to.id, type: hop.type }
    : { source: hop.to.id, target: hop.from.id, type: hop.type };
}

// ---------------------------------------------------------------- controls

const status = (text: string, isError = false): void => {
  const el = $('status');
  el.textContent = text;
  el.className = isError ? 'error' : 'muted';
};

const updateButtons = (): void => {
  ($('find') as HTMLButtonElement).disabled = !(fromPicker.value && toPicker.value);
  ($('brokers') as HTMLButtonElement).disabled = !(fromPicker.value && toPicker.value);
};

const fromPicker = new Picker($('from-picker'), 'from', 'From', 'e.g. DuoGenic, Hexun, BPIPO', updateButtons);
const toPicker = new Picker($('to-picker'), 'to', 'To', 'e.g. A&I, Astellas, FIRM', updateButtons);

const typesBox = $('types');
for (const type of RELATIONSHIP_TYPES) {
  typesBox.append(
    h('label', {}, h('input', { type: 'checkbox', value: type, checked: type !== 'LOCATED_IN', class: 'rel-type' }), ' ', humanize(type)),
  );
}
const typeBoxes = (): HTMLInputElement[] => [...typesBox.querySelectorAll<HTMLInputElement>('input.rel-type')];
$('types-all').addEventListener('click', () => typeBoxes().forEach((b) => (b.checked = b.value !== 'LOCATED_IN')));
$('types-none').addEventListener('click', () => typeBoxes().forEach((b) => (b.checked = false)));

/** The chosen types, or null for the server's default (every type but LOCATED_IN). */
function chosenTypes(): string[] | null {
  const boxes = typeBoxes();
  const checked = boxes.filter((b) => b.checked).map((b) => b.value);
  const isDefault = boxes.every((b) => b.checked === (b.value !== 'LOCATED_IN'));
  return isDefault ? null : checked;
}

function renderAvoided(): void {
  const list = $('avoid-list');
  list.replaceChildren();
  for (const [id, name] of avoided) {
    list.append(h('span', { class: 'chip', 'data-id': id }, `Avoid: ${name}`, h('button', { type: 'button', title: 'Stop avoiding', onclick: () => toggleAvoid(id, name) }, '×')));
  }
}

function toggleAvoid(id: string, name: string): void {
  if (avoided.has(id)) avoided.delete(id);
  else avoided.set(id, name);
  cy.getElementById(id).toggleClass('avoided', avoided.has(id));
  renderAvoided();
  if (selected === id) void showDetails(id);
  if (fromPicker.value && toPicker.value && lastPaths) void findConnections();
}

// ---------------------------------------------------------------- paths

let lastPaths: Path[] | null = null;

function layoutPaths(paths: Path[], fromId: string, toId: string): void {
  // Left to right: each node at its relative position along its paths, paths stacked vertically.
  const width = Math.max(500, 170 * Math.max(...paths.map((p) => p.hops.length), 1));
  const acc = new Map<string, { x: number; y: number; n: number }>();
  paths.forEach((path, p) => {
    const y = (p % 2 === 0 ? 1 : -1) * Math.ceil(p / 2) * 120;
    path.nodes.forEach((node, i) => {
      const x = (i / Math.max(path.nodes.length - 1, 1)) * width;
      const a = acc.get(node.id) ?? { x: 0, y: 0, n: 0 };
      acc.set(node.id, { x: a.x + x, y: a.y + y, n: a.n + 1 });
    });
  });
  const placed = [...acc].map(([id, a]) => ({ id, x: a.x / a.n, y: id === fromId || id === toId ? 0 : a.y / a.n }));
  // Nudge apart nodes that landed on top of each other (shared nodes are averaged).
  for (let round = 0; round < 20; round++) {
    let moved = false;
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) {
        const a = placed[i]!;
        const b = placed[j]!;
        if (Math.abs(a.x - b.x) < 120 && Math.abs(a.y - b.y) < 80) {
          const mover = b.id === fromId || b.id === toId ? a : b;
          mover.y += mover.y >= 0 ? 90 : -90;
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
  cy.batch(() => {
    for (const p of placed) cy.getElementById(p.id).position({ x: p.x, y: p.y });
  });
  cy.fit(undefined, 50);
}

async function findConnections(): Promise<void> {
  const from = fromPicker.value;
  const to = toPicker.value;
  if (!from || !to) return;
  status('Looking for connections…');
  $('results').replaceChildren();
  const variables = {
    from: from.id,
    to: to.id,
    maxHops: Number(($('max-hops') as HTMLSelectElement).value),
    first: Number(($('path-count') as HTMLSelectElement).value),
    types: chosenTypes(),
    avoid: [...avoided.keys()],
    crossBorderOnly: ($('cross-border') as HTMLInputElement).checked,
  };
  const url = new URL(window.location.href);
  url.searchParams.delete('focus');
  url.searchParams.set('from', from.id);
  url.searchParams.set('to', to.id);
  history.replaceState(null, '', url);
  let paths: Path[];
  try {
    paths = (await gql<{ partnershipPaths: Path[] }>(PATHS, variables)).partnershipPaths;
  } catch (error) {
    status(`Could not find connections: ${(error as Error).message}`, true);
    return;
  }
  lastPaths = paths;
  clearGraph();
  if (!paths.length) {
    addNode(from, 'path');
    addNode(to, 'path', { x: 400, y: 0 });
    cy.nodes().addClass('endpoint');
    cy.fit(undefined, 80);
    status(`No connection within ${variables.maxHops} hops with these settings. Try more hops, other relationship types or fewer avoided entities.`);
    return;
  }
  drawPaths(paths, 'path', 'path');
  cy.getElementById(from.id).addClass('endpoint');
  cy.getElementById(to.id).addClass('endpoint');
  layoutPaths(paths, from.id, to.id);
  const weak = paths.filter((p) => p.weak).length;
  const split = weak ? `: ${paths.length - weak} specific, ${weak} weak (through a hub, dashed)` : '';
  status(`${paths.length} path${paths.length > 1 ? 's' : ''} from ${from.name} to ${to.name}${split}. Click a path to highlight it, a node for details.`);
  renderPaths(paths);
}

/** Draws paths' nodes and hops for `owner`; hops into or out of a hub are dashed, hubs ringed. */
function drawPaths(paths: Path[], owner: string, classes = ''): void {
  for (const path of paths) {
    for (const node of path.nodes) addNode(node, owner, { x: (Math.random() - 0.5) * 300, y: (Math.random() - 0.5) * 300 });
    for (const hop of path.hops) addEdge(hopEdge(hop), owner, `${classes}${hop.weak ? ' weak' : ''}`.trim());
    for (const hub of path.hubs ?? []) cy.getElementById(hub.entity.id).addClass('hub');
  }
}

/**
 * The paths as two lists: specific links first, then "weak links" (through a
 * hub), each with its strength and, for weak ones, the hub and its size.
 */
function renderPaths(paths: Path[], heading = 'Connections'): void {
  const results = $('results');
  results.replaceChildren(h('h2', {}, heading));
  const box = (path: Path, i: number) => {
    const el = h(
      'div',
      { class: `path${path.weak ? ' weak' : ''}`, 'data-path': i, tabindex: 0 },
      h('h3', {}, `Path ${i + 1} · ${path.hops.length} hop${path.hops.length === 1 ? '' : 's'}`,
        path.strength === undefined ? '' : h('span', { class: 'strength', title: 'How specific the link is, 0 to 1' }, ` · strength ${path.strength.toPrecision(2)}`)),
      ...(path.hubs ?? []).map((hub) => h('p', { class: 'hub-note' }, `Weak link: ${hub.explanation}`)),
      h('ol', {}, ...path.hops.map((hop) => h('li', { class: `hop-explanation${hop.weak ? ' weak' : ''}` }, hop.explanation))),
    );
    el.addEventListener('click', () => highlightPath(path, el));
    return el;
  };
  const specific = paths.map((p, i) => ({ p, i })).filter(({ p }) => !p.weak);
  const weak = paths.map((p, i) => ({ p, i })).filter(({ p }) => p.weak);
  if (specific.length) results.append(h('section', { class: 'specific-links' }, h('h3', { class: 'list-title' }, 'Specific links'), ...specific.map(({ p, i }) => box(p, i))));
  if (weak.length) {
    results.append(
      h('section', { class: 'weak-links' },
        h('h3', { class: 'list-title' }, 'Weak links'),
        h('p', { class: 'muted small' }, 'Through a hub that very many are linked to (dashed on the graph): true, but says little.'),
        ...weak.map(({ p, i }) => box(p, i))),
    );
  }
}

function highlightPath(path: Path, box: HTMLElement): void {
  const wasActive = box.classList.contains('active');
  document.querySelectorAll('.path.active').forEach((el) => el.classList.remove('active'));
  cy.elements().removeClass('faded highlight');
  if (wasActive) return;
  box.classList.add('active');
  const ids = new Set([...path.nodes.map((n) => n.id), ...path.hops.map((hop) => edgeId(hopEdge(hop)))]);
  cy.elements().forEach((el) => {
    el.addClass(ids.has(el.id()) ? 'highlight' : 'faded');
  });
}

// ---------------------------------------------------------------- details panel

async function showDetails(id: string): Promise<void> {
  selected = id;
  const panel = $('details');
  panel.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  let entity: Details | null;
  try {
    entity = (await gql<{ entity: Details | null }>(ENTITY, { id })).entity;
  } catch (error) {
    panel.replaceChildren(h('p', { class: 'error' }, `Could not load ${id}: ${(error as Error).message}`));
    return;
  }
  if (selected !== id) return;
  if (!entity) {
    panel.replaceChildren(h('p', { class: 'error' }, `No entity has the id ${id}.`));
    return;
  }
  const country = countryOf(entity);
  const limit = h('select', { id: 'expand-limit', 'aria-label': 'Most neighbours to add' }, ...[10, 25, 50, 100].map((n) => h('option', { value: n, selected: n === 25 }, String(n))));
  const countrySelect = h('select', { id: 'suggest-country', 'aria-label': 'Partners from' },
    h('option', { value: '' }, 'any country'), h('option', { value: 'JP', selected: country === 'TW' }, 'Japan'), h('option', { value: 'TW', selected: country === 'JP' }, 'Taiwan'));
  const inGraph = nodes.has(id);

  const groups = new Map<string, Details['relations']>();
  for (const rel of entity.relations) groups.set(rel.type, [...(groups.get(rel.type) ?? []), rel]);

  panel.replaceChildren(
    h('h2', { id: 'details-name' }, entity.name),
    h('div', { class: 'meta' },
      h('span', { class: 'dot', style: `background:${countryColor(country)}` }),
      h('span', {}, [humanize(entity.type), humanize(entity.kind), country ? `country ${country}` : 'no country'].filter(Boolean).join(' · ')),
    ),
    h('p', { id: 'details-description' }, entity.description),
    ...(entity.aliases.length ? [h('p', { class: 'muted' }, `Also called: ${entity.aliases.join(', ')}`)] : []),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'expand', onclick: () => void expand(id, Number(limit.value)) }, expanded.has(id) ? 'Expand more' : 'Expand'),
      limit,
      h('button', { type: 'button', id: 'collapse', disabled: !expanded.has(id), onclick: () => collapse(id) }, 'Collapse'),
    ),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'avoid', disabled: !inGraph && !avoided.has(id), onclick: () => toggleAvoid(id, entity.name) }, avoided.has(id) ? 'Stop avoiding' : 'Avoid in paths'),
      h('button', { type: 'button', onclick: () => { fromPicker.set(entity); updateButtons(); } }, 'Set as From'),
      h('button', { type: 'button', onclick: () => { toPicker.set(entity); updateButtons(); } }, 'Set as To'),
    ),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'suggest', disabled: entity.type !== 'ORGANIZATION', onclick: () => void suggestPartners(entity, countrySelect.value) }, 'Suggested partners'),
      countrySelect,
    ),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'details-brokers', disabled: !(fromPicker.value && toPicker.value), onclick: () => void showBrokers(), title: 'Who links the two picked entities?' }, 'Brokers'),
    ),
    h('h3', {}, `Sources (${entity.sources.length})`),
    ...entity.sources.map((c) =>
      h('div', { class: 'source' },
        c.source.url ? h('a', { href: c.source.url, target: '_blank', rel: 'noopener' }, c.source.title) : h('b', {}, c.source.title),
        h('div', { class: 'muted' }, `${c.source.publisher}, ${c.source.publishedOn}`),
        h('q', {}, c.evidence),
      ),
    ),
    h('h3', {}, `Neighbours (${entity.relations.length})`),
    ...[...groups].map(([type, rels]) =>
      h('div', { class: 'neighbours', 'data-type': type },
        h('b', {}, `${humanize(type)} (${rels.length})`),
        h('ul', {}, ...rels.map((rel) =>
          h('li', {},
            h('span', { class: 'muted' }, rel.direction === 'OUTGOING' ? '→ ' : '← '),
            h('button', { type: 'button', class: 'link', onclick: () => addNeighbour(entity, rel) }, rel.node.name),
            h('span', { class: 'muted' }, ` ${humanize(rel.node.type)}${countryOf(rel.node) ? ' · ' + countryOf(rel.node) : ''}`),
          ),
        )),
      ),
    ),
  );
}

function addNeighbour(entity: GNode, rel: Details['relations'][number]): void {
  const anchor = cy.getElementById(entity.id);
  if (!nodes.has(entity.id)) addNode(entity, 'pick', { x: 0, y: 0 });
  const base = cy.getElementById(entity.id).position();
  addNode(rel.node, 'pick', { x: base.x + 140, y: base.y + (Math.random() - 0.5) * 160 });
  addEdge(rel.direction === 'OUTGOING' ? { source: entity.id, target: rel.node.id, type: rel.type } : { source: rel.node.id, target: entity.id, type: rel.type }, 'pick');
  if (!anchor.nonempty()) cy.fit(undefined, 60);
  selectNode(rel.node.id);
}

function selectNode(id: string): void {
  cy.$(':selected').unselect();
  const node = cy.getElementById(id);
  if (node.nonempty()) {
    node.select();
    cy.animate({ center: { eles: node } }, { duration: 250 });
  }
  void showDetails(id);
}

// ---------------------------------------------------------------- expand / collapse

async function expand(id: string, limit: number): Promise<void> {
  status('Expanding…');
  let hood: { truncated: boolean; sampled: string[]; nodes: GNode[]; edges: GEdge[] };
  try {
    hood = (await gql<{ neighborhood: typeof hood }>(NEIGHBORHOOD, { id, limit })).neighborhood;
  } catch (error) {
    status(`Could not expand: ${(error as Error).message}`, true);
    return;
  }
  const owner = `expand:${id}`;
  const center = nodes.has(id) ? cy.getElementById(id).position() : { x: 0, y: 0 };
  const fresh = hood.nodes.filter((n) => !nodes.has(n.id));
  const radius = Math.max(140, fresh.length * 14);
  const before = cy.nodes().length;
  // Fan the new nodes out on the side facing away from the rest of the graph.
  const others = cy.nodes().filter((n) => n.id() !== id);
  const mid = others.length ? others.boundingBox({}) : null;
  const away = mid ? Math.atan2(center.y - (mid.y1 + mid.y2) / 2, center.x - (mid.x1 + mid.x2) / 2) : 0;
  const spread = others.length ? Math.min(Math.PI * 1.2, 0.5 * fresh.length) : 2 * Math.PI;
  fresh.forEach((n, i) => {
    const angle = fresh.length === 1 ? away : away - spread / 2 + (spread * i) / (others.length ? fresh.length - 1 : fresh.length);
    addNode(n, owner, { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) });
  });
  for (const n of hood.nodes) addNode(n, owner);
  for (const e of hood.edges) {
    if (nodes.has(e.source) && nodes.has(e.target)) addEdge(e, owner);
  }
  expanded.add(id);
  const added = cy.nodes().length - before;
  const sampled = hood.sampled.length ? ` It is a hub: its neighbours shown are a sample.` : '';
  const cut = (hood.truncated ? ` (cut at ${limit}: choose a larger limit for more)` : '') + sampled;
  status(added ? `Added ${added} neighbour${added === 1 ? '' : 's'}${cut}.` : `Every neighbour is already drawn${cut}.`);
  if (before === 0) runLayout();
  else cy.animate({ fit: { eles: cy.elements(), padding: 50 } }, { duration: 300 });
  if (selected === id) void showDetails(id);
}

function collapse(id: string): void {
  removeOwner(`expand:${id}`);
  expanded.delete(id);
  status('Collapsed.');
  if (selected === id) void showDetails(id);
}

function runLayout(): void {
  cy.layout({ name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 110, padding: 40 } as cytoscape.LayoutOptions).run();
  cy.fit(undefined, 50);
}

// ---------------------------------------------------------------- brokers and suggestions

async function showBrokers(): Promise<void> {
  const from = fromPicker.value;
  const to = toPicker.value;
  if (!from || !to) return;
  status('Looking for brokers…');
  let brokers: { reaches: number; score: number; sampled: boolean; entity: GNode; paths: Path[] }[];
  try {
    brokers = (await gql<{ brokers: typeof brokers }>(BROKERS, { between: [from.id, to.id] })).brokers;
  } catch (error) {
    status(`Could not find brokers: ${(error as Error).message}`, true);
    return;
  }
  status(`${brokers.length} broker${brokers.length === 1 ? '' : 's'} between ${from.name} and ${to.name}.`);
  const results = $('results');
  results.replaceChildren(h('h2', {}, `Brokers between ${from.name} and ${to.name}`));
  if (!brokers.length) results.append(h('p', { class: 'muted' }, 'No organization or person links both within two hops.'));
  for (const broker of brokers) {
    results.append(
      h('div', { class: 'list-item broker', 'data-id': broker.entity.id },
        h('b', {}, broker.entity.name),
        h('span', { class: 'muted' }, ` · reaches ${broker.reaches} · score ${broker.score.toFixed(2)}${broker.sampled ? ' · one of a sample of a hub’s members' : ''}`),
        h('ol', {}, ...broker.paths.flatMap((p) => p.hops.map((hop) => h('li', {}, hop.explanation)))),
        h('button', { type: 'button', onclick: () => showOnGraph(`broker:${broker.entity.id}`, broker.paths, broker.entity.id) }, 'Show on graph'),
      ),
    );
  }
}

function showOnGraph(owner: string, paths: Path[], focus: string): void {
  const empty = cy.nodes().length === 0;
  drawPaths(paths, owner);
  if (empty) runLayout();
  selectNode(focus);
}

async function suggestPartners(entity: GNode, country: string): Promise<void> {
  status('Looking for partners…');
  let suggestions: { score: number; organization: GNode; reasons: { explanation: string; weight: number; sampled: boolean }[] }[];
  try {
    suggestions = (await gql<{ suggestedPartners: typeof suggestions }>(SUGGESTED, { id: entity.id, country: country || null })).suggestedPartners;
  } catch (error) {
    status(`Could not suggest partners: ${(error as Error).message}`, true);
    return;
  }
  status(`${suggestions.length} suggested partner${suggestions.length === 1 ? '' : 's'} for ${entity.name}.`);
  const results = $('results');
  results.replaceChildren(h('h2', {}, `Suggested partners for ${entity.name}${country ? ` in ${country}` : ''}`));
  if (!suggestions.length) results.append(h('p', { class: 'muted' }, 'No candidate shares enough with it.'));
  for (const s of suggestions) {
    results.append(
      h('div', { class: 'list-item suggestion', 'data-id': s.organization.id },
        h('span', { class: 'dot', style: `background:${countryColor(countryOf(s.organization))}` }), ' ',
        h('button', { type: 'button', class: 'link', onclick: () => { addNode(s.organization, 'pick', { x: Math.random() * 200, y: Math.random() * 200 }); selectNode(s.organization.id); } }, s.organization.name),
        h('span', { class: 'muted' }, ` · score ${s.score.toFixed(2)}`),
        h('ul', {}, ...s.reasons.slice(0, 4).map((r) => h('li', {}, r.explanation, r.sampled ? h('span', { class: 'muted' }, ' (a hub: its members were sampled)') : ''))),
      ),
    );
  }
}

// ---------------------------------------------------------------- wiring

cy.on('tap', 'node', (event) => {
  const node = event.target as NodeSingular;
  if (($('avoid-mode') as HTMLInputElement).checked) {
    toggleAvoid(node.id(), String(node.data('name')));
    return;
  }
  void showDetails(node.id());
});

$('find').addEventListener('click', () => void findConnections());
$('brokers').addEventListener('click', () => void showBrokers());
$('fit').addEventListener('click', () => cy.fit(undefined, 50));
$('relayout').addEventListener('click', runLayout);
$('clear').addEventListener('click', () => {
  clearGraph();
  lastPaths = null;
  $('results').replaceChildren();
  status('');
});
$('export-png').addEventListener('click', () => download('graph.png', cy.png({ full: true, scale: 2, bg: '#ffffff' })));
$('export-json').addEventListener('click', () =>
  downloadText('graph.json', JSON.stringify({ nodes: [...nodes.values()], edges: [...edges.values()] }, null, 2), 'application/json'),
);
$('export-graphml').addEventListener('click', () => downloadText('graph.graphml', toGraphML([...nodes.values()], [...edges.values()]), 'application/xml'));

async function fromUrl(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const [from, to, focus] = ['from', 'to', 'focus'].map((k) => params.get(k));
  if (params.get('crossBorder') === '1') ($('cross-border') as HTMLInputElement).checked = true;
  const load = async (id: string): Promise<Details | null> => (await gql<{ entity: Details | null }>(ENTITY, { id })).entity;
  try {
    if (from && to) {
      const [a, b] = await Promise.all([load(from), load(to)]);
      if (a) fromPicker.set(a);
      if (b) toPicker.set(b);
      updateButtons();
      if (a && b) await findConnections();
      else status(`Unknown id in the link: ${!a ? from : to}`, true);
    } else if (focus) {
      const entity = await load(focus);
      if (!entity) {
        status(`No entity has the id ${focus}.`, true);
        return;
      }
      addNode(entity, 'focus');
      cy.getElementById(entity.id).addClass('endpoint');
      await expand(entity.id, 50);
      selectNode(entity.id);
    }
  } catch (error) {
    status((error as Error).message, true);
  }
}

void fromUrl();
