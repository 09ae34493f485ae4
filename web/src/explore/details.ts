/** The details panel of the selected entity: what it is, what to do with it, its provenance and neighbours. */
import { countryColor, gql, h } from '../gql';
import { formatList, t, tNodes } from '../i18n';
import { countryName, entityTypeName, relationshipName, termName } from '../i18n/terms';
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
    h('h3', {}, t('explorer.details.neighbours', { count: entity.relations.length })),
    ...[...groups].map(([type, rels]) =>
      h('div', { class: 'neighbours', 'data-type': type },
        h('b', {}, `${relationshipName(type)} (${rels.length})`),
        h('ul', {}, ...rels.map((rel) =>
          h('li', { class: rel.unverified ? 'unverified' : undefined },
            h('span', { class: 'muted' }, rel.direction === 'OUTGOING' ? '→ ' : '← '),
            h('button', { type: 'button', class: 'link', onclick: () => addNeighbour(ex, entity, rel) }, rel.node.name),
            h('span', { class: 'muted' }, ` ${entityTypeName(rel.node.type)}${countryOf(rel.node) ? ' · ' + countryOf(rel.node) : ''} · `),
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
  // Shown again (its neighbours were added): the panel keeps what it shows until the new answer replaces it, without a flash of "Loading".
  const refreshing = ex.view.selected === id && ex.view.details?.id === id;
  if (ex.view.selected !== id) ex.view.details = null;
  ex.view.selected = id;
  ex.actions.syncUrl();
  const panel = byId('details');
  if (!refreshing) panel.replaceChildren(h('p', { class: 'muted' }, t('common.loading')));
  let entity: Details | null;
  try {
    entity = (await gql<{ entity: Details | null }>(ENTITY, { id })).entity;
  } catch (error) {
    panel.replaceChildren(h('p', { class: 'error' }, t('explorer.details.couldNotLoad', { id, message: (error as Error).message })));
    return;
  }
  if (ex.view.selected !== id) return;
  ex.view.details = entity;
  if (!entity) {
    panel.replaceChildren(h('p', { class: 'error' }, t('explorer.noSuchEntity', { id })));
    return;
  }
  const { actions, graph, avoided } = ex;
  const country = countryOf(entity);
  const limit = h('select', { id: 'expand-limit', 'aria-label': t('explorer.details.limit') }, ...[10, 25, 50, 100].map((n) => h('option', { value: n, selected: n === 25 }, String(n))));
  const countrySelect = h('select', { id: 'suggest-country', 'aria-label': t('explorer.details.partnersFrom') },
    h('option', { value: '' }, t('explorer.details.anyCountry')), h('option', { value: 'JP', selected: country === 'TW' }, countryName('JP')), h('option', { value: 'TW', selected: country === 'JP' }, countryName('TW')));
  const inGraph = graph.nodes.has(id);
  const expanded = graph.expanded.has(id);
  const open = (other: string) => actions.selectNode(other);

  const sections: (HTMLElement | null)[] = [
    h('h2', { id: 'details-name' }, entity.name),
    entity.unverified ? h('p', { id: 'details-unverified' }, unverifiedMark(), ' ', t('explorer.details.onlyUnverified')) : null,
    h('div', { class: 'meta' },
      h('span', { class: 'dot', style: `background:${countryColor(country)}` }),
      h('span', {}, [entityTypeName(entity.type), termName(entity.kind), country ? t('explorer.details.country', { country: countryName(country), code: country }) : t('explorer.details.noCountry')].filter(Boolean).join(' · ')),
    ),
    h('div', { id: 'details-corroboration', class: 'meta' }, ...tNodes('explorer.details.statedBy', { corroboration: corroborationNote(entity.corroboration) })),
    h('p', { id: 'details-description' }, entity.description),
    ...(entity.aliases.length ? [h('p', { class: 'muted' }, t('explorer.details.aliases', { names: formatList(entity.aliases, 'unit') }))] : []),
    identitySection(entity, open),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'expand', onclick: () => void actions.expand(id, Number(limit.value)) }, expanded ? t('explorer.details.expandMore') : t('explorer.details.expand')),
      limit,
      h('button', { type: 'button', id: 'collapse', disabled: !expanded, onclick: () => actions.collapse(id) }, t('explorer.details.collapse')),
    ),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'avoid', disabled: !inGraph && !avoided.has(id), onclick: () => actions.toggleAvoid(id, entity.name) }, avoided.has(id) ? t('explorer.stopAvoiding') : t('explorer.details.avoid')),
      h('button', { type: 'button', onclick: () => { ex.from.set(entity); actions.updateButtons(); } }, t('explorer.details.setFrom')),
      h('button', { type: 'button', onclick: () => { ex.to.set(entity); actions.updateButtons(); } }, t('explorer.details.setTo')),
    ),
    ...partnerAndBrokerButtons(ex, entity, countrySelect),
    timelineSection(entity, open),
    conflictsSection(entity),
    claimsSection(entity),
    sourcesSection(entity),
    historySection(entity.id),
    ...neighboursSection(ex, entity),
  ];
  panel.replaceChildren(...sections.filter((section): section is HTMLElement => section !== null));
}

/**
 * "Suggested partners" and "Brokers", each greyed out with the reason in words
 * next to it (and as its description and tooltip) when it does not apply.
 */
function partnerAndBrokerButtons(ex: Explorer, entity: Details, countrySelect: HTMLElement): HTMLElement[] {
  const { actions } = ex;
  const partnersWhy = entity.type === 'ORGANIZATION' ? null : t('explore.why.partnersOrganizationsOnly', { type: entityTypeName(entity.type) });
  const brokersWhy = ex.from.value && ex.to.value ? null : t('explore.why.brokersNeedTwo');
  const why = (id: string, text: string | null) => (text ? h('p', { id, class: 'why-disabled small' }, text) : null);
  const parts: (HTMLElement | null)[] = [
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'suggest', disabled: Boolean(partnersWhy), title: partnersWhy ?? undefined, 'aria-describedby': partnersWhy ? 'suggest-why' : undefined, onclick: () => void actions.suggestPartners(entity, (countrySelect as HTMLSelectElement).value) }, t('explorer.details.suggest')),
      partnersWhy ? null : countrySelect,
    ),
    why('suggest-why', partnersWhy),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'details-brokers', disabled: Boolean(brokersWhy), onclick: () => void actions.showBrokers(), title: brokersWhy ?? t('explorer.brokersTitle'), 'aria-describedby': brokersWhy ? 'details-brokers-why' : undefined }, t('explorer.brokersButton')),
    ),
    why('details-brokers-why', brokersWhy),
  ];
  return parts.filter((el): el is HTMLElement => el !== null);
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
    // Only a node out of sight is brought to the middle; one in view stays where the reader found it.
    const view = cy.extent();
    const at = node.position();
    if (at.x < view.x1 || at.x > view.x2 || at.y < view.y1 || at.y > view.y2) cy.animate({ center: { eles: node } }, { duration: 250 });
  }
  ex.actions.showPanel('details');
  void showDetails(ex, id);
}
