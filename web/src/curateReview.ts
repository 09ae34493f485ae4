/**
 * /curate/review: the queue of PROPOSED changesets for reviewers. Each shows a
 * field-by-field diff against the graph as it is now, the new source with every
 * evidence passage highlighted in its stored text, and approve / reject with a
 * comment. A CONFLICT on approval (the graph moved since the proposal) is shown
 * with what changed. Editors see the queue but no review controls; the server
 * enforces the roles and the two-person rule either way.
 */
import { gql, h } from './gql';
import { formatDateTime, localizePage, t } from './i18n';
import { curatorGql, hasRole, loadSession, RequestError, SessionError, sessionBadge, signInForm } from './session';
import './style.css';
import './curate.css';

interface Operation {
  op: string;
  input: Record<string, unknown>;
}
interface Proposal {
  id: string;
  author: string;
  at: string;
  note: string;
  summary: string;
  operations: Operation[];
  rebasedAt: string | null;
}

/** The page's words for rebasing, in one place for translation. */
const TEXT = {
  rebase: t('curate.review.rebase'),
  couldNotRebase: (message: string) => t('curate.review.couldNotRebase', { message }),
  authorRebases: t('curate.review.authorRebases'),
  yours: t('curate.review.yours'),
  rebasedAt: (at: string) => t('curate.review.rebasedAt', { at }),
};

const DIFF_FIELDS = ['name', 'aliases', 'description', 'kind', 'country'];
/** An agreement's fields shown in the diff, besides its parties. */
const AGREEMENT_FIELDS = ['name', 'description', 'kind', 'exclusive', 'territory', 'signedOn', 'rightsGranted', 'covers'];
const ENTITY_NOW = 'query($id: ID!) { entity(id: $id) { name aliases description kind } }';
const show = (value: unknown): string => (value === undefined || value === null ? '—' : Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** The stored text with each passage marked, built from text nodes only. */
function highlighted(text: string, passages: string[]): HTMLElement {
  const ranges: [number, number][] = [];
  for (const p of passages) {
    const at = p ? text.indexOf(p) : -1;
    if (at >= 0) ranges.push([at, at + p.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const out = h('div', { class: 'article', tabindex: '0', 'aria-label': t('curate.review.textLabel') });
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    out.append(document.createTextNode(text.slice(at, start)));
    const mark = h('mark', { class: 'evidence' });
    mark.append(document.createTextNode(text.slice(start, end)));
    out.append(mark);
    at = end;
  }
  out.append(document.createTextNode(text.slice(at)));
  return out;
}

async function diffTable(operations: Operation[]): Promise<HTMLElement> {
  const rows: HTMLElement[] = [];
  for (const [index, { op, input }] of operations.entries()) {
    const label = `${index + 1}. ${op}`;
    if (op === 'upsertEntity') {
      const id = String(input.id);
      const current = await gql<{ entity: Record<string, unknown> | null }>(ENTITY_NOW, { id });
      const fields = DIFF_FIELDS.filter((f) => input[f] !== undefined && show(current.entity?.[f]) !== show(input[f]));
      const rowLabel = `${label} ${id}${current.entity ? '' : ` ${t('curate.review.newTarget')}`}`;
      if (fields.length === 0) rows.push(h('tr', {}, h('th', { scope: 'row' }, rowLabel), h('td', {}, t('curate.review.citation')), h('td', {}, t('curate.review.unchanged')), h('td', { class: 'after' }, t('curate.review.citesNew'))));
      for (const f of fields) {
        rows.push(h('tr', {}, h('th', { scope: 'row' }, rowLabel), h('td', {}, f), h('td', { class: 'before' }, show(current.entity?.[f])), h('td', { class: 'after' }, show(input[f]))));
      }
    } else if (op === 'recordAgreement') {
      const id = String(input.id);
      const current = await gql<{ entity: Record<string, unknown> | null }>(ENTITY_NOW, { id });
      // The diff shows proposed values as the API takes them (LICENSE, LICENSOR), like every other field.
      const parties = ((input.parties as { organization: string; role: string }[] | undefined) ?? []).map((p) => t('curate.review.partyAs', { organization: p.organization, role: p.role }));
      const values: [string, unknown][] = [...AGREEMENT_FIELDS.map((f) => [f, input[f]] as [string, unknown]), ['parties', parties]];
      for (const [f, value] of values.filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) {
        rows.push(h('tr', {}, h('th', { scope: 'row' }, `${label} ${id}${current.entity ? '' : ` ${t('curate.review.newTarget')}`}`), h('td', {}, f), h('td', { class: 'before' }, show(current.entity?.[f])), h('td', { class: 'after' }, show(value))));
      }
    } else if (op === 'cite') {
      // A confirmed mention: the target stays as it is and cites the new source.
      rows.push(h('tr', {}, h('th', { scope: 'row' }, `${label} ${show(input.targetId)}`), h('td', {}, t('curate.review.citation')), h('td', {}, t('curate.review.unchanged')), h('td', { class: 'after' }, t('curate.review.citesNew'))));
    } else if (op === 'claim') {
      // A claim stands beside the graph's value: "now" stays as it is.
      rows.push(h('tr', {}, h('th', { scope: 'row' }, `${label} ${show(input.entityId)}`), h('td', {}, t('curate.review.claimField', { property: show(input.property) })), h('td', { class: 'before' }, t('curate.review.keptAsIs')), h('td', { class: 'after' }, input.asOf ? t('curate.review.valueAsOf', { value: show(input.value), date: show(input.asOf) }) : show(input.value))));
    } else if (op === 'linkEntities') {
      rows.push(h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, t('curate.review.relationship')), h('td', { class: 'before' }, '—'), h('td', { class: 'after' }, `${show(input.from)} —${show(input.type)}→ ${show(input.to)}`)));
    } else if (op === 'restore' && input.fields && typeof input.fields === 'object') {
      // A revert: each field goes back to its earlier value.
      const fields = Object.entries(input.fields as Record<string, unknown>).filter(([f]) => !f.startsWith('search'));
      for (const [f, value] of fields) rows.push(h('tr', {}, h('th', { scope: 'row' }, `${label} ${show(input.targetId)}`), h('td', {}, f), h('td', { class: 'before' }, t('curate.review.asNow')), h('td', { class: 'after' }, show(value))));
    } else {
      rows.push(h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, t('curate.review.input')), h('td', {}, '—'), h('td', { class: 'after' }, JSON.stringify(input))));
    }
  }
  return h('table', { class: 'diff' }, h('caption', { class: 'visually-hidden' }, t('curate.review.caption')), h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('curate.review.operation')), h('th', { scope: 'col' }, t('curate.review.field')), h('th', { scope: 'col' }, t('curate.review.now')), h('th', { scope: 'col' }, t('curate.review.proposed')))), h('tbody', {}, ...rows));
}

interface Conflict {
  targetId: string;
  expectedVersion: number;
  currentVersion: number;
  changed: { field: string; current: unknown; changeId: string; version: number }[];
}

/** What changed since the proposal was based: per target, each field's value now and the change that set it. */
function conflictDetails(conflicts: Conflict[] | undefined): HTMLElement {
  return h(
    'ul',
    { class: 'conflicts' },
    ...(conflicts ?? []).flatMap((c) =>
      c.changed.length === 0
        ? [h('li', {}, t('curate.review.nowAtVersion', { target: c.targetId, current: c.currentVersion, expected: c.expectedVersion }))]
        : c.changed.map((f) => h('li', {}, t('curate.review.fieldIsNow', { target: c.targetId, field: f.field, value: show(f.current), change: f.changeId, version: f.version }))),
    ),
  );
}

/**
 * Rebase (the author's own proposals): rebaseChange bases the changeset on the
 * graph as it is now, keeping its id; the diff then shows the current values
 * and a reviewer approves it as usual.
 */
function rebaseButton(p: Proposal, message: HTMLElement, onDone: () => void): HTMLElement {
  const button = h('button', { type: 'button', class: 'rebase' }, TEXT.rebase);
  button.addEventListener('click', () => {
    void curatorGql('mutation($id: ID!) { rebaseChange(id: $id) { id rebasedAt } }', { id: p.id })
      .then(onDone)
      .catch((error: Error) => {
        message.className = 'error';
        message.textContent = TEXT.couldNotRebase(error.message);
        if (error instanceof RequestError && error.extensions.code === 'CONFLICT') message.append(conflictDetails(error.extensions.conflicts as Conflict[] | undefined));
      });
  });
  return button;
}

async function renderProposal(p: Proposal, reviewer: boolean, subject: string | undefined, onDone: () => void): Promise<HTMLElement> {
  const own = p.author === subject;
  const sources = p.operations.map((o) => (o.input.source as { new?: Record<string, unknown> } | undefined)?.new).filter((s): s is Record<string, unknown> => Boolean(s));
  const passages = [...new Set(p.operations.map((o) => String(o.input.evidence ?? '')).filter(Boolean))];
  const section = h('article', { class: 'card proposal', 'aria-labelledby': `p-${p.id}` }, h('h2', { id: `p-${p.id}` }, p.note), h('p', { class: 'muted' }, t('curate.review.proposedBy', { author: p.author, at: formatDateTime(p.at), id: p.id }), p.rebasedAt ? ` · ${TEXT.rebasedAt(formatDateTime(p.rebasedAt))}` : ''));
  section.append(h('h3', {}, t('curate.review.changes')), await diffTable(p.operations));
  for (const s of sources) {
    section.append(h('h3', {}, t('curate.review.source')), h('p', {}, `${show(s.publisher)} · ${show(s.title)} · ${show(s.publishedOn)} · ${show(s.language)} · ${show(s.kind)} `, s.url ? h('a', { href: String(s.url), rel: 'noreferrer' }, String(s.url)) : null));
    if (typeof s.text === 'string') section.append(highlighted(s.text, passages));
  }
  section.append(h('h3', {}, t('curate.review.evidence')), h('ul', {}, ...passages.map((e) => h('li', {}, h('q', {}, e)))));
  const message = h('div', { role: 'status' });
  if (reviewer) {
    const comment = h('textarea', { id: `comment-${p.id}`, rows: '2' });
    const approve = h('button', { type: 'button', class: 'primary' }, t('curate.review.approve'));
    const reject = h('button', { type: 'button' }, t('curate.review.reject'));
    const act = async (mutation: string): Promise<void> => {
      try {
        await curatorGql(mutation, { id: p.id, comment: comment.value.trim() || (mutation.includes('reject') ? t('curate.review.rejected') : null) });
        message.className = 'ok';
        message.textContent = t('curate.review.done');
        onDone();
      } catch (error) {
        message.className = 'error';
        message.textContent = error instanceof SessionError && error.code !== 'FORBIDDEN' ? t('curate.sessionExpired') : (error as Error).message;
        if (error instanceof RequestError && error.extensions.code === 'CONFLICT') {
          message.append(conflictDetails(error.extensions.conflicts as Conflict[] | undefined), own ? rebaseButton(p, message, onDone) : h('p', { class: 'muted' }, TEXT.authorRebases));
        }
      }
    };
    approve.addEventListener('click', () => void act('mutation($id: ID!, $comment: String) { approveChange(id: $id, comment: $comment) { id status } }'));
    reject.addEventListener('click', () => void act('mutation($id: ID!, $comment: String!) { rejectChange(id: $id, comment: $comment) { id status } }'));
    section.append(h('p', { class: 'field' }, h('label', { for: `comment-${p.id}` }, t('curate.review.comment')), comment), h('p', {}, approve, ' ', reject));
  }
  if (own) section.append(h('p', { class: 'muted' }, TEXT.yours, ' ', rebaseButton(p, message, onDone)));
  section.append(message);
  return section;
}

async function main(): Promise<void> {
  localizePage();
  const session = await loadSession();
  const header = document.getElementById('session')!;
  const gate = document.getElementById('gate')!;
  const workspace = document.getElementById('workspace')!;
  const refresh = (): void => void main();
  header.replaceChildren(sessionBadge(refresh));
  if (!session.user || !(hasRole('editor') || hasRole('reviewer'))) {
    workspace.hidden = true;
    gate.replaceChildren(session.user ? h('p', { class: 'error' }, t('curate.review.forEditors')) : signInForm('/curate/review', refresh));
    return;
  }
  gate.replaceChildren();
  workspace.hidden = false;
  workspace.replaceChildren(h('p', { role: 'status', class: 'muted' }, t('curate.review.loading')));
  const data = await curatorGql<{ changes: { edges: { node: Proposal }[] } }>('{ changes(status: [PROPOSED], first: 50) { edges { node { id author at note summary operations rebasedAt } } } }');
  const proposals = data.changes.edges.map((e) => e.node);
  const reviewer = hasRole('reviewer');
  const items = await Promise.all(proposals.map((p) => renderProposal(p, reviewer, session.user?.subject, refresh)));
  workspace.replaceChildren(
    h('p', { class: 'muted' }, proposals.length === 0 ? t('curate.review.none') : `${t('curate.review.waiting', { count: proposals.length })}${reviewer ? '' : ` ${t('curate.review.onlyReviewers')}`}`),
    ...items,
  );
}

void main();
