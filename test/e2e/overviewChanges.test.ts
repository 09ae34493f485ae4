/**
 * End to end: the overview shows what changed this week. Over the seed, a
 * direct write, a reviewed changeset, a proposal nobody approved and a change
 * of last month, the card lists exactly the applied changes of the last seven
 * days that `changes` gives, newest first, each with its summary, author,
 * reviewer, time and links to the entities it touched; text from the graph
 * stays text; axe finds nothing serious or critical on the page.
 */
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { mintToken, newJwtSecret } from '../support/tokens';
import { SHOTS, startBrowserSession, type BrowserSession } from './browser';

/** The screenshot the docs show is rewritten only when asked (UPDATE_DOCS_SCREENSHOTS=1), so a test run leaves the tree clean. */
const DOCS_SHOTS = process.env.UPDATE_DOCS_SCREENSHOTS === '1' ? resolve(__dirname, '..', '..', 'docs', 'screenshots') : SHOTS;
const secret = newJwtSecret();
const SOURCE = { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' };
const UPSERT = `mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { change { id } } }`;
const PROPOSE = `mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { id } }`;
const APPROVE = `mutation($id: ID!) { approveChange(id: $id) { id } }`;
const LINK = `mutation($input: LinkEntitiesInput!) { linkEntities(input: $input) { change { id } } }`;
const WEEK = `query($since: DateTime!) { changes(since: $since, first: 100) { edges { node { id kind summary author reviewer appliedAt targetIds } } } }`;

interface ApiChange {
  id: string;
  kind: string;
  summary: string;
  author: string;
  reviewer: string | null;
  appliedAt: string;
  targetIds: string[];
}

function organization(id: string, name: string, country: string) {
  return { type: 'ORGANIZATION', id, name, kind: 'COMPANY', country, description: 'Made up for the overview test.', source: SOURCE, evidence: 'The overview test writes it.' };
}

let session: BrowserSession;
let headers: Record<string, Record<string, string>>;
const written: Record<string, string> = {};

async function ok<T>(query: string, variables: Record<string, unknown>, as: Record<string, string>): Promise<T> {
  const answer = await session.app.graphql<T>(query, variables, as);
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

beforeAll(async () => {
  session = await startBrowserSession({ app: { auth: { jwtSecret: secret } } });
  headers = {
    alice: { authorization: `Bearer ${await mintToken(secret, 'alice@example.org', ['editor'], '30m')}` },
    bob: { authorization: `Bearer ${await mintToken(secret, 'bob@example.org', ['reviewer'], '30m')}` },
  };
  // A change of last month: written, then dated back.
  written.old = (await ok<{ upsertEntity: { change: { id: string } } }>(UPSERT, { input: organization('overview-old-org', 'Overview Lastmonth Cells', 'JP') }, headers.alice!)).upsertEntity.change.id;
  await session.app.driver.executeQuery(
    "MATCH (c:Change {id: $id}) SET c.at = datetime() - duration('P30D'), c.statusAt = datetime() - duration('P30D'), c.appliedAt = datetime() - duration('P30D')",
    { id: written.old },
  );
  written.direct = (await ok<{ upsertEntity: { change: { id: string } } }>(UPSERT, { input: organization('overview-tw-org', 'Overview Formosa Regenerative', 'TW') }, headers.alice!)).upsertEntity.change.id;
  const proposed = await ok<{ proposeChange: { id: string } }>(
    PROPOSE,
    { input: { note: 'A Japanese partner, and the link between the two.', operations: [{ upsertEntity: organization('overview-jp-org', 'Overview Kansai Cell Works', 'JP') }] } },
    headers.alice!,
  );
  written.reviewed = (await ok<{ approveChange: { id: string } }>(APPROVE, { id: proposed.proposeChange.id }, headers.bob!)).approveChange.id;
  written.link = (await ok<{ linkEntities: { change: { id: string } } }>(
    LINK,
    { input: { from: 'overview-tw-org', type: 'PART_OF', to: 'overview-jp-org', source: SOURCE, evidence: 'The overview test links them.' } },
    headers.alice!,
  )).linkEntities.change.id;
  written.pending = (await ok<{ proposeChange: { id: string } }>(
    PROPOSE,
    { input: { note: 'Not reviewed yet.', operations: [{ upsertEntity: organization('overview-pending-org', 'Overview Pending Biologics', 'TW') }] } },
    headers.alice!,
  )).proposeChange.id;
  // Markup in text from the graph: an entity's name and a change's summary.
  written.hostile = (await ok<{ upsertEntity: { change: { id: string } } }>(UPSERT, { input: organization('overview-markup-org', 'Overview Markup Therapeutics', 'TW') }, headers.alice!)).upsertEntity.change.id;
  await session.app.driver.executeQuery(
    `MATCH (c:Change {id: $id}) SET c.summary = 'created <img src=x onerror="document.title=1"><b>bold</b>'
     WITH c MATCH (o:Organization {id: 'overview-markup-org'}) SET o.name = '<i>Overview</i> <script>document.title=2</script>'`,
    { id: written.hostile },
  );
}, 300_000);

afterAll(async () => {
  await session?.close();
});

afterEach(() => {
  expect(session.pageErrors).toEqual([]);
});

async function openOverview(): Promise<Page> {
  const page = await session.openPage('/');
  await page.waitForSelector('#changes-this-week ol.change-list li', { timeout: 60_000 });
  return page;
}

/** What the card shows of each change. */
function shown(page: Page) {
  return page.locator('#changes-this-week ol.change-list > li').evaluateAll((els) =>
    els.map((el) => ({
      id: el.getAttribute('data-id'),
      summary: el.querySelector('.change-summary')?.textContent ?? '',
      elementsInSummary: el.querySelector('.change-summary')?.children.length ?? -1,
      author: el.querySelector('.change-author')?.textContent ?? null,
      reviewer: el.querySelector('.change-reviewer')?.textContent ?? null,
      time: el.querySelector('time')?.getAttribute('datetime') ?? null,
      links: [...el.querySelectorAll('a.change-entity')].map((a) => [a.textContent, a.getAttribute('href')]),
    })),
  );
}

describe('overview: what changed this week', () => {
  it("lists the week's applied changes as `changes` gives them, newest first, and nothing older or unreviewed", async () => {
    const since = new Date(Date.now() - 7 * 24 * 3_600_000).toISOString();
    const api = (await ok<{ changes: { edges: { node: ApiChange }[] } }>(WEEK, { since }, {})).changes.edges.map((e) => e.node);
    expect(api.map((c) => c.id).slice(0, 4)).toEqual([written.hostile, written.link, written.reviewed, written.direct]);

    const page = await openOverview();
    const rows = await shown(page);
    expect(rows.map((r) => r.id)).toEqual(api.map((c) => c.id));
    expect(rows.map((r) => r.id)).not.toContain(written.old);
    expect(rows.map((r) => r.id)).not.toContain(written.pending);
    for (const [i, row] of rows.entries()) {
      expect(row.summary).toBe(api[i]!.summary);
      expect(row.author).toBe(api[i]!.author);
      expect(row.reviewer).toBe(api[i]!.reviewer);
      expect(row.time).toBe(new Date(api[i]!.appliedAt).toISOString());
    }
    await expect(page.locator('#changes-this-week-title').textContent()).resolves.toBe(`What changed this week (${api.length})`);
    await page.close();
  });

  it('names who wrote and who reviewed each change, and links to the entities it touched', async () => {
    const page = await openOverview();
    const rows = await shown(page);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(written.direct)).toMatchObject({
      summary: 'created Organization overview-tw-org',
      author: 'alice@example.org',
      reviewer: null,
      links: [['Overview Formosa Regenerative', '/explore?focus=overview-tw-org']],
    });
    expect(byId.get(written.reviewed)).toMatchObject({ author: 'alice@example.org', reviewer: 'bob@example.org', links: [['Overview Kansai Cell Works', '/explore?focus=overview-jp-org']] });
    // A relationship links to both its ends.
    expect(byId.get(written.link)!.links).toEqual([
      ['Overview Formosa Regenerative', '/explore?focus=overview-tw-org'],
      ['Overview Kansai Cell Works', '/explore?focus=overview-jp-org'],
    ]);
    await page.locator(`#changes-this-week li[data-id="${written.reviewed}"] a.change-entity`).click();
    await page.waitForFunction(`document.querySelector('#details-name')?.textContent === 'Overview Kansai Cell Works'`, undefined, { timeout: 30_000 });
    await page.close();
  });

  it('shows text from the graph as text: markup in a summary or a name is neither rendered nor run', async () => {
    const page = await openOverview();
    const hostile = (await shown(page)).find((r) => r.id === written.hostile)!;
    expect(hostile.summary).toBe('created <img src=x onerror="document.title=1"><b>bold</b>');
    expect(hostile.elementsInSummary).toBe(0);
    expect(hostile.links).toEqual([['<i>Overview</i> <script>document.title=2</script>', '/explore?focus=overview-markup-org']]);
    expect(await page.locator('#changes-this-week img, #changes-this-week b, #changes-this-week i, #changes-this-week script').count()).toBe(0);
    expect(await page.title()).toBe('Overview · Taiwan–Japan regenerative medicine graph');
    await page.close();
  });

  it('passes axe with no serious or critical violation, and is drawn for the docs', async () => {
    const page = await openOverview();
    await page.waitForSelector('#open-conflicts', { timeout: 30_000 });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(0);
    await page.locator('#changes-this-week').screenshot({ path: resolve(DOCS_SHOTS, 'overview-changes-this-week.png') });
    await page.close();
  });
});
