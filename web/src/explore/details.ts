/** The details panel of the selected entity: what it is, what to do with it, its provenance and neighbours. */
import { countryColor, gql, h, humanize } from '../gql';
import { historySection } from './history';
import { countryOf, type GNode } from '../graph';
import { corroborationNote, unverifiedMark } from '../provenance';
import { byId, type Explorer } from './context';
import { claimsSection, conflictsSection, identitySection, sourcesSection, timelineSection } from './evidence';
import { ENTITY, type Details, type Relation } from './queries';

function neighboursSection(ex: Explorer, entity: Details): HTMLElement[] {
  const groups = new Map<string, Relation[]>();
  for (const rel of entity.relations) groups.set(rel.type, [...(groups.get(rel.type) ?? []), rel]);
  return [
    h('h3', {}, `Neighbours (${entity.relations.length})`),
    ...[...groups].map(([type, rels]) =>
      h('div', { class: 'neighbours', 'data-type': type },
        h('b', {}, `${humanize(type)} (${rels.length})`),
        h('ul', {}, ...rels.map((rel) =>
          h('li', { class: rel.unverified ? 'unverified' : undefined },
            h('span', { class: 'muted' }, rel.direction === 'OUTGOING' ? '→ ' : '← '),
            h('button', { type: 'button', class: 'link', onclick: () => addNeighbour(ex, entity, rel) }, rel.node.name),
            h('span', { class: 'muted' }, ` ${humanize(rel.node.type)}${countryOf(rel.node) ? ' · ' + countryOf(rel.node) : ''} · `),
            corroborationNote(rel.corroboration),
            rel.unverified ? unverifiedMark() : null,
          ),
        )),
      ),
    ),
  ];
}

/** Loads an entity and shows it in the details panel (a later selection wins over a slower answer). */
export async function showDetails(ex: Explorer, id: string): Promise<void> {
  ex.view.selected = id;
  const panel = byId('details');
  panel.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  let entity: Details | null;
  try {
    entity = (await gql<{ entity: Details | null }>(ENTITY, { id })).entity;
  } catch (error) {
    panel.replaceChildren(h('p', { class: 'error' }, `Could not load ${id}: ${(error as Error).message}`));
    return;
  }
  if (ex.view.selected !== id) return;
  if (!entity) {
    panel.replaceChildren(h('p', { class: 'error' }, `No entity has the id ${id}.`));
    return;
  }
  const { actions, graph, avoided } = ex;
  const country = countryOf(entity);
  const limit = h('select', { id: 'expand-limit', 'aria-label': 'Most neighbours to add' }, ...[10, 25, 50, 100].map((n) => h('option', { value: n, selected: n === 25 }, String(n))));
  const countrySelect = h('select', { id: 'suggest-country', 'aria-label': 'Partners from' },
    h('option', { value: '' }, 'any country'), h('option', { value: 'JP', selected: country === 'TW' }, 'Japan'), h('option', { value: 'TW', selected: country === 'JP' }, 'Taiwan'));
  const inGraph = graph.nodes.has(id);
  const expanded = graph.expanded.has(id);
  const open = (other: string) => actions.selectNode(other);

  const sections: (HTMLElement | null)[] = [
    h('h2', { id: 'details-name' }, entity.name),
    entity.unverified ? h('p', { id: 'details-unverified' }, unverifiedMark(), ' Only AI-generated or unverified pages state it.') : null,
    h('div', { class: 'meta' },
      h('span', { class: 'dot', style: `background:${countryColor(country)}` }),
      h('span', {}, [humanize(entity.type), humanize(entity.kind), country ? `country ${country}` : 'no country'].filter(Boolean).join(' · ')),
    ),
    h('div', { id: 'details-corroboration', class: 'meta' }, 'Stated by ', corroborationNote(entity.corroboration)),
    h('p', { id: 'details-description' }, entity.description),
    ...(entity.aliases.length ? [h('p', { class: 'muted' }, `Also called: ${entity.aliases.join(', ')}`)] : []),
    identitySection(entity, open),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'expand', onclick: () => void actions.expand(id, Number(limit.value)) }, expanded ? 'Expand more' : 'Expand'),
      limit,
      h('button', { type: 'button', id: 'collapse', disabled: !expanded, onclick: () => actions.collapse(id) }, 'Collapse'),
    ),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'avoid', disabled: !inGraph && !avoided.has(id), onclick: () => actions.toggleAvoid(id, entity.name) }, avoided.has(id) ? 'Stop avoiding' : 'Avoid in paths'),
      h('button', { type: 'button', onclick: () => { ex.from.set(entity); actions.updateButtons(); } }, 'Set as From'),
      h('button', { type: 'button', onclick: () => { ex.to.set(entity); actions.updateButtons(); } }, 'Set as To'),
    ),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'suggest', disabled: entity.type !== 'ORGANIZATION', onclick: () => void actions.suggestPartners(entity, countrySelect.value) }, 'Suggested partners'),
      countrySelect,
    ),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'details-brokers', disabled: !(ex.from.value && ex.to.value), onclick: () => void actions.showBrokers(), title: 'Who links the two picked entities?' }, 'Brokers'),
    ),
    timelineSection(entity, open),
    conflictsSection(entity),
    claimsSection(entity),
    sourcesSection(entity),
    historySection(entity.id),
    ...neighboursSection(ex, entity),
  ];
  panel.replaceChildren(...sections.filter((section): section is HTMLElement => section !== null));
}

function addNeighbour(ex: Explorer, entity: GNode, rel: Relation): void {
  const { graph } = ex;
  const anchor = graph.cy.getElementById(entity.id);
  if (!graph.nodes.has(entity.id)) graph.addNode(entity, 'pick', { x: 0, y: 0 });
  const base = graph.cy.getElementById(entity.id).position();
  graph.addNode(rel.node, 'pick', { x: base.x + 140, y: base.y + (Math.random() - 0.5) * 160 });
  graph.addEdge(rel.direction === 'OUTGOING' ? { source: entity.id, target: rel.node.id, type: rel.type } : { source: rel.node.id, target: entity.id, type: rel.type }, 'pick');
  if (!anchor.nonempty()) graph.cy.fit(undefined, 60);
  selectNode(ex, rel.node.id);
}

/** Selects a node on the graph (when drawn), centres it and shows its details. */
export function selectNode(ex: Explorer, id: string): void {
  const cy = ex.graph.cy;
  cy.$(':selected').unselect();
  const node = cy.getElementById(id);
  if (node.nonempty()) {
    node.select();
    cy.animate({ center: { eles: node } }, { duration: 250 });
  }
  void showDetails(ex, id);
}
