/** The open conflicts: where sources give different values, every value with how many sources state it, each linking into the explorer. */
import { gql, h } from '../gql';
import { pageUrl, t } from '../i18n';
import { conflictAbout, corroborationText, unverifiedMark, valueText, type Corroboration } from '../provenance';

interface ConflictRow {
  subject: { id: string; name: string };
  property: string;
  relationshipType: string | null;
  other: { id: string; name: string } | null;
  values: { value: unknown; unverified: boolean; corroboration: Corroboration }[];
}

const CONFLICTS = /* GraphQL */ `
  query OpenConflicts {
    conflicts(first: 500) {
      subject { id name }
      property
      relationshipType
      other { id name }
      values { value unverified corroboration { sourceCount publisherCount } }
    }
  }
`;

/** Appends the card listing every open conflict. */
export async function renderConflicts(): Promise<void> {
  const { conflicts } = await gql<{ conflicts: ConflictRow[] }>(CONFLICTS);
  const about = (c: ConflictRow) => conflictAbout(c.property, c.relationshipType, c.other?.name ?? null);
  document.getElementById('charts')!.append(
    h('div', { class: 'card conflicts-card', id: 'open-conflicts' },
      h('h2', {}, t('overview.conflicts.title', { count: conflicts.length })),
      h('p', { class: 'hint' }, t('overview.conflicts.hint')),
      h('ul', { class: 'conflict-list' }, ...conflicts.map((c) =>
        h('li', { 'data-subject': c.subject.id, 'data-property': c.property },
          h('a', { href: pageUrl('/explore', { focus: c.subject.id }) }, c.subject.name),
          h('span', { class: 'muted' }, ` · ${about(c)}: `),
          ...c.values.flatMap((v, i) => [
            i ? h('span', { class: 'muted' }, ' | ') : null,
            h('span', { class: 'conflict-value' }, h('b', {}, valueText(v.value)), h('span', { class: 'muted' }, ` (${corroborationText(v.corroboration)})`), v.unverified ? unverifiedMark() : null),
          ]),
        ))),
    ),
  );
}
