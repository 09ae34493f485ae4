/** Brokers between the two picked entities, and suggested partners for one. */
import { countryColor, gql, h } from '../gql';
import { countryOf, type GNode } from '../graph';
import { byId, type Explorer } from './context';
import { BROKERS, SUGGESTED, type Path } from './queries';

/** Lists who links the two picked entities within two hops, each with its routes. */
export async function showBrokers(ex: Explorer): Promise<void> {
  const from = ex.from.value;
  const to = ex.to.value;
  if (!from || !to) return;
  ex.status('Looking for brokers…');
  let brokers: { reaches: number; score: number; sampled: boolean; entity: GNode; paths: Path[] }[];
  try {
    brokers = (await gql<{ brokers: typeof brokers }>(BROKERS, { between: [from.id, to.id] })).brokers;
  } catch (error) {
    ex.status(`Could not find brokers: ${(error as Error).message}`, true);
    return;
  }
  ex.status(`${brokers.length} broker${brokers.length === 1 ? '' : 's'} between ${from.name} and ${to.name}.`);
  const results = byId('results');
  results.replaceChildren(h('h2', {}, `Brokers between ${from.name} and ${to.name}`));
  if (!brokers.length) results.append(h('p', { class: 'muted' }, 'No organization or person links both within two hops.'));
  for (const broker of brokers) {
    results.append(
      h('div', { class: 'list-item broker', 'data-id': broker.entity.id },
        h('b', {}, broker.entity.name),
        h('span', { class: 'muted' }, ` · reaches ${broker.reaches} · score ${broker.score.toFixed(2)}${broker.sampled ? ' · one of a sample of a hub’s members' : ''}`),
        h('ol', {}, ...broker.paths.flatMap((p) => p.hops.map((hop) => h('li', {}, hop.explanation)))),
        h('button', { type: 'button', onclick: () => showOnGraph(ex, `broker:${broker.entity.id}`, broker.paths, broker.entity.id) }, 'Show on graph'),
      ),
    );
  }
}

function showOnGraph(ex: Explorer, owner: string, paths: Path[], focus: string): void {
  const empty = ex.graph.cy.nodes().length === 0;
  ex.graph.drawPaths(paths, owner);
  if (empty) ex.graph.runLayout();
  ex.actions.selectNode(focus);
}

/** Lists organizations that share the most with `entity`, optionally in one country, with the reasons. */
export async function suggestPartners(ex: Explorer, entity: GNode, country: string): Promise<void> {
  ex.status('Looking for partners…');
  let suggestions: { score: number; organization: GNode; reasons: { explanation: string; weight: number; sampled: boolean }[] }[];
  try {
    suggestions = (await gql<{ suggestedPartners: typeof suggestions }>(SUGGESTED, { id: entity.id, country: country || null })).suggestedPartners;
  } catch (error) {
    ex.status(`Could not suggest partners: ${(error as Error).message}`, true);
    return;
  }
  ex.status(`${suggestions.length} suggested partner${suggestions.length === 1 ? '' : 's'} for ${entity.name}.`);
  const results = byId('results');
  results.replaceChildren(h('h2', {}, `Suggested partners for ${entity.name}${country ? ` in ${country}` : ''}`));
  if (!suggestions.length) results.append(h('p', { class: 'muted' }, 'No candidate shares enough with it.'));
  for (const s of suggestions) {
    results.append(
      h('div', { class: 'list-item suggestion', 'data-id': s.organization.id },
        h('span', { class: 'dot', style: `background:${countryColor(countryOf(s.organization))}` }), ' ',
        h('button', { type: 'button', class: 'link', onclick: () => { ex.graph.addNode(s.organization, 'pick', { x: Math.random() * 200, y: Math.random() * 200 }); ex.actions.selectNode(s.organization.id); } }, s.organization.name),
        h('span', { class: 'muted' }, ` · score ${s.score.toFixed(2)}`),
        h('ul', {}, ...s.reasons.slice(0, 4).map((r) => h('li', {}, r.explanation, r.sampled ? h('span', { class: 'muted' }, ' (a hub: its members were sampled)') : ''))),
      ),
    );
  }
}
