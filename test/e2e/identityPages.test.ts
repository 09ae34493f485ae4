/**
 * End to end: the explorer shows an entity's identity decisions as text, the
 * way the API words them: "Same entity as … because: …" and "Probably the same
 * as <the other entity, a link> because: …", with the pages each rests on and
 * where reviewers left it. Over the seed and the made-up fixture file of
 * test/identityDecisions.test.ts.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { loadEcosystemDirectory } from '../../src/ingest/loadEcosystem';
import { startBrowserSession, type BrowserSession } from './browser';

const FIXTURE_DIR = path.join(__dirname, '..', 'fixtures', 'ecosystem-identity');

let session: BrowserSession;

beforeAll(async () => {
  session = await startBrowserSession();
  await loadEcosystemDirectory(session.app.executor, FIXTURE_DIR);
}, 300_000);

afterAll(async () => {
  await session?.close();
});

afterEach(() => {
  expect(session.pageErrors).toEqual([]);
});

/** Opens the explorer focused on an entity and waits for its details. */
async function focus(id: string, name: string): Promise<Page> {
  const page = await session.openPage(`/explore?focus=${encodeURIComponent(id)}`);
  await page.waitForFunction(`document.querySelector('#details-name')?.textContent === ${JSON.stringify(name)}`, undefined, { timeout: 30_000 });
  return page;
}

interface ApiDecision {
  id: string;
  explanation: string;
  status: string;
  sources: { source: { publisher: string; kind: string } }[];
}

async function decisionsOf(id: string): Promise<ApiDecision[]> {
  const answer = await session.app.graphql<{ entity: { identityDecisions: ApiDecision[] } }>(
    'query($id: ID!) { entity(id: $id) { identityDecisions { id explanation status sources { source { publisher kind } } } } }',
    { id },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.entity.identityDecisions;
}

/** What the page shows of each decision: its sentence, status line and sources. */
async function shownDecisions(page: Page) {
  return page.locator('#identity li.identity-decision').evaluateAll((els) => els.map((el) => ({
    id: el.getAttribute('data-id'),
    status: el.getAttribute('data-status'),
    text: el.querySelector('.identity-text')?.textContent ?? '',
    elementsInText: el.querySelector('.identity-text')?.querySelectorAll('*').length ?? -1,
    statusLine: el.querySelector('.identity-status')?.textContent ?? '',
    sources: [...el.querySelectorAll('li.citation')].map((c) => [c.getAttribute('data-kind'), c.querySelector('.publisher')?.textContent]),
  })));
}

describe('explorer: whether names denote one entity', () => {
  it('shows a SAME decision as the sentence the API gives, "Same entity as … because: …", with its sources and status', async () => {
    const [expected] = await decisionsOf('fixture-lotus-cell');
    const page = await focus('fixture-lotus-cell', 'Fixture Lotus Cell Co.');
    const [shown, ...more] = await shownDecisions(page);
    expect(more).toEqual([]);
    expect(shown!.text).toBe(expected!.explanation);
    expect(shown!.text).toBe('Same entity as 蓮花細胞測試股份有限公司 because: The made-up article prints both names for the one company, with the same founder.');
    expect(shown!.elementsInText).toBe(0);
    expect(shown!.statusLine).toBe('Standing: no reviewer has ruled on it yet.');
    expect(shown!.sources).toEqual(expected!.sources.map((s) => [s.source.kind, s.source.publisher]));
    await expect(page.locator('#identity').getAttribute('aria-label')).resolves.toBe('Same entity?');
    await page.close();
  });

  it('shows a PROBABLY_SAME decision with a link to the other entity, reached with the Tab key and followed with Enter', async () => {
    const [expected] = await decisionsOf('fixture-kestrel-bio');
    const page = await focus('fixture-kestrel-bio', 'Fixture Kestrel Bio Inc.');
    const [shown] = await shownDecisions(page);
    expect(shown!.text).toBe(expected!.explanation);
    expect(shown!.text).toMatch(/^Probably the same as フィクスチャ・ケストレル・バイオ because: /);
    expect(shown!.sources).toEqual(expected!.sources.map((s) => [s.source.kind, s.source.publisher]));
    const link = page.locator('#identity a.identity-other');
    await expect(link.textContent()).resolves.toBe('フィクスチャ・ケストレル・バイオ');
    await expect(link.getAttribute('href')).resolves.toBe('/explore?focus=fixture-kestrel-jp');

    // From the top of the page, Tab alone reaches the link.
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    let reached = false;
    for (let i = 0; i < 200 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate(`document.activeElement?.classList.contains('identity-other') ?? false`)) as boolean;
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(`document.querySelector('#details-name')?.textContent === 'フィクスチャ・ケストレル・バイオ'`, undefined, { timeout: 30_000 });
    const [back] = await shownDecisions(page);
    expect(back!.text).toMatch(/^Probably the same as Fixture Kestrel Bio Inc\. because: /);
    await page.close();
  });

  it('shows text from the graph as text: markup in a reason is neither rendered nor run', async () => {
    await session.app.driver.executeQuery(
      "MATCH (d:IdentityDecision {id: 'fixture-identity-lotus-same'}) SET d.reason = 'Both names <img src=x onerror=\"document.title=1\"><b>bold</b> on one page.'",
    );
    const page = await focus('fixture-lotus-cell', 'Fixture Lotus Cell Co.');
    const [shown] = await shownDecisions(page);
    expect(shown!.text).toBe('Same entity as 蓮花細胞測試股份有限公司 because: Both names <img src=x onerror="document.title=1"><b>bold</b> on one page.');
    expect(shown!.elementsInText).toBe(0);
    expect(await page.locator('#identity img').count()).toBe(0);
    await page.close();
  });

  it("shows a reviewer's ruling with who and when", async () => {
    await session.app.driver.executeQuery(
      `MATCH (d:IdentityDecision {id: 'fixture-identity-kestrel-probably'})
       SET d.status = 'UNDONE', d.verdictBy = 'reviewer@example.org', d.verdictAt = datetime('2025-08-01T10:00:00Z'), d.verdictNote = 'Different founders.'`,
    );
    const page = await focus('fixture-kestrel-jp', 'フィクスチャ・ケストレル・バイオ');
    const [shown] = await shownDecisions(page);
    expect(shown!.status).toBe('UNDONE');
    expect(shown!.statusLine).toBe('Undone by reviewer@example.org on Aug 1, 2025: Different founders.');
    await page.close();
  });
});
