/** Expanding an entity into its neighbours, and collapsing it again. */
import { gql } from '../gql';
import { sentences, t } from '../i18n';
import type { GEdge, GNode } from '../graph';
import type { Explorer } from './context';
import { NEIGHBORHOOD } from './queries';

/** Adds up to `limit` neighbours of `id`, fanned out away from the rest of the graph. */
export async function expand(ex: Explorer, id: string, limit: number): Promise<void> {
  ex.status(t('explorer.expanding'));
  const generation = ex.graph.generation;
  let hood: { truncated: boolean; sampled: string[]; nodes: GNode[]; edges: GEdge[] };
  try {
    hood = (await gql<{ neighborhood: typeof hood }>(NEIGHBORHOOD, { id, limit })).neighborhood;
  } catch (error) {
    ex.status(t('explorer.couldNotExpand', { message: (error as Error).message }), true);
    return;
  }
  const { graph } = ex;
  // The graph was cleared (paths drawn, another entity looked up) while this was asked.
  if (graph.generation !== generation) return;
  const cy = graph.cy;
  const owner = `expand:${id}`;
  const center = graph.nodes.has(id) ? cy.getElementById(id).position() : { x: 0, y: 0 };
  const fresh = hood.nodes.filter((n) => !graph.nodes.has(n.id));
  const radius = Math.max(140, fresh.length * 14);
  const before = cy.nodes().length;
  const others = cy.nodes().filter((n) => n.id() !== id);
  const mid = others.length ? others.boundingBox({}) : null;
  const away = mid ? Math.atan2(center.y - (mid.y1 + mid.y2) / 2, center.x - (mid.x1 + mid.x2) / 2) : 0;
  const spread = others.length ? Math.min(Math.PI * 1.2, 0.5 * fresh.length) : 2 * Math.PI;
  fresh.forEach((n, i) => {
    const angle = fresh.length === 1 ? away : away - spread / 2 + (spread * i) / (others.length ? fresh.length - 1 : fresh.length);
    graph.addNode(n, owner, { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) });
  });
  for (const n of hood.nodes) graph.addNode(n, owner);
  for (const e of hood.edges) {
    if (graph.nodes.has(e.source) && graph.nodes.has(e.target)) graph.addEdge(e, owner);
  }
  graph.expanded.add(id);
  const added = cy.nodes().length - before;
  const said = [added ? t('explorer.added', { count: added }) : t('explorer.allDrawn')];
  if (hood.truncated) said.push(t('explorer.cut', { limit }));
  if (hood.sampled.length) said.push(t('explorer.sampledHub'));
  ex.status(sentences(...said));
  if (before <= 1) graph.layoutAround(id);
  else cy.animate({ fit: { eles: cy.elements(), padding: 50 } }, { duration: 300 });
  if (ex.view.selected === id) void ex.actions.showDetails(id);
  ex.actions.syncUrl();
}

/**
 * Looks one entity up: draws it with its neighbours and opens its details.
 * What was drawn is cleared, except the other picked entity's neighbourhood
 * (picking From, then To, shows both side by side).
 */
export async function lookUp(ex: Explorer, entity: GNode): Promise<void> {
  const { graph } = ex;
  const other = [ex.from.value, ex.to.value].find((picked) => picked && picked.id !== entity.id && graph.expanded.has(picked.id));
  const keep = Boolean(other) && !ex.view.lastPaths;
  if (!keep) graph.clear();
  ex.view.lastPaths = null;
  ex.view.focus = entity.id;
  if (ex.view.mode === 'paths' || ex.view.mode === 'brokers') ex.view.mode = null;
  graph.addNode(entity, 'focus');
  graph.cy.getElementById(entity.id).addClass('endpoint');
  // In the middle while its neighbours load.
  if (!keep) {
    graph.cy.zoom(1);
    graph.cy.center(graph.cy.getElementById(entity.id));
  }
  ex.actions.selectNode(entity.id);
  const generation = graph.generation;
  await ex.actions.expand(entity.id, 25);
  if (graph.generation !== generation) return;
  if (keep) graph.runLayout();
  graph.cy.getElementById(entity.id).select();
}

/** Removes what expanding `id` added (what another owner also drew stays). */
export function collapse(ex: Explorer, id: string): void {
  ex.graph.removeOwner(`expand:${id}`);
  ex.graph.expanded.delete(id);
  ex.status(t('explorer.collapsed'));
  if (ex.view.selected === id) void ex.actions.showDetails(id);
  ex.actions.syncUrl();
}
