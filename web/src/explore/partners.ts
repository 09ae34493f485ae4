/** Brokers between the two picked entities, and suggested partners for one (with their dated evidence, a group to reach and "why not"). */
import { countryColor, gql, h } from '../gql';
import { countryOf, type GNode } from '../graph';
import { byId, type Explorer } from './context';
import { BROKERS, FIND_ORGANIZATION, GROUP_REACH, SUGGESTED, WHY_NOT, type Path, type Reason } from './queries';

/** Every user-visible string of the suggestions panel (kept together for translation, #31). */
export const SUGGESTION_STRINGS = {
  looking: 'Looking for partners…',
  failed: (message: string) => `Could not suggest partners: ${message}`,
  count: (n: number, name: string) => `${n} suggested partner${n === 1 ? '' : 's'} for ${name}.`,
  heading: (name: string, country: string) => `Suggested partners for ${name}${country ? ` in ${country}` : ''}`,
  none: 'No candidate shares enough with it.',
  score: (score: number) => ` · score ${score.toFixed(2)}`,
  sampled: ' (a hub: its members were sampled)',
  evidence: 'Evidence',
  undated: 'undated',
  sources: (n: number) => ` · ${n} source${n === 1 ? '' : 's'}`,
  whyNotLabel: 'Why not',
  whyNotPlaceholder: 'an organization you expected',
  whyNotButton: 'Why not?',
  whyNotMissing: (text: string) => `No organization is called ${text}.`,
  groupLabel: 'Reach a group',
  groupButton: 'Reach group',
  groupHeading: (kind: string, country: string, name: string) => `${kind || 'Organizations'} in ${country} reachable from ${name}`,
  anyKind: 'any kind',
  introducer: (name: string) => ` · via ${name}`,
  nearest: 'Nearest way in: ',
  groupFailed: (message: string) => `Could not reach the group: ${message}`,
} as const;

/** Organization kinds offered as a group's kind. */
const GROUP_KINDS = ['PHARMA', 'COMPANY', 'CDMO', 'HOSPITAL', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'INVESTOR', 'GOVERNMENT_AGENCY'];

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

/** A reason with its kind and each side's dated evidence. */
function reasonItem(r: Reason): HTMLElement {
  return h('li', { class: 'reason', 'data-kind': r.kind },
    h('span', { class: 'kind' }, r.kind.toLowerCase()), ' ', r.explanation,
    r.sampled ? h('span', { class: 'muted' }, SUGGESTION_STRINGS.sampled) : '',
    h('ul', { class: 'evidence', 'aria-label': SUGGESTION_STRINGS.evidence },
      ...r.evidence.map((e) => h('li', {}, h('time', {}, e.date ?? SUGGESTION_STRINGS.undated), ' ', e.explanation, h('span', { class: 'muted' }, SUGGESTION_STRINGS.sources(e.sourceIds.length))))),
  );
}

function organizationButton(ex: Explorer, organization: GNode): HTMLElement {
  return h('button', { type: 'button', class: 'link', onclick: () => { ex.graph.addNode(organization, 'pick', { x: Math.random() * 200, y: Math.random() * 200 }); ex.actions.selectNode(organization.id); } }, organization.name);
}

/** Lists organizations that share the most with `entity`, optionally in one country, with the reasons, a "why not" and a group to reach. */
export async function suggestPartners(ex: Explorer, entity: GNode, country: string): Promise<void> {
  const S = SUGGESTION_STRINGS;
  ex.status(S.looking);
  let suggestions: { score: number; organization: GNode; reasons: Reason[] }[];
  try {
    suggestions = (await gql<{ suggestedPartners: typeof suggestions }>(SUGGESTED, { id: entity.id, country: country || null })).suggestedPartners;
  } catch (error) {
    ex.status(S.failed((error as Error).message), true);
    return;
  }
  ex.status(S.count(suggestions.length, entity.name));
  const results = byId('results');
  results.replaceChildren(h('h2', {}, S.heading(entity.name, country)));
  if (!suggestions.length) results.append(h('p', { class: 'muted' }, S.none));
  for (const s of suggestions) {
    results.append(
      h('div', { class: 'list-item suggestion', 'data-id': s.organization.id },
        h('span', { class: 'dot', style: `background:${countryColor(countryOf(s.organization))}` }), ' ',
        organizationButton(ex, s.organization),
        h('span', { class: 'muted' }, S.score(s.score)),
        h('ul', {}, ...s.reasons.slice(0, 4).map(reasonItem)),
      ),
    );
  }
  const whyInput = h('input', { id: 'why-not-input', type: 'text', placeholder: S.whyNotPlaceholder, 'aria-label': S.whyNotLabel }) as HTMLInputElement;
  const whyAnswer = h('p', { id: 'why-not-answer', 'aria-live': 'polite' });
  const kindSelect = h('select', { id: 'group-kind', 'aria-label': S.groupLabel }, h('option', { value: '' }, S.anyKind), ...GROUP_KINDS.map((k) => h('option', { value: k, selected: k === 'PHARMA' }, k.toLowerCase().replace(/_/g, ' '))));
  const groupCountry = country || (countryOf(entity) === 'JP' ? 'TW' : 'JP');
  results.append(
    h('div', { class: 'row', id: 'why-not' },
      h('label', { for: 'why-not-input' }, S.whyNotLabel), whyInput,
      h('button', { type: 'button', id: 'why-not-button', onclick: () => void whyNot(entity, whyInput.value.trim(), country, whyAnswer) }, S.whyNotButton),
    ),
    whyAnswer,
    h('div', { class: 'row', id: 'group-target' },
      h('span', {}, `${S.groupLabel} (${groupCountry}):`), kindSelect,
      h('button', { type: 'button', id: 'group-reach', onclick: () => void reachGroup(ex, entity, groupCountry, kindSelect.value) }, S.groupButton),
    ),
  );
}

/** Says why `text` (a name or id) is not among the suggestions for `entity`. */
async function whyNot(entity: GNode, text: string, country: string, answer: HTMLElement): Promise<void> {
  if (!text) return;
  try {
    const [hit] = (await gql<{ search: { entity: { id: string } }[] }>(FIND_ORGANIZATION, { text })).search;
    if (!hit) {
      answer.textContent = SUGGESTION_STRINGS.whyNotMissing(text);
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
  const S = SUGGESTION_STRINGS;
  let reach: { explanation: string; nearest: GNode[]; members: { score: number; explanation: string; organization: GNode; introducer: { name: string } | null; reasons: Reason[] }[] };
  try {
    reach = (await gql<{ groupReach: typeof reach }>(GROUP_REACH, { from: entity.id, group: { label: 'ORGANIZATION', country, kind: kind || null } })).groupReach;
  } catch (error) {
    ex.status(S.groupFailed((error as Error).message), true);
    return;
  }
  const section = h('section', { id: 'group-results' },
    h('h3', {}, S.groupHeading(kind.toLowerCase().replace(/_/g, ' '), country, entity.name)),
    h('p', { id: 'group-explanation' }, reach.explanation),
    ...reach.members.map((m) => h('div', { class: 'list-item member', 'data-id': m.organization.id },
      organizationButton(ex, m.organization), h('span', { class: 'muted' }, `${S.score(m.score)}${m.introducer ? S.introducer(m.introducer.name) : ''}`),
      h('ul', {}, ...m.reasons.slice(0, 2).map(reasonItem)))),
    reach.nearest.length ? h('p', { id: 'group-nearest' }, S.nearest, ...reach.nearest.map((n, i) => h('span', {}, i ? ', ' : '', organizationButton(ex, n)))) : null,
  );
  byId('group-results')?.remove();
  byId('results').append(section);
}
