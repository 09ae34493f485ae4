/**
 * End to end: the real server over the test database seeded as `npm start`
 * seeds it (the forum article and the ecosystem sources), driven by Debian's
 * chromium through playwright-core. A browser that cannot start fails the suite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { clickNode, SHOTS, useBrowserSession } from './browser';

const suite = useBrowserSession({ ecosystem: true });
const openPage = (path: string): Promise<Page> => suite.session.openPage(path);

const cyNodeIds = (page: Page): Promise<string[]> => page.evaluate('window.__cy.nodes().map((n) => n.id())') as Promise<string[]>;
const cyNodeCount = (page: Page): Promise<number> => page.evaluate('window.__cy.nodes().length') as Promise<number>;

/** The details tab is the one shown, with this entity in it (the hidden tab keeps what it last showed). */
async function detailsShown(page: Page, name: string): Promise<void> {
  await page.locator('#tab-details[aria-selected="true"]').waitFor({ timeout: 10_000 });
  await page.locator('#details-name', { hasText: name }).waitFor({ state: 'visible', timeout: 10_000 });
}

/**
 * Holds the answer to the page's next GraphQL `operation` (asked, answered by
 * the server, but not handed to the page) until `release` is called.
 */
function holdAnswer(page: Page, operation: string): { asked: Promise<void>; release(): void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let answered!: () => void;
  const asked = new Promise<void>((resolve) => (answered = resolve));
  let held = false;
  void page.route('**/graphql', async (route: Route) => {
    if (held || !(route.request().postData() ?? '').includes(`query ${operation}(`)) return route.fallback();
    held = true;
    const response = await route.fetch();
    answered();
    await released;
    await route.fulfill({ response });
  });
  return { asked, release };
}

async function pick(page: Page, key: 'from' | 'to', text: string, id: string): Promise<void> {
  await page.locator(`#${key}-input`).fill(text);
  const option = page.locator(`#${key}-suggestions li[data-id="${id}"]`);
  await option.waitFor({ state: 'visible', timeout: 10_000 });
  await option.click();
  await expect(page.locator(`#${key}-picked`).textContent()).resolves.toContain(id);
}

describe('overview page', () => {
  it('draws the statistics charts with their freshness', async () => {
    const page = await openPage('/');
    await page.locator('#chart-organizations').waitFor();
    await page.waitForFunction('document.querySelector("#freshness").textContent.includes("generated at")');
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('#totals .tile').count()).toBeGreaterThan(3);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });
    await page.close();
  });
});

describe('explorer page', () => {
  it('finds the DuoGenic – A&I connection, explains it, expands and collapses a node', async () => {
    const page = await openPage('/explore');
    await pick(page, 'from', 'DuoGenic', 'duogenic-stemcells');
    await pick(page, 'to', 'A&I', 'a-and-i-co-ltd');
    // One path, so DuoGenic's technologies are not drawn yet and expanding it adds them.
    await page.locator('#path-count').selectOption('1');
    await page.locator('#find').click();
    await page.locator('.hop-explanation').first().waitFor({ timeout: 20_000 });

    const ids = await cyNodeIds(page);
    expect(ids).toEqual(expect.arrayContaining(['duogenic-stemcells', 'a-and-i-co-ltd']));
    const explanations = await page.locator('.hop-explanation').allTextContents();
    expect(explanations.join(' ')).toMatch(/DuoGenic/);
    expect(explanations.join(' ')).toMatch(/A&I/);
    expect(page.url()).toContain('from=duogenic-stemcells');
    await page.screenshot({ path: join(SHOTS, 'explorer-path.png') });

    // Details of a node, then its neighbourhood.
    await clickNode(page, 'a-and-i-co-ltd');
    await detailsShown(page, 'A&I Co., Ltd.');
    await page.locator('.neighbours[data-type="PARTY_TO"]').waitFor();
    await clickNode(page, 'duogenic-stemcells');
    await detailsShown(page, 'DuoGenic StemCells Corporation');
    expect(await page.locator('#details-description').textContent()).toBeTruthy();
    const before = await cyNodeCount(page);
    await page.locator('#expand').click();
    await page.waitForFunction(`window.__cy.nodes().length > ${before}`, undefined, { timeout: 15_000 });
    expect(await cyNodeIds(page)).toContain('duogenic-3-in-1-osteoarthritis-treatment');
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SHOTS, 'explorer-expanded.png') });

    // Exports of what is drawn.
    const [graphml] = await Promise.all([page.waitForEvent('download'), page.locator('#export-graphml').click()]);
    const graphmlText = readFileSync(await graphml.path(), 'utf8');
    expect(graphmlText).toContain('<graphml');
    expect(graphmlText).toContain('node id="duogenic-3-in-1-osteoarthritis-treatment"');
    const [json] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
    const exported = JSON.parse(readFileSync(await json.path(), 'utf8'));
    expect(exported.nodes.map((n: any) => n.id)).toContain('a-and-i-co-ltd');
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('#export-png').click()]);
    expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');

    await page.locator('#collapse').click();
    await page.waitForFunction(`window.__cy.nodes().length === ${before}`, undefined, { timeout: 5_000 });

    // Brokers between the two picked entities, partners suggested for the selected one.
    await page.locator('#brokers').click();
    await page.waitForFunction('/ between |Could not/.test(document.querySelector("#status")?.textContent ?? "")', undefined, { timeout: 15_000 });
    expect(await page.locator('#status').textContent()).toMatch(/brokers? between/);
    await page.locator('#results h2', { hasText: 'Brokers between' }).waitFor();
    await page.locator('#tab-details').click();
    await page.locator('#suggest').click();
    await page.waitForFunction('/suggested partners? for|Could not/.test(document.querySelector("#status")?.textContent ?? "")', undefined, { timeout: 15_000 });
    expect(await page.locator('#status').textContent()).toMatch(/suggested partner/);
    await page.locator('#results h2', { hasText: 'Suggested partners' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'explorer-suggestions.png') });
    await page.close();
  });

  it('keeps the details of the node clicked while the paths were being found, and lists the paths under their tab', async () => {
    const page = await openPage('/explore');
    await pick(page, 'from', 'DuoGenic', 'duogenic-stemcells');
    await pick(page, 'to', 'A&I', 'a-and-i-co-ltd');
    await detailsShown(page, 'A&I Co., Ltd.');
    const paths = holdAnswer(page, 'Paths');
    await page.locator('#find').click();
    await paths.asked;
    // The reader moves on before the answer comes: the details of another node.
    await clickNode(page, 'duogenic-stemcells');
    await detailsShown(page, 'DuoGenic StemCells Corporation');
    paths.release();
    await page.locator('.hop-explanation').first().waitFor({ state: 'attached', timeout: 20_000 });
    await page.waitForFunction('/paths? from/.test(document.querySelector("#status")?.textContent ?? "")');
    // The late answer drew and listed the paths, and left the panel on the details the reader chose.
    expect(await cyNodeIds(page)).toEqual(expect.arrayContaining(['duogenic-stemcells', 'a-and-i-co-ltd']));
    await expect(page.locator('#tab-details').getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.locator('#tab-results').getAttribute('aria-selected')).resolves.toBe('false');
    expect(await page.locator('#details').isVisible()).toBe(true);
    expect(await page.locator('#results').isHidden()).toBe(true);
    expect(page.url()).toContain('panel=details');
    // The paths are one tab away, by keyboard as by pointer.
    await page.locator('#tab-details').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('#tab-results').getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('tab-results');
    await page.locator('.hop-explanation').first().waitFor();
    await page.close();
  });

  it('lists the brokers asked for after the paths, even when the paths answer last', async () => {
    const page = await openPage('/explore');
    await pick(page, 'from', 'DuoGenic', 'duogenic-stemcells');
    await pick(page, 'to', 'A&I', 'a-and-i-co-ltd');
    const paths = holdAnswer(page, 'Paths');
    await page.locator('#find').click();
    await paths.asked;
    // The reader asks for the brokers instead; they answer first.
    await page.locator('#brokers').click();
    await page.locator('#results h2', { hasText: 'Brokers between' }).waitFor({ timeout: 20_000 });
    const answered = page.waitForResponse((response) => (response.request().postData() ?? '').includes('query Paths('));
    paths.release();
    await answered;
    // Past the answer's handling: a task after the response settles its promise chain.
    await page.evaluate('new Promise((resolve) => setTimeout(resolve, 200))');
    // The older question's answer is dropped: the brokers stay listed, with their status, and no path is drawn over them.
    await expect(page.locator('#results h2').first().textContent()).resolves.toContain('Brokers between');
    expect(await page.locator('.hop-explanation').count()).toBe(0);
    await expect(page.locator('#status').textContent()).resolves.toMatch(/brokers? between/);
    expect(page.url()).toContain('brokers');
    await page.close();
  });

  it('fits the paths in view even when a neighbourhood was still being drawn as they came', async () => {
    const page = await openPage('/explore');
    await pick(page, 'from', 'DuoGenic', 'duogenic-stemcells');
    await page.waitForFunction('window.__cy.nodes().length > 2', undefined, { timeout: 15_000 });
    // A&I's neighbourhood (asked when it is picked) answers just before the paths do.
    const neighbourhood = holdAnswer(page, 'Neighbourhood');
    const paths = holdAnswer(page, 'Paths');
    await pick(page, 'to', 'A&I', 'a-and-i-co-ltd');
    await neighbourhood.asked;
    await page.locator('#path-count').selectOption('1');
    await page.locator('#find').click();
    await paths.asked;
    neighbourhood.release();
    await page.waitForFunction('/Added|already drawn/.test(document.querySelector("#status")?.textContent ?? "")', undefined, { polling: 'raf' });
    // What the view is the moment the paths are listed (the answer is handled in one go, so they are drawn too).
    await page.evaluate(`new MutationObserver((_, observer) => {
      if (!document.querySelector('.hop-explanation')) return;
      observer.disconnect();
      window.__drawn = { moving: window.__cy.animated(), pan: window.__cy.pan(), zoom: window.__cy.zoom() };
    }).observe(document.querySelector('#results'), { childList: true, subtree: true })`);
    paths.release();
    await page.waitForFunction('window.__drawn', undefined, { timeout: 20_000 });
    const drawn = (await page.evaluate('window.__drawn')) as { moving: boolean; pan: { x: number; y: number }; zoom: number };
    // Fitted to the paths at once, and nothing moves the view afterwards: every node stays in it.
    expect(drawn.moving).toBe(false);
    await page.waitForTimeout(500);
    const now = (await page.evaluate(`(() => {
      const cy = window.__cy;
      const ext = cy.extent();
      const outside = cy.nodes().filter((n) => { const p = n.position(); return p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2; }).map((n) => n.id());
      return { pan: cy.pan(), zoom: cy.zoom(), outside };
    })()`)) as { pan: { x: number; y: number }; zoom: number; outside: string[] };
    expect(now).toEqual({ pan: drawn.pan, zoom: drawn.zoom, outside: [] });
    await clickNode(page, 'a-and-i-co-ltd');
    await detailsShown(page, 'A&I Co., Ltd.');
    await page.close();
  });

  it('opens a deep link from Hexun Bio to Astellas Pharma and avoids a clicked node', async () => {
    const page = await openPage('/explore?from=hexun-bio&to=astellas-pharma');
    await page.locator('.hop-explanation').first().waitFor({ timeout: 20_000 });
    expect(await cyNodeIds(page)).toEqual(expect.arrayContaining(['hexun-bio', 'astellas-pharma']));
    await expect(page.locator('#from-input').inputValue()).resolves.toBe('Hexun Bio');
    await page.screenshot({ path: join(SHOTS, 'explorer-deeplink.png') });

    // Avoid the forum: every remaining path must go around it.
    const forumDrawn = (await cyNodeIds(page)).includes('forum-2025-04-23-tokyo');
    if (forumDrawn) {
      await page.locator('#avoid-mode').check();
      await clickNode(page, 'forum-2025-04-23-tokyo');
      await page.locator('#avoid-list .chip[data-id="forum-2025-04-23-tokyo"]').waitFor();
      await page.waitForFunction('!window.__cy.nodes().map((n) => n.id()).includes("forum-2025-04-23-tokyo")', undefined, { timeout: 15_000 });
    }
    await page.close();
  });

  it('lists specific links first and weak links (through a hub) apart, drawn dashed', async () => {
    // Make the Tokyo forum a hub: 250 more attendees take it above the 200-relationship hub degree.
    const database = process.env.TEST_NEO4J_DATABASE ?? 'neo4j';
    await suite.session.app.driver.executeQuery(
      `MATCH (forum:Entity {id: 'forum-2025-04-23-tokyo'})
       UNWIND range(1, 250) AS i
       CREATE (o:Entity:Organization {id: 'e2e-attendee-' + i, name: 'E2E Attendee ' + i, country: 'JP'})
       CREATE (o)-[:PARTICIPATED_IN {role: 'attendee', sourceIds: ['e2e'], evidence: ['Written by the test.']}]->(forum)`,
      {},
      { database },
    );
    try {
      const page = await openPage('/explore?from=duogenic-stemcells&to=a-and-i-co-ltd');
      await page.locator('.weak-links .path').first().waitFor({ timeout: 20_000 });
      const specific = await page.locator('.specific-links .path h3').allTextContents();
      const weak = await page.locator('.weak-links .path').allTextContents();
      expect(specific.length).toBeGreaterThan(0);
      expect(specific[0]).toMatch(/strength \d/);
      expect(weak.join(' ')).toMatch(/Weak link: DuoGenic StemCells Corporation and A&I Co., Ltd. both took part in Taiwan-Japan Investment and Industry Networking Event \(2\d\d participants\)/);
      // The specific list comes before the weak one, and the hub's hops are dashed.
      const order = await page.locator('#results section').evaluateAll((sections) => sections.map((s) => s.className));
      expect(order).toEqual(['specific-links', 'weak-links']);
      const dashed = (await page.evaluate(`window.__cy.edges('.weak').map((e) => [e.source().id(), e.target().id(), e.style('line-style')])`)) as string[][];
      expect(dashed).toEqual(expect.arrayContaining([['duogenic-stemcells', 'forum-2025-04-23-tokyo', 'dashed']]));
      expect(await page.evaluate(`window.__cy.getElementById('forum-2025-04-23-tokyo').hasClass('hub')`)).toBe(true);
      expect(await page.evaluate(`window.__cy.edges('.weak').filter((e) => e.source().id() === 'duogenic-stemcells' && e.target().id() === 'agreement-duogenic-ai-licence-2025').length`)).toBe(0);
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(SHOTS, 'explorer-weak-links.png') });
      await page.locator('#results').screenshot({ path: join(SHOTS, 'explorer-weak-links-list.png') });
      await page.close();
    } finally {
      await suite.session.app.driver.executeQuery(`MATCH (o:Entity) WHERE o.id STARTS WITH 'e2e-attendee-' DETACH DELETE o`, {}, { database });
    }
  });

  it('focuses an entity from a link and lists its neighbours', async () => {
    const page = await openPage('/explore?focus=modality-exosome');
    await expect(page.locator('#details-name').textContent()).resolves.toBeTruthy();
    await page.waitForFunction('window.__cy.nodes().length > 2', undefined, { timeout: 15_000 });
    await expect(page.locator('#details-name').textContent()).resolves.toBe('exosome');
    await page.close();
  });
});

describe('GraphQL IDE', () => {
  it('serves the bundled GraphiQL to a browser, loading nothing from elsewhere', async () => {
    const { app, requests } = suite.session;
    requests.length = 0;
    const page = await openPage('/graphql');
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-execute-button').click();
    await page.waitForFunction('document.querySelector(".graphiql-response")?.textContent.includes("DuoGenic")', undefined, { timeout: 20_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SHOTS, 'graphiql.png') });
    const foreign = requests.filter((url) => !url.startsWith(app.url) && !url.startsWith('data:') && !url.startsWith('blob:'));
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(2);
    await page.close();
  });
});

describe('web routes', () => {
  it('sends API requests to Apollo and caches assets by name', async () => {
    const { app } = suite.session;
    const apiGet = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ about { version } }')}`, { headers: { accept: 'text/html, application/json' } });
    expect(apiGet.headers.get('content-type')).toMatch(/json/);
    const apiPost = await app.graphql<{ about: { version: string } }>('{ about { version } }');
    expect(apiPost.data?.about.version).toBe('test');

    const page = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const asset = /\/assets\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const assetResponse = await fetch(`${app.url}${asset}`);
    expect(assetResponse.status).toBe(200);
    expect(assetResponse.headers.get('cache-control')).toMatch(/immutable/);

    for (const path of ['/', '/explore']) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });
});

describe('GraphiQL examples', () => {
  it('all run without errors against the seeded graph', async () => {
    const { app } = suite.session;
    const { EXAMPLES } = await import('../../web/src/examples');
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(4);
    for (const example of EXAMPLES) {
      const result = await app.graphql(example.query, example.variables ? JSON.parse(example.variables) : undefined);
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result.data)).not.toBe('{}');
    }
  });
});
