/** Partnership paths: ask, draw, list (each hop with its date and its sources), highlight, avoid. */
import { DATE_PROPERTIES, DEFAULT_WALK_TYPES } from '../../../src/domain/model';
import { gql, h } from '../gql';
import { formatDate, formatList, formatNumber, sentences, t } from '../i18n';
import { dateKindName, relationshipName } from '../i18n/terms';
import { edgeId, RELATIONSHIP_TYPES } from '../graph';
import { citationItem, corroborationNote, corroborationOf, type CitationRef } from '../provenance';
import { hopEdge } from './canvas';
import { byId, type Explorer } from './context';
import { chosenTypes } from './viewState';
import { PATHS, type Hop, type Path, type PathNode } from './queries';

const NODE_DATE_FIELDS = ['signedOn', 'startedOn', 'approvedOn', 'grantedOn', 'filedOn', 'startDate'] as const;

/**
 * The date to show for a hop: the relationship's own (a role's start, a
 * participation's date), else the date of the dated entity it reaches or leaves
 * (an agreement's signing, a trial's start); null when neither has one.
 */
export function hopDate(hop: Hop, nodes: ReadonlyMap<string, PathNode>): { date: string; text: string } | null {
  for (const property of DATE_PROPERTIES) {
    const value = hop.properties?.[property];
    if (typeof value === 'string' && value) return { date: value, text: t('explorer.paths.dated', { property: dateKindName(property), date: formatDate(value) }) };
  }
  for (const id of [hop.to.id, hop.from.id]) {
    const node = nodes.get(id);
    if (!node) continue;
    for (const field of NODE_DATE_FIELDS) {
      const value = node[field];
      if (value) return { date: value, text: t('explorer.paths.datedNode', { name: node.name, property: dateKindName(field), date: formatDate(value) }) };
    }
  }
  return null;
}

const walkedByDefault = (type: string) => (DEFAULT_WALK_TYPES as readonly string[]).includes(type);

/** Adds the relationship-type check boxes (every model type; those the model does not walk by default, LOCATED_IN, off). */
export function renderTypeChoices(): void {
  const typesBox = byId('types');
  for (const type of RELATIONSHIP_TYPES) {
    typesBox.append(h('label', {}, h('input', { type: 'checkbox', value: type, checked: walkedByDefault(type), class: 'rel-type' }), ' ', relationshipName(type)));
  }
  const boxes = (): HTMLInputElement[] => [...typesBox.querySelectorAll<HTMLInputElement>('input.rel-type')];
  byId('types-all').addEventListener('click', () => boxes().forEach((b) => (b.checked = walkedByDefault(b.value))));
  byId('types-none').addEventListener('click', () => boxes().forEach((b) => (b.checked = false)));
}

function renderAvoided(ex: Explorer): void {
  const list = byId('avoid-list');
  list.replaceChildren();
  for (const [id, name] of ex.avoided) {
    list.append(h('span', { class: 'chip', 'data-id': id }, t('explorer.avoiding', { name }), h('button', { type: 'button', title: t('explorer.stopAvoiding'), 'aria-label': t('explorer.stopAvoidingName', { name }), onclick: () => toggleAvoid(ex, id, name) }, '×')));
  }
}

/** Avoids an entity in paths, or stops avoiding it, and asks again when paths are shown. */
export function toggleAvoid(ex: Explorer, id: string, name: string): void {
  if (ex.avoided.has(id)) ex.avoided.delete(id);
  else ex.avoided.set(id, name);
  ex.graph.cy.getElementById(id).toggleClass('avoided', ex.avoided.has(id));
  renderAvoided(ex);
  if (ex.view.selected === id) void ex.actions.showDetails(id);
  if (ex.from.value && ex.to.value && ex.view.lastPaths) void findConnections(ex);
  ex.actions.syncUrl();
}

/** Writes the chips of the avoided entities (after a shared view put them back). */
export const showAvoided = renderAvoided;

function layoutPaths(ex: Explorer, paths: Path[], fromId: string, toId: string): void {
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
  const cy = ex.graph.cy;
  cy.batch(() => {
    for (const p of placed) cy.getElementById(p.id).position({ x: p.x, y: p.y });
  });
  cy.fit(undefined, 50);
}

/** Asks for the paths between the two picked entities with the chosen settings, draws and lists them (a later question, of paths, brokers or partners, wins over a slower answer). */
export async function findConnections(ex: Explorer): Promise<void> {
  const from = ex.from.value;
  const to = ex.to.value;
  if (!from || !to) return;
  const question = ++ex.view.resultsQuestion;
  const turn = ex.actions.askPanel();
  ex.status(t('explorer.paths.looking'));
  const variables = {
    from: from.id,
    to: to.id,
    maxHops: Number(byId<HTMLSelectElement>('max-hops').value),
    first: Number(byId<HTMLSelectElement>('path-count').value),
    types: chosenTypes(),
    avoid: [...ex.avoided.keys()],
    crossBorderOnly: byId<HTMLInputElement>('cross-border').checked,
  };
  ex.view.mode = 'paths';
  ex.view.focus = null;
  ex.actions.syncUrl();
  let paths: Path[];
  try {
    paths = (await gql<{ partnershipPaths: Path[] }>(PATHS, variables)).partnershipPaths;
  } catch (error) {
    if (question === ex.view.resultsQuestion) ex.status(t('explorer.paths.failed', { message: (error as Error).message }), true);
    return;
  }
  if (question !== ex.view.resultsQuestion) return;
  ex.view.lastPaths = paths;
  const { graph } = ex;
  graph.clear();
  renderPaths(ex, paths);
  ex.actions.showPanel('results', turn);
  if (!paths.length) {
    graph.addNode(from, 'path');
    graph.addNode(to, 'path', { x: 400, y: 0 });
    graph.cy.nodes().addClass('endpoint');
    graph.cy.fit(undefined, 80);
    ex.status(t('explorer.paths.none', { hops: variables.maxHops }));
    return;
  }
  graph.drawPaths(paths, 'path', 'path');
  graph.cy.getElementById(from.id).addClass('endpoint');
  graph.cy.getElementById(to.id).addClass('endpoint');
  layoutPaths(ex, paths, from.id, to.id);
  const weak = paths.filter((p) => p.weak).length;
  const found = weak
    ? t('explorer.paths.foundSplit', { count: paths.length, from: from.name, to: to.name, specific: paths.length - weak, weak })
    : t('explorer.paths.found', { count: paths.length, from: from.name, to: to.name });
  ex.status(sentences(found, t('explorer.paths.clickHint')));
}

/** A path's sources, each once, in the order the hops cite them, with the hops (1-based) that cite it. */
export function pathSources(path: Path): { citation: CitationRef; hops: number[] }[] {
  const bySource = new Map<string, { citation: CitationRef; hops: number[] }>();
  path.hops.forEach((hop, i) => {
    for (const citation of hop.sources ?? []) {
      const key = citation.source.id ?? citation.source.url ?? `${citation.source.publisher}\u0000${citation.source.title}`;
      const seen = bySource.get(key);
      if (!seen) bySource.set(key, { citation, hops: [i + 1] });
      else if (!seen.hops.includes(i + 1)) seen.hops.push(i + 1);
    }
  });
  return [...bySource.values()];
}

/** One hop: its sentence, its date when it has one, and which of the path's sources state it (by number). */
function hopItem(hop: Hop, nodes: ReadonlyMap<string, PathNode>, refs: number[]): HTMLElement {
  const dated = hopDate(hop, nodes);
  return h(
    'li',
    { class: `hop${hop.weak ? ' weak' : ''}` },
    h('span', { class: `hop-explanation${hop.weak ? ' weak' : ''}` }, hop.explanation),
    dated ? h('div', { class: 'hop-date', 'data-date': dated.date }, dated.text) : h('div', { class: 'hop-date muted' }, t('explorer.paths.noDate')),
    refs.length
      ? h('div', { class: 'hop-refs muted small' }, t('explore.paths.statedBy', { refs: formatList(refs.map((n) => formatNumber(n)), 'unit'), count: refs.length }))
      : h('div', { class: 'muted small' }, t('explorer.paths.noSource')),
  );
}

/** The path's sources once each, numbered, with how many of its hops each states. */
function pathSourceList(path: Path): HTMLElement {
  const sources = pathSources(path);
  const corroboration = corroborationOf(sources.map((s) => s.citation));
  return h('div', { class: 'path-sources' },
    h('h4', {}, t('explore.paths.sourcesHeading', { count: sources.length }), ' · ', corroborationNote(corroboration)),
    h('ol', { class: 'citations path-source-list' }, ...sources.map(({ citation, hops }) => {
      const item = citationItem(citation);
      item.append(h('span', { class: 'cited-hops muted' }, ' · ', t('explore.paths.citedBy', { count: hops.length, total: path.hops.length })));
      item.dataset.hops = String(hops.length);
      return item;
    })),
  );
}

/** What "strength" measures, in words, once above the list (each strength points to it). */
function strengthLegend(): HTMLElement {
  return h('p', { id: 'strength-legend', class: 'strength-legend small' }, h('b', {}, t('explore.paths.strengthLabel')), ' ', t('explore.paths.strengthMeaning'));
}

/**
 * The paths as two lists: specific links first, then "weak links" (through a
 * hub), each with its strength and, for weak ones, the hub and its size; each
 * path's sources listed once below its hops.
 */
function renderPaths(ex: Explorer, paths: Path[]): void {
  const results = byId('results');
  results.replaceChildren(h('h2', {}, t('explorer.paths.heading')));
  if (paths.some((p) => p.strength !== undefined)) results.append(strengthLegend());
  const box = (path: Path, i: number) => {
    const nodes = new Map(path.nodes.map((n) => [n.id, n]));
    const sources = pathSources(path);
    const refsOf = (hop: Hop) => sources.flatMap((s, n) => ((hop.sources ?? []).some((c) => c.source === s.citation.source || (c.source.id && c.source.id === s.citation.source.id)) ? [n + 1] : []));
    const el = h(
      'div',
      { class: `path${path.weak ? ' weak' : ''}`, 'data-path': i, tabindex: 0 },
      h('h3', {}, t('explorer.paths.title', { n: i + 1, hops: path.hops.length }),
        path.strength === undefined ? '' : h('span', { class: 'strength', title: t('explore.paths.strengthMeaning'), 'aria-describedby': 'strength-legend' }, ' · ', t('explorer.paths.strength', { strength: formatNumber(path.strength, { maximumSignificantDigits: 2, minimumSignificantDigits: 2 }) }))),
      ...(path.hubs ?? []).map((hub) => h('p', { class: 'hub-note' }, t('explorer.paths.weakLink', { explanation: hub.explanation }))),
      h('ol', {}, ...path.hops.map((hop) => hopItem(hop, nodes, refsOf(hop)))),
      pathSourceList(path),
    );
    const toggle = (event: Event) => {
      // Following a source's link is not a click on the path.
      if ((event.target as HTMLElement).closest('a')) return;
      highlightPath(ex, path, el);
    };
    el.addEventListener('click', toggle);
    el.addEventListener('keydown', (event) => {
      if (event.target === el && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        toggle(event);
      }
    });
    return el;
  };
  const specific = paths.map((p, i) => ({ p, i })).filter(({ p }) => !p.weak);
  const weak = paths.map((p, i) => ({ p, i })).filter(({ p }) => p.weak);
  if (specific.length) results.append(h('section', { class: 'specific-links' }, h('h3', { class: 'list-title' }, t('explorer.paths.specific')), ...specific.map(({ p, i }) => box(p, i))));
  if (weak.length) {
    results.append(
      h('section', { class: 'weak-links' },
        h('h3', { class: 'list-title' }, t('explorer.paths.weak')),
        h('p', { class: 'muted small' }, t('explorer.paths.weakHint')),
        ...weak.map(({ p, i }) => box(p, i))),
    );
  }
  if (!paths.length) results.append(h('p', { class: 'muted' }, t('explore.paths.noneListed')));
}

function highlightPath(ex: Explorer, path: Path, box: HTMLElement): void {
  const cy = ex.graph.cy;
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
