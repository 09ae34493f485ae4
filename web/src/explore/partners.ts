/** Brokers between the two picked entities, and suggested partners for one. */
import { countryColor, gql, h } from '../gql';
import { formatNumber, t } from '../i18n';
import { countryName } from '../i18n/terms';
import { countryOf, type GNode } from '../graph';
import { byId, type Explorer } from './context';
import { BROKERS, SUGGESTED, type Path } from './queries';

/** Lists who links the two picked entities within two hops, each with its routes. */
export async function showBrokers(ex: Explorer): Promise<void> {
  const from = ex.from.value;
  const to = ex.to.value;
  if (!from || !to) return;
  ex.status(t('explorer.brokers.looking'));
  let brokers: { reaches: number; score: number; sampled: boolean; entity: GNode; paths: Path[] }[];
  try {
    brokers = (await gql<{ brokers: typeof brokers }>(BROKERS, { between: [from.id, to.id] })).brokers;
  } catch (error) {
    ex.status(t('explorer.brokers.failed', { message: (error as Error).message }), true);
    return;
  }
  ex.status(t('explorer.brokers.status', { count: brokers.length, from: from.name, to: to.name }));
  const results = byId('results');
  results.replaceChildren(h('h2', {}, t('explorer.brokers.heading', { from: from.name, to: to.name })));
  if (!brokers.length) results.append(h('p', { class: 'muted' }, t('explorer.brokers.none')));
  for (const broker of brokers) {
    results.append(
      h('div', { class: 'list-item broker', 'data-id': broker.entity.id },
        h('b', {}, broker.entity.name),
        h('span', { class: 'muted' }, ' · ', t('explorer.brokers.reaches', { count: broker.reaches }), ' · ', t('explorer.score', { score: formatNumber(broker.score, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) }), broker.sampled ? ` · ${t('explorer.brokers.sampled')}` : ''),
        h('ol', {}, ...broker.paths.flatMap((p) => p.hops.map((hop) => h('li', {}, hop.explanation)))),
        h('button', { type: 'button', onclick: () => showOnGraph(ex, `broker:${broker.entity.id}`, broker.paths, broker.entity.id) }, t('explorer.brokers.show')),
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
  ex.status(t('explorer.partners.looking'));
  let suggestions: { score: number; organization: GNode; reasons: { explanation: string; weight: number; sampled: boolean }[] }[];
  try {
    suggestions = (await gql<{ suggestedPartners: typeof suggestions }>(SUGGESTED, { id: entity.id, country: country || null })).suggestedPartners;
  } catch (error) {
    ex.status(t('explorer.partners.failed', { message: (error as Error).message }), true);
    return;
  }
  ex.status(t('explorer.partners.status', { count: suggestions.length, name: entity.name }));
  const results = byId('results');
  results.replaceChildren(h('h2', {}, country ? t('explorer.partners.headingIn', { name: entity.name, country: countryName(country) }) : t('explorer.partners.heading', { name: entity.name })));
  if (!suggestions.length) results.append(h('p', { class: 'muted' }, t('explorer.partners.none')));
  for (const s of suggestions) {
    results.append(
      h('div', { class: 'list-item suggestion', 'data-id': s.organization.id },
        h('span', { class: 'dot', style: `background:${countryColor(countryOf(s.organization))}` }), ' ',
        h('button', { type: 'button', class: 'link', onclick: () => { ex.graph.addNode(s.organization, 'pick', { x: Math.random() * 200, y: Math.random() * 200 }); ex.actions.selectNode(s.organization.id); } }, s.organization.name),
        h('span', { class: 'muted' }, ' · ', t('explorer.score', { score: formatNumber(s.score, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) })),
        h('ul', {}, ...s.reasons.slice(0, 4).map((r) => h('li', {}, r.explanation, r.sampled ? h('span', { class: 'muted' }, ' ', t('explorer.partners.sampled')) : ''))),
      ),
    );
  }
}
