/**
 * The organizations behind one bar of "Organizations by country and kind": a
 * list of their names, each opening the explorer, with the CSV export of the
 * same list. Shown under the chart when a bar (or a cell of the chart's table)
 * is chosen.
 */
import { exportLink } from '../exportLink';
import { gql, h } from '../gql';
import { pageUrl, t } from '../i18n';
import { countryName, termName } from '../i18n/terms';

/** Most names listed; the export has them all. */
const MOST = 100;

const ORGANIZATIONS = /* GraphQL */ `
  query OrganizationsOfKind($where: OrganizationWhere, $first: Int) {
    organizations(where: $where, first: $first, sort: [{ field: NAME }]) {
      totalCount
      edges { node { id name countryCode } }
    }
  }
`;

interface Answer {
  organizations: { totalCount: number; edges: { node: { id: string; name: string; countryCode: string | null } }[] };
}

/**
 * Lists the organizations of `kind` in `country` (null: with no known country)
 * in the element `panel`, replacing what it showed, and moves focus to its
 * heading so a keyboard or screen-reader user lands on the answer.
 */
export async function showOrganizations(panel: HTMLElement, kind: string, country: string | null): Promise<void> {
  const title = t('overview.organizations.listTitle', { kind: termName(kind), country: country ? countryName(country) : 'none' });
  const heading = h('h3', { id: 'org-list-title', tabindex: -1 }, title);
  panel.hidden = false;
  panel.replaceChildren(heading, h('p', { class: 'muted' }, t('common.loading')));
  const where = country ? { kind: { eq: kind }, countryCode: { eq: country } } : { kind: { eq: kind } };
  let answer: Answer;
  try {
    answer = await gql<Answer>(ORGANIZATIONS, { where, first: MOST });
  } catch (error) {
    panel.replaceChildren(heading, h('p', { class: 'error' }, t('overview.couldNotLoad', { what: title, message: (error as Error).message })));
    return;
  }
  const nodes = answer.organizations.edges.map((e) => e.node).filter((n) => country !== null || !n.countryCode);
  const total = country ? answer.organizations.totalCount : nodes.length;
  panel.replaceChildren(
    heading,
    h('p', { class: 'muted small' }, t('overview.organizations.listCount', { count: total }),
      ' ', country ? exportLink('ORGANIZATION', where, t('overview.organizations.listExport'), 'org-list-export') : null),
    h('ul', { class: 'org-list', id: 'org-list-items' }, ...nodes.map((n) => h('li', { 'data-id': n.id }, h('a', { href: pageUrl('/explore', { focus: n.id }) }, n.name)))),
  );
  heading.focus();
}
