/**
 * The explorer page: builds its state once and wires the features to the page.
 * Features live in ./explore/ (paths, details and evidence, neighbourhood,
 * partners, exports, the view in the URL); each takes the Explorer made here.
 */
import type { Core, EventObject } from 'cytoscape';
import { gql, h } from './gql';
import { localizePage, t, tNodes } from './i18n';
import { renderLegend, type GNode } from './graph';
import { Picker } from './picker';
import { DrawnGraph } from './explore/canvas';
import { byId, type Explorer, type ExplorerActions, type SidePanel } from './explore/context';
import { selectNode, showDetails } from './explore/details';
import { closePrintView, exportEvidenceCsv, openPrintView } from './explore/evidenceExport';
import { exportGraphMl, exportJson, exportPng } from './explore/exports';
import { collapse, expand, lookUp } from './explore/neighbourhood';
import { showBrokers, suggestPartners } from './explore/partners';
import { findConnections, renderTypeChoices, showAvoided, toggleAvoid } from './explore/paths';
import { ENTITY_NODE } from './explore/queries';
import { applySettings, readViewState, syncUrl } from './explore/viewState';
import './style.css';
import './explore.css';

const PANELS: readonly SidePanel[] = ['results', 'details'];

function createExplorer(): Explorer {
  const avoided = new Map<string, string>();
  const graph = new DrawnGraph(byId('cy'), (id) => avoided.has(id));
  // Filled in below, once the explorer they act on exists.
  const actions = {} as ExplorerActions;
  const statusLine = byId('status');
  const picked = (entity: GNode | null) => {
    actions.updateButtons();
    if (entity && !ex.view.restoring) void actions.lookUp(entity);
    else actions.syncUrl();
  };
  const ex: Explorer = {
    graph,
    avoided,
    actions,
    view: { selected: null, lastPaths: null, details: null, focus: null, mode: null, partnersCountry: '', panel: 'results', panelTurn: 0, resultsQuestion: 0, restoring: false },
    from: new Picker(byId('from-picker'), 'from', t('explorer.from'), t('explorer.fromPlaceholder'), picked),
    to: new Picker(byId('to-picker'), 'to', t('explorer.to'), t('explorer.toPlaceholder'), picked),
    status(text, isError = false) {
      statusLine.textContent = text;
      statusLine.className = isError ? 'error' : 'muted';
    },
  };
  Object.assign(actions, {
    showDetails: (id) => showDetails(ex, id),
    selectNode: (id) => selectNode(ex, id),
    expand: (id, limit) => expand(ex, id, limit),
    collapse: (id) => collapse(ex, id),
    toggleAvoid: (id, name) => toggleAvoid(ex, id, name),
    findConnections: () => findConnections(ex),
    showBrokers: () => showBrokers(ex),
    suggestPartners: (entity, country) => suggestPartners(ex, entity, country),
    lookUp: (entity) => lookUp(ex, entity),
    showPanel: (panel, turn) => showPanel(ex, panel, turn),
    askPanel: () => ++ex.view.panelTurn,
    syncUrl: () => syncUrl(ex),
    updateButtons: () => {
      const incomplete = !(ex.from.value && ex.to.value);
      byId<HTMLButtonElement>('find').disabled = incomplete;
      byId<HTMLButtonElement>('brokers').disabled = incomplete;
      // The reason stays next to the greyed-out buttons until both are picked.
      byId('brokers-why').hidden = !incomplete;
    },
  } satisfies ExplorerActions);
  return ex;
}

/**
 * Shows one tab of the side panel (results or details), as a tab list does;
 * an answer's `turn` shows it only if nothing was chosen or asked for since.
 */
function showPanel(ex: Explorer, panel: SidePanel, turn?: number): void {
  // A late answer to an older question does not take the panel from what the reader did since.
  if (turn !== undefined && turn !== ex.view.panelTurn) return;
  ex.view.panelTurn++;
  ex.view.panel = panel;
  for (const name of PANELS) {
    const tab = byId(`tab-${name}`);
    const on = name === panel;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    byId(name).hidden = !on;
  }
  ex.actions.syncUrl();
}

function wireTabs(ex: Explorer): void {
  for (const name of PANELS) {
    const tab = byId(`tab-${name}`);
    tab.addEventListener('click', () => showPanel(ex, name));
    tab.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight' && event.key !== 'Home' && event.key !== 'End') return;
      event.preventDefault();
      const next = event.key === 'Home' ? PANELS[0]! : event.key === 'End' ? PANELS[PANELS.length - 1]! : PANELS[(PANELS.indexOf(name) + 1) % PANELS.length]!;
      showPanel(ex, next);
      byId(`tab-${next}`).focus();
    });
  }
}

/** "Copy link": the view's address to the clipboard, or into a field to copy by hand where the clipboard is refused. */
async function copyLink(ex: Explorer): Promise<void> {
  ex.actions.syncUrl();
  const link = window.location.href;
  const button = byId('copy-link');
  const fallback = byId('copy-fallback');
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(link);
    fallback.hidden = true;
    button.textContent = t('explore.copyLink.copied');
    ex.status(t('explore.copyLink.copiedStatus'));
    setTimeout(() => (button.textContent = t('explore.copyLink.button')), 2500);
  } catch {
    const input = byId<HTMLInputElement>('copy-fallback-input');
    input.value = link;
    fallback.hidden = false;
    input.focus();
    input.select();
    ex.status(t('explore.copyLink.manual'));
  }
}

function wireLegend(): void {
  const toggle = byId('legend-toggle');
  const legend = byId('legend');
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    legend.hidden = !open;
  });
}

function wire(ex: Explorer): void {
  const { graph, actions } = ex;
  const cy = graph.cy;
  (window as unknown as { __cy: Core }).__cy = cy;
  // Cytoscape measures its container once; the legend, the toolbar's wrapping and the copy field change it.
  new ResizeObserver(() => cy.resize()).observe(byId('cy'));
  renderTypeChoices();
  wireTabs(ex);
  wireLegend();
  cy.on('tap', 'node', (event: EventObject) => {
    const node = event.target;
    if (byId<HTMLInputElement>('avoid-mode').checked) {
      actions.toggleAvoid(node.id(), String(node.data('name')));
      return;
    }
    actions.selectNode(node.id());
  });
  // Edge labels too small to read at this zoom show for the element under the pointer and the selected node.
  cy.on('mouseover', 'node, edge', (event: EventObject) => graph.labelEdgesOf(event.target.id()));
  cy.on('mouseout', 'node, edge', () => graph.labelEdgesOf(ex.view.selected));
  cy.on('select', 'node', (event: EventObject) => graph.labelEdgesOf(event.target.id()));
  byId('find').addEventListener('click', () => void actions.findConnections());
  byId('brokers').addEventListener('click', () => void actions.showBrokers());
  byId('fit').addEventListener('click', () => cy.fit(undefined, 50));
  byId('relayout').addEventListener('click', () => graph.runLayout());
  byId('clear').addEventListener('click', () => {
    graph.clear();
    Object.assign(ex.view, { lastPaths: null, focus: null, mode: null });
    byId('results').replaceChildren();
    ex.status('');
    actions.syncUrl();
  });
  for (const id of ['max-hops', 'path-count', 'cross-border']) byId(id).addEventListener('change', () => actions.syncUrl());
  byId('types').addEventListener('change', () => actions.syncUrl());
  for (const id of ['types-all', 'types-none']) byId(id).addEventListener('click', () => actions.syncUrl());
  byId('copy-link').addEventListener('click', () => void copyLink(ex));
  byId('export-png').addEventListener('click', () => void exportPng(ex).catch((error: Error) => ex.status(error.message, true)));
  byId('export-json').addEventListener('click', () => exportJson(ex));
  byId('export-graphml').addEventListener('click', () => exportGraphMl(ex));
  byId('export-evidence-csv').addEventListener('click', () => exportEvidenceCsv(ex));
  byId('export-evidence-print').addEventListener('click', () => openPrintView(ex));
  byId('print-now').addEventListener('click', () => window.print());
  byId('print-close').addEventListener('click', () => closePrintView());
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !byId('print-view').hidden) closePrintView();
  });
}

/**
 * Reopens the view the address names: settings and filters, the avoided
 * entities, From and To, then what the results listed (paths, brokers,
 * partners) or the entity looked up, the selected node and the tab.
 */
async function fromUrl(ex: Explorer): Promise<void> {
  const state = readViewState(window.location.search);
  applySettings(state);
  const load = async (id: string | null): Promise<GNode | null> => (id ? (await gql<{ entity: GNode | null }>(ENTITY_NODE, { id })).entity : null);
  ex.view.restoring = true;
  try {
    const avoided = await Promise.all(state.avoid.map(load));
    for (const entity of avoided) if (entity) ex.avoided.set(entity.id, entity.name);
    showAvoided(ex);
    const [from, to] = await Promise.all([load(state.from), load(state.to)]);
    if (from) ex.from.set(from);
    if (to) ex.to.set(to);
    ex.actions.updateButtons();
    const missing = (state.from && !from && state.from) || (state.to && !to && state.to);
    if (missing) ex.status(t('explorer.unknownLinkId', { id: missing }), true);
    // Brokers were asked with the paths on the canvas; the reopened view draws them too.
    const pathsAsked = from && to && (state.mode === 'paths' || state.mode === 'brokers' || (!state.mode && !state.focus));
    if (pathsAsked) await ex.actions.findConnections();
    else if (state.focus) {
      const entity = await load(state.focus);
      if (!entity) {
        ex.status(t('explorer.noSuchEntity', { id: state.focus }), true);
      } else {
        ex.view.restoring = false;
        await ex.actions.lookUp(entity);
        ex.view.restoring = true;
      }
    }
    if (state.mode === 'brokers' && from && to) await ex.actions.showBrokers();
    if (state.node && state.node !== ex.view.selected) ex.actions.selectNode(state.node);
    if (state.mode === 'partners' && state.node) {
      const entity = await load(state.node);
      if (entity) await ex.actions.suggestPartners(entity, state.country);
    }
    if (state.panel) ex.actions.showPanel(state.panel);
  } catch (error) {
    ex.status((error as Error).message, true);
  } finally {
    ex.view.restoring = false;
  }
  ex.actions.syncUrl();
}

function main(): void {
  localizePage();
  renderLegend(byId('legend'));
  byId('details-empty').replaceChildren(...tNodes('explorer.detailsEmpty', { find: h('b', {}, t('explorer.find')) }));
  const explorer = createExplorer();
  wire(explorer);
  explorer.actions.updateButtons();
  void fromUrl(explorer);
}

main();
