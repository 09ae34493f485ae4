/**
 * The history tab of the explorer's entity view: the changesets that touched
 * the entity, newest first, field by field, with who proposed and who reviewed
 * each. A signed-in reviewer gets a revert button on each (revertChange proposes
 * the inverse for review). Loaded when opened; every value shown as text.
 */
import { gql, h } from '../gql';
import { formatDateTime, t } from '../i18n';
import { curatorGql, hasRole, loadSession } from '../session';

interface HistoryRevision {
  version: number;
  created: boolean;
  fields: { field: string; before: unknown; after: unknown }[];
  change: { id: string; at: string; author: string; reviewer: string | null; reviewComment: string | null; status: string; note: string; summary: string };
}

const HISTORY = `query($id: ID!) { entity(id: $id) { history(first: 20) { edges { node {
  version created fields { field before after }
  change { id at author reviewer reviewComment status note summary }
} } } } }`;

const show = (value: unknown): string => (value === undefined || value === null ? '—' : Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value));

async function renderHistory(id: string, body: HTMLElement): Promise<void> {
  body.replaceChildren(h('p', { class: 'muted' }, t('explorer.history.loading')));
  const [data] = await Promise.all([gql<{ entity: { history: { edges: { node: HistoryRevision }[] } } | null }>(HISTORY, { id }), loadSession()]);
  const revisions = data.entity?.history.edges.map((e) => e.node) ?? [];
  if (revisions.length === 0) {
    body.replaceChildren(h('p', { class: 'muted' }, t('explorer.history.none')));
    return;
  }
  const reviewer = hasRole('reviewer');
  body.replaceChildren(
    h(
      'ol',
      { class: 'history', id: 'history-list' },
      ...revisions.map((r) => {
        const status = h('span', { role: 'status' });
        const revert = reviewer ? h('button', { type: 'button', class: 'revert' }, t('explorer.history.revert')) : null;
        revert?.addEventListener('click', () => {
          const note = prompt(t('explorer.history.why'));
          if (!note) return;
          void curatorGql<{ revertChange: { id: string } }>('mutation($id: ID!, $note: String!) { revertChange(id: $id, note: $note) { id } }', { id: r.change.id, note })
            .then((d) => (status.textContent = ` ${t('explorer.history.proposed', { id: d.revertChange.id })}`))
            .catch((error: Error) => (status.textContent = ` ${error.message}`));
        });
        return h(
          'li',
          {},
          h('strong', {}, `${r.created ? t('explorer.history.versionCreated', { version: r.version }) : t('explorer.history.version', { version: r.version })} · ${formatDateTime(r.change.at)}`),
          h('div', { class: 'muted small' }, `${r.change.note} — `, r.change.reviewer ? t('explorer.history.byReviewed', { author: r.change.author, reviewer: r.change.reviewer }) : t('explorer.history.by', { author: r.change.author }), r.change.reviewComment ? ` (“${r.change.reviewComment}”)` : ''),
          h(
            'table',
            { class: 'diff' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('explorer.history.field')), h('th', { scope: 'col' }, t('explorer.history.before')), h('th', { scope: 'col' }, t('explorer.history.after')))),
            h('tbody', {}, ...r.fields.map((f) => h('tr', {}, h('td', {}, f.field), h('td', { class: 'before' }, show(f.before)), h('td', { class: 'after' }, show(f.after))))),
          ),
          revert,
          status,
        );
      }),
    ),
  );
}

/** The collapsed history section of an entity; its changes load when it is opened. */
export function historySection(id: string): HTMLElement {
  const body = h('div', { id: 'history-body' });
  const section = h('details', { id: 'details-history', class: 'history-tab' }, h('summary', {}, t('explorer.history.title')), body);
  let loaded = false;
  section.addEventListener('toggle', () => {
    if (!section.open || loaded) return;
    loaded = true;
    renderHistory(id, body).catch((error: Error) => body.replaceChildren(h('p', { class: 'error' }, t('explorer.history.failed', { message: error.message }))));
  });
  return section;
}
