/**
 * The explorer page: builds its state once and wires the features to the page.
 * Features live in ./explore/ (paths, details and evidence, neighbourhood,
 * partners); each takes the Explorer made here.
 */
import type { Core, NodeSingular } from 'cytoscape';
import { gql, h } from './gql';
import { localizePage, t, tNodes } from './i18n';
import { download, downloadText, renderLegend, toGraphML, type GNode } from './graph';
import { Picker } from './picker';
import { DrawnGraph } from './explore/canvas';
import { byId, type Explorer, type ExplorerActions } from './explore/context';
import { selectNode, showDetails } from './explore/details';
import { collapse, expand } from './explore/neighbourhood';
import { showBrokers, suggestPartners } from './explore/partners';
import { findConnections, renderTypeChoices, toggleAvoid } from './explore/paths';
import { ENTITY_NODE } from './explore/queries';
import './style.css';
import './explore.css';

function createExplorer(): Explorer {
  const avoided = new Map<string, string>();
  const graph = new DrawnGraph(byId('cy'), (id) => avoided.has(id));
  // Filled in below, once the explorer they act on exists.
  const actions = {} as ExplorerActions;
  const statusLine = byId('status');
  const ex: Explorer = {
    graph,
    avoided,
    actions,
    view: { selected: null, lastPaths: null },
    from: new Picker(byId('from-picker'), 'from', t('explorer.from'), t('explorer.fromPlaceholder'), () => actions.updateButtons()),
    to: new Picker(byId('to-picker'), 'to', t('explorer.to'), t('explorer.toPlaceholder'), () => actions.updateButtons()),
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
    updateButtons: () => {
      const incomplete = !(ex.from.value && ex.to.value);
      byId<HTMLButtonElement>('find').disabled = incomplete;
      byId<HTMLButtonElement>('brokers').disabled = incomplete;
    },
  } satisfies ExplorerActions);
  return ex;
}

function wire(ex: Explorer): void {
  const { graph, actions } = ex;
  const cy = graph.cy;
  (window as unknown as { __cy: Core }).__cy = cy;
  renderLegend(byId('legend'));
  renderTypeChoices();
  cy.on('tap', 'node', (event) => {
    const node = event.target as NodeSingular;
    if (byId<HTMLInputElement>('avoid-mode').checked) {
      actions.toggleAvoid(node.id(), String(node.data('name')));
      return;
    }
    void actions.showDetails(node.id());
  });
  byId('find').addEventListener('click', () => void actions.findConnections());
  byId('brokers').addEventListener('click', () => void actions.showBrokers());
  byId('fit').addEventListener('click', () => cy.fit(undefined, 50));
  byId('relayout').addEventListener('click', () => graph.runLayout());
  byId('clear').addEventListener('click', () => {
    graph.clear();
    ex.view.lastPaths = null;
    byId('results').replaceChildren();
    ex.status('');
  });
  byId('export-png').addEventListener('click', () => download('graph.png', cy.png({ full: true, scale: 2, bg: '#ffffff' })));
  byId('export-json').addEventListener('click', () =>
    downloadText('graph.json', JSON.stringify({ nodes: [...graph.nodes.values()], edges: [...graph.edges.values()] }, null, 2), 'application/json'),
  );
  byId('export-graphml').addEventListener('click', () => downloadText('graph.graphml', toGraphML([...graph.nodes.values()], [...graph.edges.values()]), 'application/xml'));
}

/** Opens what the link names: two entities to connect (?from=&to=) or one to focus on (?focus=). */
async function fromUrl(ex: Explorer): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const [from, to, focus] = ['from', 'to', 'focus'].map((k) => params.get(k));
  if (params.get('crossBorder') === '1') byId<HTMLInputElement>('cross-border').checked = true;
  const load = async (id: string): Promise<GNode | null> => (await gql<{ entity: GNode | null }>(ENTITY_NODE, { id })).entity;
  try {
    if (from && to) {
      const [a, b] = await Promise.all([load(from), load(to)]);
      if (a) ex.from.set(a);
      if (b) ex.to.set(b);
      ex.actions.updateButtons();
      if (a && b) await ex.actions.findConnections();
      else ex.status(t('explorer.unknownLinkId', { id: !a ? from : to }), true);
    } else if (focus) {
      const entity = await load(focus);
      if (!entity) {
        ex.status(t('explorer.noSuchEntity', { id: focus }), true);
        return;
      }
      ex.graph.addNode(entity, 'focus');
      ex.graph.cy.getElementById(entity.id).addClass('endpoint');
      await ex.actions.expand(entity.id, 50);
      ex.actions.selectNode(entity.id);
    }
  } catch (error) {
    ex.status((error as Error).message, true);
  }
}

function main(): void {
  localizePage();
  byId('details-empty').replaceChildren(...tNodes('explorer.detailsEmpty', { find: h('b', {}, t('explorer.find')) }));
  const explorer = createExplorer();
  wire(explorer);
  void fromUrl(explorer);
}

main();
