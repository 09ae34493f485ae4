/**
 * "What changed this week": the changes applied in the last seven days, newest
 * first (Query.changes), each with its summary, who wrote it (and who reviewed
 * it), when it was applied and links to the entities it touched. Every text
 * from the graph goes in as text, never as markup.
 */
import { gql, h } from '../gql';
import { formatDateTime, pageUrl, t, tNodes } from '../i18n';

/** How many changes the card lists at most (one page of `changes`). */
export const WEEK_CHANGES = 100;
const WEEK_MS = 7 * 24 * 3_600 * 1_000;

interface ChangeRow {
  id: string;
  kind: string;
  summary: string;
  author: string;
  reviewer: string | null;
  appliedAt: string | null;
  at: string;
  targetIds: string[];
}

const WEEK = /* GraphQL */ `
  query ChangesThisWeek($since: DateTime!, $first: Int!) {
    changes(since: $since, first: $first) {
      edges { node { id kind summary author reviewer appliedAt at targetIds } }
      pageInfo { hasNextPage }
    }
  }
`;

const NAMES = /* GraphQL */ `
  query ChangedEntities($ids: [ID!]!) {
    entities(ids: $ids) { id name }
  }
`;

/**
 * The entities a change is about, to link to: the entities among its targets; for
 * a change that wrote only relationships (`from--TYPE--to`), both ends of each.
 * (An entity's write also lists relationships it touched by the way, such as
 * LOCATED_IN its country; those are not what it is about.)
 */
export function touchedEntities(targetIds: readonly string[]): string[] {
  const targets = targetIds.filter((id) => id !== '' && !id.startsWith('source:'));
  const entities = targets.filter((id) => !id.includes('--'));
  const ids = entities.length > 0 ? entities : targets.flatMap((id) => id.split('--').filter((_, i) => i === 0 || i === 2));
  return [...new Set(ids)];
}

const when = (iso: string) => {
  const d = new Date(iso);
  return h('time', { datetime: d.toISOString() }, formatDateTime(d));
};

/** Appends the card "What changed this week". */
export async function renderRecentChanges(now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - WEEK_MS).toISOString();
  const { changes } = await gql<{ changes: { edges: { node: ChangeRow }[]; pageInfo: { hasNextPage: boolean } } }>(WEEK, { since, first: WEEK_CHANGES });
  const rows = changes.edges.map((e) => e.node);
  const ids = [...new Set(rows.flatMap((r) => touchedEntities(r.targetIds)))].slice(0, 100);
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const { entities } = await gql<{ entities: ({ id: string; name: string } | null)[] }>(NAMES, { ids });
    for (const e of entities) if (e) names.set(e.id, e.name);
  }
  const entityLink = (id: string) =>
    names.has(id) ? h('a', { href: pageUrl('/explore', { focus: id }), class: 'change-entity' }, names.get(id)!) : h('span', { class: 'change-entity muted' }, id);
  const feed = `/feed.atom?${new URLSearchParams({ since }).toString()}`;
  const title = changes.pageInfo.hasNextPage ? t('overview.changes.titleNewest', { count: rows.length }) : t('overview.changes.title', { count: rows.length });
  document.getElementById('charts')!.append(
    h('section', { class: 'card changes-card', id: 'changes-this-week', 'aria-labelledby': 'changes-this-week-title' },
      h('h2', { id: 'changes-this-week-title' }, title),
      h('p', { class: 'hint' }, ...tNodes('overview.changes.hint', { feed: h('a', { href: feed }, t('overview.changes.feed')) })),
      rows.length === 0
        ? h('p', { class: 'muted', id: 'changes-none' }, t('overview.changes.none'))
        : h('ol', { class: 'change-list' }, ...rows.map((c) => {
            const touched = touchedEntities(c.targetIds);
            return h('li', { 'data-id': c.id, 'data-kind': c.kind },
              h('span', { class: 'change-summary' }, c.summary || c.kind),
              h('span', { class: 'change-meta muted' }, ' · ', ...(c.reviewer
                ? tNodes('overview.changes.byReviewed', { author: h('span', { class: 'change-author' }, c.author), reviewer: h('span', { class: 'change-reviewer' }, c.reviewer), when: when(c.appliedAt ?? c.at) })
                : tNodes('overview.changes.by', { author: h('span', { class: 'change-author' }, c.author), when: when(c.appliedAt ?? c.at) }))),
              touched.length > 0
                ? h('span', { class: 'change-entities' }, ' · ', ...tNodes('overview.changes.about', { entities: h('span', {}, ...touched.flatMap((id, i) => [i ? t('common.listSeparator') : null, entityLink(id)])) }))
                : null,
            );
          })),
    ),
  );
}
