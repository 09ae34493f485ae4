/** Brokers between the two picked entities, and suggested partners for one (with their dated evidence, a group to reach and "why not"). */
import { countryColor, gql, h } from '../gql';
import { formatDate, formatNumber, t } from '../i18n';
import { ORGANIZATION_KINDS } from '../../../src/domain/model';
import { countryName, termName } from '../i18n/terms';
import { countryOf, type GNode } from '../graph';
import { byId, type Explorer } from './context';
import { BROKERS, FIND_ORGANIZATION, GROUP_REACH, SUGGESTED, WHY_NOT, type Path, type Reason } from './queries';


/** A group's entity type, as the API's EntityType enum names it. */
const ORGANIZATION_TYPE = 'ORGANIZATION';

/** Organization kinds offered as a group's kind: every kind the model has. */
const GROUP_KINDS = ORGANIZATION_KINDS;

/** Lists who links the two picked entities within two hops, each with its routes (dropped when a later question of the results list was asked meanwhile). */
export async function showBrokers(ex: Explorer): Promise<void> {
  const from = ex.from.value;
  const to = ex.to.value;
  if (!from || !to) return;
  const question = ++ex.view.resultsQuestion;
  const turn = ex.actions.askPanel();
  ex.status(t('explorer.brokers.looking'));
  let brokers: { reaches: number; score: number; sampled: boolean; entity: GNode; paths: Path[] }[];
  try {
    brokers = (await gql<{ brokers: typeof brokers }>(BROKERS, { between: [from.id, to.id] })).brokers;
  } catch (error) {
    if (question === ex.view.resultsQuestion) ex.status(t('explorer.brokers.failed', { message: (error as Error).message }), true);
    return;
  }
  if (question !== ex.view.resultsQuestion) return;
  ex.status(t('explorer.brokers.status', { count: brokers.length, from: from.name, to: to.name }));
  ex.view.mode = 'brokers';
  ex.actions.showPanel('results', turn);
  ex.actions.syncUrl();
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

/** A reason with its kind and each side's dated evidence. */
function reasonItem(r: Reason): HTMLElement {
  return h('li', { class: 'reason', 'data-kind': r.kind },
    h('span', { class: 'kind' }, t(`explorer.partners.reasonKinds.${r.kind}`)), ' ', r.explanation,
    r.sampled ? h('span', { class: 'muted' }, ' ', t('explorer.partners.sampled')) : '',
    h('ul', { class: 'evidence', 'aria-label': t('explorer.partners.evidence') },
      ...r.evidence.map((e) => h('li', {}, h('time', {}, e.date ? formatDate(e.date) : t('explorer.partners.undated')), ' ', e.explanation, h('span', { class: 'muted' }, ' · ', t('explorer.partners.sources', { count: e.sourceIds.length }))))),
  );
}

const score = (value: number) => t('explorer.score', { score: formatNumber(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) });

function organizationButton(ex: Explorer, organization: GNode): HTMLElement {
  return h('button', { type: 'button', class: 'link', onclick: () => { ex.graph.addNode(organization, 'pick', { x: Math.random() * 200, y: Math.random() * 200 }); ex.actions.selectNode(organization.id); } }, organization.name);
}

/** Lists organizations that share the most with `entity`, optionally in one country, with the reasons, a "why not" and a group to reach (dropped when a later question of the results list was asked meanwhile). */
export async function suggestPartners(ex: Explorer, entity: GNode, country: string): Promise<void> {
  const question = ++ex.view.resultsQuestion;
  const turn = ex.actions.askPanel();
  ex.status(t('explorer.partners.looking'));
  let suggestions: { score: number; organization: GNode; reasons: Reason[] }[];
  try {
    suggestions = (await gql<{ suggestedPartners: typeof suggestions }>(SUGGESTED, { id: entity.id, country: country || null })).suggestedPartners;
  } catch (error) {
    if (question === ex.view.resultsQuestion) ex.status(t('explorer.partners.failed', { message: (error as Error).message }), true);
    return;
  }
  if (question !== ex.view.resultsQuestion) return;
  ex.status(t('explorer.partners.status', { count: suggestions.length, name: entity.name }));
  ex.view.mode = 'partners';
  ex.view.partnersCountry = country;
  ex.actions.showPanel('results', turn);
  ex.actions.syncUrl();
  const results = byId('results');
  results.replaceChildren(h('h2', {}, country ? t('explorer.partners.headingIn', { name: entity.name, country: countryName(country) }) : t('explorer.partners.heading', { name: entity.name })));
  if (!suggestions.length) results.append(h('p', { class: 'muted' }, t('explorer.partners.none')));
  for (const s of suggestions) {
    results.append(
      h('div', { class: 'list-item suggestion', 'data-id': s.organization.id },
        h('span', { class: 'dot', style: `background:${countryColor(countryOf(s.organization))}` }), ' ',
        organizationButton(ex, s.organization),
        h('span', { class: 'muted' }, ' · ', score(s.score)),
        h('ul', {}, ...s.reasons.slice(0, 4).map(reasonItem)),
      ),
    );
  }
  const whyInput = h('input', { id: 'why-not-input', type: 'text', placeholder: t('explorer.partners.whyNotPlaceholder') }) as HTMLInputElement;
  const whyAnswer = h('p', { id: 'why-not-answer', 'aria-live': 'polite' });
  const kindSelect = h('select', { id: 'group-kind', 'aria-label': t('explorer.partners.groupKind') }, h('option', { value: '' }, t('explorer.partners.anyKind')), ...GROUP_KINDS.map((k) => h('option', { value: k, selected: k === 'PHARMA' }, termName(k))));
  const groupCountry = country || (countryOf(entity) === 'JP' ? 'TW' : 'JP');
  results.append(
    h('div', { class: 'row', id: 'why-not' },
      h('label', { for: 'why-not-input' }, t('explorer.partners.whyNotLabel')), whyInput,
      h('button', { type: 'button', id: 'why-not-button', onclick: () => void whyNot(entity, whyInput.value.trim(), country, whyAnswer) }, t('explorer.partners.whyNotButton')),
    ),
    whyAnswer,
    h('div', { class: 'row', id: 'group-target' },
      h('span', {}, t('explorer.partners.groupLabel', { country: countryName(groupCountry) })), kindSelect,
      h('button', { type: 'button', id: 'group-reach', onclick: () => void reachGroup(ex, entity, groupCountry, kindSelect.value) }, t('explorer.partners.groupButton')),
    ),
  );
}

/** Says why `text` (a name or id) is not among the suggestions for `entity`. */
async function whyNot(entity: GNode, text: string, country: string, answer: HTMLElement): Promise<void> {
  if (!text) return;
  try {
    const [hit] = (await gql<{ search: { entity: { id: string } }[] }>(FIND_ORGANIZATION, { text })).search;
    if (!hit) {
      answer.textContent = t('explorer.partners.whyNotMissing', { text });
      return;
    }
    const why = (await gql<{ whyNotSuggested: { explanation: string } }>(WHY_NOT, { id: entity.id, other: hit.entity.id, country: country || null })).whyNotSuggested;
    answer.textContent = why.explanation;
  } catch (error) {
    answer.textContent = (error as Error).message;
  }
}

/** Lists the members of a group (country and kind) reachable from `entity`, each with its introducer, or why none is and the nearest way in. */
async function reachGroup(ex: Explorer, entity: GNode, country: string, kind: string): Promise<void> {
  let reach: { explanation: string; nearest: GNode[]; members: { score: number; explanation: string; organization: GNode; introducer: { name: string } | null; reasons: Reason[] }[] };
  try {
    reach = (await gql<{ groupReach: typeof reach }>(GROUP_REACH, { from: entity.id, group: { label: ORGANIZATION_TYPE, country, kind: kind || null } })).groupReach;
  } catch (error) {
    ex.status(t('explorer.partners.groupFailed', { message: (error as Error).message }), true);
    return;
  }
  const section = h('section', { id: 'group-results' },
    h('h3', {}, t('explorer.partners.groupHeading', { kind: kind ? termName(kind) : t('explorer.partners.anyKind'), country: countryName(country), name: entity.name })),
    h('p', { id: 'group-explanation' }, reach.explanation),
    ...reach.members.map((m) => h('div', { class: 'list-item member', 'data-id': m.organization.id },
      organizationButton(ex, m.organization), h('span', { class: 'muted' }, ' · ', score(m.score), m.introducer ? ` · ${t('explorer.partners.introducer', { name: m.introducer.name })}` : ''),
      h('ul', {}, ...m.reasons.slice(0, 2).map(reasonItem)))),
    reach.nearest.length ? h('p', { id: 'group-nearest' }, t('explorer.partners.nearest'), ' ', ...reach.nearest.map((n, i) => h('span', {}, i ? ', ' : '', organizationButton(ex, n)))) : null,
  );
  byId('group-results')?.remove();
  byId('results').append(section);
}
