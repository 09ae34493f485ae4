/**
 * /curate/review: the queue of PROPOSED changesets for reviewers. Each shows a
 * field-by-field diff against the graph as it is now, the new source with every
 * evidence passage highlighted in its stored text, and approve / reject with a
 * comment. A CONFLICT on approval (the graph moved since the proposal) is shown
 * with what changed. Editors see the queue but no review controls; the server
 * enforces the roles and the two-person rule either way.
 */
import { gql, h } from './gql';
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
  rebase: 'Rebase on the current graph',
  couldNotRebase: (message: string) => `Could not rebase: ${message}`,
  authorRebases: 'The graph moved since this was proposed: its author can rebase it on the current graph, then it can be approved.',
  yours: 'Your proposal: if the graph moved since, rebase it on the current graph.',
  rebasedAt: (at: string) => `Rebased on the current graph at ${at}.`,
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
  const out = h('div', { class: 'article', tabindex: '0', 'aria-label': 'The source text with the evidence passages highlighted' });
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
      const rowLabel = `${label} ${id}${current.entity ? '' : ' (new)'}`;
      if (fields.length === 0) rows.push(h('tr', {}, h('th', { scope: 'row' }, rowLabel), h('td', {}, 'citation'), h('td', {}, 'unchanged'), h('td', { class: 'after' }, 'cites the new source')));
      for (const f of fields) {
        rows.push(h('tr', {}, h('th', { scope: 'row' }, rowLabel), h('td', {}, f), h('td', { class: 'before' }, show(current.entity?.[f])), h('td', { class: 'after' }, show(input[f]))));
      }
    } else if (op === 'recordAgreement') {
      const id = String(input.id);
      const current = await gql<{ entity: Record<string, unknown> | null }>(ENTITY_NOW, { id });
      const parties = ((input.parties as { organization: string; role: string }[] | undefined) ?? []).map((p) => `${p.organization} as ${p.role}`);
      const values: [string, unknown][] = [...AGREEMENT_FIELDS.map((f) => [f, input[f]] as [string, unknown]), ['parties', parties]];
      for (const [f, value] of values.filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) {
        rows.push(h('tr', {}, h('th', { scope: 'row' }, `${label} ${id}${current.entity ? '' : ' (new)'}`), h('td', {}, f), h('td', { class: 'before' }, show(current.entity?.[f])), h('td', { class: 'after' }, show(value))));
      }
    } else if (op === 'claim') {
      // A claim stands beside the graph's value: "now" stays as it is.
      rows.push(h('tr', {}, h('th', { scope: 'row' }, `${label} ${show(input.entityId)}`), h('td', {}, `${show(input.property)} (claim)`), h('td', { class: 'before' }, 'kept as it is'), h('td', { class: 'after' }, `${show(input.value)}${input.asOf ? ` as of ${show(input.asOf)}` : ''}`)));
    } else if (op === 'linkEntities') {
      rows.push(h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, 'relationship'), h('td', { class: 'before' }, '—'), h('td', { class: 'after' }, `${show(input.from)} —${show(input.type)}→ ${show(input.to)}`)));
    } else if (op === 'restore' && input.fields && typeof input.fields === 'object') {
      // A revert: each field goes back to its earlier value.
      const fields = Object.entries(input.fields as Record<string, unknown>).filter(([f]) => !f.startsWith('search'));
      for (const [f, value] of fields) rows.push(h('tr', {}, h('th', { scope: 'row' }, `${label} ${show(input.targetId)}`), h('td', {}, f), h('td', { class: 'before' }, 'as now'), h('td', { class: 'after' }, show(value))));
    } else {
      rows.push(h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, 'input'), h('td', {}, '—'), h('td', { class: 'after' }, JSON.stringify(input))));
    }
  }
  return h('table', { class: 'diff' }, h('caption', { class: 'visually-hidden' }, 'Field-by-field changes'), h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Operation'), h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Now'), h('th', { scope: 'col' }, 'Proposed'))), h('tbody', {}, ...rows));
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
        ? [h('li', {}, `${c.targetId}: now at version ${c.currentVersion} (the proposal was based on ${c.expectedVersion})`)]
        : c.changed.map((f) => h('li', {}, `${c.targetId} · ${f.field} is now “${show(f.current)}” (change ${f.changeId}, version ${f.version})`)),
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
  const section = h('article', { class: 'card proposal', 'aria-labelledby': `p-${p.id}` }, h('h2', { id: `p-${p.id}` }, p.note), h('p', { class: 'muted' }, `Proposed by ${p.author} at ${new Date(p.at).toLocaleString()} · ${p.id}`, p.rebasedAt ? ` · ${TEXT.rebasedAt(new Date(p.rebasedAt).toLocaleString())}` : ''));
  section.append(h('h3', {}, 'Changes'), await diffTable(p.operations));
  for (const s of sources) {
    section.append(h('h3', {}, 'Source'), h('p', {}, `${show(s.publisher)} · ${show(s.title)} · ${show(s.publishedOn)} · ${show(s.language)} · ${show(s.kind)} `, s.url ? h('a', { href: String(s.url), rel: 'noreferrer' }, String(s.url)) : null));
    if (typeof s.text === 'string') section.append(highlighted(s.text, passages));
  }
  section.append(h('h3', {}, 'Evidence'), h('ul', {}, ...passages.map((e) => h('li', {}, h('q', {}, e)))));
  const message = h('div', { role: 'status' });
  if (reviewer) {
    const comment = h('textarea', { id: `comment-${p.id}`, rows: '2' });
    const approve = h('button', { type: 'button', class: 'primary' }, 'Approve');
    const reject = h('button', { type: 'button' }, 'Reject');
    const act = async (mutation: string): Promise<void> => {
      try {
        await curatorGql(mutation, { id: p.id, comment: comment.value.trim() || (mutation.includes('reject') ? 'Rejected.' : null) });
        message.className = 'ok';
        message.textContent = 'Done.';
        onDone();
      } catch (error) {
        message.className = 'error';
        message.textContent = error instanceof SessionError && error.code !== 'FORBIDDEN' ? 'Your session has expired; sign in again.' : (error as Error).message;
        if (error instanceof RequestError && error.extensions.code === 'CONFLICT') {
          message.append(conflictDetails(error.extensions.conflicts as Conflict[] | undefined), own ? rebaseButton(p, message, onDone) : h('p', { class: 'muted' }, TEXT.authorRebases));
        }
      }
    };
    approve.addEventListener('click', () => void act('mutation($id: ID!, $comment: String) { approveChange(id: $id, comment: $comment) { id status } }'));
    reject.addEventListener('click', () => void act('mutation($id: ID!, $comment: String!) { rejectChange(id: $id, comment: $comment) { id status } }'));
    section.append(h('p', { class: 'field' }, h('label', { for: `comment-${p.id}` }, 'Comment'), comment), h('p', {}, approve, ' ', reject));
  }
  if (own) section.append(h('p', { class: 'muted' }, TEXT.yours, ' ', rebaseButton(p, message, onDone)));
  section.append(message);
  return section;
}

async function main(): Promise<void> {
  const session = await loadSession();
  const header = document.getElementById('session')!;
  const gate = document.getElementById('gate')!;
  const workspace = document.getElementById('workspace')!;
  const refresh = (): void => void main();
  header.replaceChildren(sessionBadge(refresh));
  if (!session.user || !(hasRole('editor') || hasRole('reviewer'))) {
    workspace.hidden = true;
    gate.replaceChildren(session.user ? h('p', { class: 'error' }, 'The review queue is for editors and reviewers.') : signInForm('/curate/review', refresh));
    return;
  }
  gate.replaceChildren();
  workspace.hidden = false;
  workspace.replaceChildren(h('p', { role: 'status', class: 'muted' }, 'Loading proposals…'));
  const data = await curatorGql<{ changes: { edges: { node: Proposal }[] } }>('{ changes(status: [PROPOSED], first: 50) { edges { node { id author at note summary operations rebasedAt } } } }');
  const proposals = data.changes.edges.map((e) => e.node);
  const reviewer = hasRole('reviewer');
  const items = await Promise.all(proposals.map((p) => renderProposal(p, reviewer, session.user?.subject, refresh)));
  workspace.replaceChildren(
    h('p', { class: 'muted' }, proposals.length === 0 ? 'No proposals wait for review.' : `${proposals.length} proposal(s) wait for review.${reviewer ? '' : ' Only reviewers approve or reject.'}`),
    ...items,
  );
}

void main();
