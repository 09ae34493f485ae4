/**
 * End to end: the explorer as a policy officer and an analyst use it (issue
 * #34), on the server seeded as `npm start` seeds it, in Debian's chromium.
 * One test per item: picking one entity opens it; the paths are listed where
 * they can be read, each source once; the canvas is readable; the whole view is
 * in the link; the exports are named after what they show and carry the
 * evidence; greyed-out buttons say why. Screenshots go to docs/screenshots/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { clickNode, seriousViolations, useBrowserSession } from './browser';

const DOCS_SHOTS = resolve(__dirname, '..', '..', 'docs', 'screenshots');
const LANGUAGES = ['en', 'ja', 'zh-Hant'] as const;
const suite = useBrowserSession({ ecosystem: true, app: { queryTimeoutMs: 60_000 } });
// The first questions of a fresh database warm its planner; on a busy machine they take a minute.
jest.setTimeout(180_000);
const DATE = /\d{4}-\d{2}-\d{2}/.source;

const catalogue = (lang: string): Record<string, unknown> => JSON.parse(readFileSync(join(__dirname, '..', '..', 'web', 'src', 'i18n', `${lang}.json`), 'utf8')) as Record<string, unknown>;
const message = (lang: string, key: string): string => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue(lang)) as string;

const cyNodeIds = (page: Page): Promise<string[]> => page.evaluate('window.__cy.nodes().map((n) => n.id())') as Promise<string[]>;

async function open(path: string): Promise<Page> {
  return suite.session.openPage(path);
}

async function pick(page: Page, key: 'from' | 'to', text: string, id: string): Promise<void> {
  await page.locator(`#${key}-input`).fill(text);
  const option = page.locator(`#${key}-suggestions li[data-id="${id}"]`);
  await option.waitFor({ state: 'visible', timeout: 20_000 });
  await option.click();
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.locator(button).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

const pathsUrl = (lang = 'en') => `/explore?lang=${lang}&from=duogenic-stemcells&to=a-and-i-co-ltd`;

describe('1. looking one entity up', () => {
  it.each(LANGUAGES)('picking MetaTech in From opens its details and draws its neighbours at once, no second pick needed (%s)', async (lang) => {
    const page = await open(`/explore?lang=${lang}`);
    await pick(page, 'from', 'MetaTech', 'metatech');
    // The name in the page language, as the picker shows it.
    await page.waitForFunction('document.querySelector("#details-name")?.textContent === document.querySelector("#from-input").value', undefined, { timeout: 60_000 });
    await page.waitForFunction('window.__cy.nodes().length > 5', undefined, { timeout: 60_000 });
    expect(await cyNodeIds(page)).toEqual(expect.arrayContaining(['metatech', 'agreement-cellseed-metatech-licence-2017']));
    expect(await page.locator('#tab-details').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#find').isDisabled()).toBe(true);
    expect(page.url()).toMatch(/focus=metatech/);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(DOCS_SHOTS, `explorer-1-${lang}.png`) });
    await page.close();
  });
});

describe('2. the path list', () => {
  it.each(LANGUAGES)('lists the DuoGenic → A&I paths in the wide panel, each source once with a count, strength explained, one full stop after “Ltd.” (%s)', async (lang) => {
    const page = await open(pathsUrl(lang));
    await page.locator('#results .hop-explanation').first().waitFor({ timeout: 30_000 });
    // The list sits in the side panel, at least 400 px wide.
    expect(await page.locator('aside.side #results').count()).toBe(1);
    expect((await page.locator('#results').boundingBox())!.width).toBeGreaterThan(400);
    const first = page.locator('.path[data-path="0"]');
    // No citation under a hop: each hop names its sources by number; the path lists each once.
    expect(await first.locator('.hop .citation').count()).toBe(0);
    const titles = await first.locator('.path-source-list li.citation a').allTextContents();
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.length).toBeGreaterThan(0);
    const hops = await first.locator('ol > li.hop').count();
    const counts = await first.locator('.path-source-list li.citation').evaluateAll((items) => items.map((i) => Number(i.getAttribute('data-hops'))));
    expect(Math.max(...counts)).toBe(hops);
    expect(await first.locator('.hop-refs').first().textContent()).toMatch(/1/);
    // Strength: what it measures, in words, above the list; each strength points to it.
    expect(await page.locator('#strength-legend').textContent()).toContain(message(lang, 'explore.paths.strengthMeaning'));
    expect(await first.locator('.strength').getAttribute('aria-describedby')).toBe('strength-legend');
    const status = (await page.locator('#status').textContent()) ?? '';
    expect(status).toContain('A&I Co., Ltd.');
    expect(status).not.toContain('Ltd..');
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(DOCS_SHOTS, `explorer-2-${lang}.png`) });
    if (lang === 'en') {
      const en = (await first.locator('.path-source-list li.citation').first().textContent()) ?? '';
      expect(en).toMatch(/states \d of its \d hops/);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.close();
  });
});

describe('3. the canvas', () => {
  it('lays MetaTech’s neighbours out without overlapping labels, shows edge labels legibly, and keeps the legend off the nodes, collapsible by keyboard', async () => {
    const page = await open('/explore?focus=metatech');
    await page.waitForFunction('window.__cy.nodes().length > 5', undefined, { timeout: 30_000 });
    await page.waitForTimeout(600);
    // Node boxes with their labels do not overlap.
    const overlaps = (await page.evaluate(`(() => {
      const boxes = window.__cy.nodes().map((n) => n.boundingBox({ includeLabels: true }));
      let count = 0;
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.x1 < b.x2 - 2 && b.x1 < a.x2 - 2 && a.y1 < b.y2 - 2 && b.y1 < a.y2 - 2) count++;
      }
      return count;
    })()`)) as number;
    expect(overlaps).toBe(0);
    // Labels on screen: every node's at 10 px or more; an edge's at 10 px or more, or left out until hovered; on hover at 12 px or more.
    const nodePx = (await page.evaluate(`window.__cy.nodes().map((n) => parseFloat(n.style('font-size')) * window.__cy.zoom())`)) as number[];
    expect(Math.min(...nodePx)).toBeGreaterThanOrEqual(9.9);
    const edges = (await page.evaluate(`window.__cy.edges().map((e) => ({ px: parseFloat(e.style('font-size')) * window.__cy.zoom(), shown: e.style('text-opacity') !== '0' }))`)) as { px: number; shown: boolean }[];
    expect(edges.length).toBeGreaterThan(5);
    expect(edges.filter((e) => e.shown && e.px < 9.9)).toEqual([]);
    await page.evaluate(`window.__cy.getElementById('agreement-cellseed-metatech-licence-2017').emit('mouseover')`);
    const hovered = (await page.evaluate(`window.__cy.edges('.labelled').map((e) => parseFloat(e.style('font-size')) * window.__cy.zoom())`)) as number[];
    expect(hovered.length).toBeGreaterThan(0);
    expect(Math.min(...hovered)).toBeGreaterThanOrEqual(12);
    await page.screenshot({ path: join(DOCS_SHOTS, 'explorer-3-en.png') });
    // The legend is below the canvas, never over it, and folds away.
    const graphBox = (await page.locator('#cy').boundingBox())!;
    const legendBox = (await page.locator('.legend-box').boundingBox())!;
    expect(legendBox.y).toBeGreaterThanOrEqual(graphBox.y + graphBox.height - 1);
    await page.locator('#legend-toggle').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#legend-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#legend').isHidden()).toBe(true);
    expect((await page.locator('#cy').boundingBox())!.height).toBeGreaterThan(graphBox.height);
    await page.keyboard.press('Enter');
    expect(await page.locator('#legend').isVisible()).toBe(true);
    await page.close();
  });
});

describe('4. the view in the link', () => {
  it('puts brokers mode, the clicked node, the hop count and the filters in the URL, and the URL reopens the same view', async () => {
    const page = await open(pathsUrl());
    await page.locator('#results .hop-explanation').first().waitFor({ timeout: 30_000 });
    await page.locator('#max-hops').selectOption('3');
    await page.locator('#cross-border').check();
    await page.locator('#brokers').click();
    await page.locator('#results h2', { hasText: 'Brokers between' }).waitFor({ timeout: 30_000 });
    await clickNode(page, 'a-and-i-co-ltd');
    // Shown, not only there: the hidden tab keeps what it last showed.
    await page.locator('#details-name', { hasText: 'A&I Co., Ltd.' }).waitFor({ state: 'visible', timeout: 30_000 });
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ from: 'duogenic-stemcells', to: 'a-and-i-co-ltd', mode: 'brokers', node: 'a-and-i-co-ltd', hops: '3', crossBorder: '1', panel: 'details' });

    // Copy link: to the clipboard, and it says so.
    await suite.session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.session.app.url });
    await page.locator('#copy-link').click();
    await page.waitForFunction(`document.querySelector('#copy-link').textContent === ${JSON.stringify(message('en', 'explore.copyLink.copied'))}`);
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(page.url());
    // Where the clipboard is refused, the link waits selected in a field.
    await page.evaluate(`Object.defineProperty(navigator, 'clipboard', { value: undefined })`);
    await page.locator('#copy-link').click();
    await page.locator('#copy-fallback-input').waitFor();
    expect(await page.locator('#copy-fallback-input').inputValue()).toBe(page.url());
    await page.close();

    const again = await open(`${url.pathname}${url.search}`);
    await again.locator('#results h2', { hasText: 'Brokers between' }).waitFor({ state: 'attached', timeout: 30_000 });
    await again.waitForFunction('document.querySelector("#details-name")?.textContent === "A&I Co., Ltd."', undefined, { timeout: 30_000 });
    expect(await again.locator('#tab-details').getAttribute('aria-selected')).toBe('true');
    expect(await cyNodeIds(again)).toEqual(expect.arrayContaining(['duogenic-stemcells', 'a-and-i-co-ltd']));
    expect(await again.evaluate(`window.__cy.getElementById('a-and-i-co-ltd').selected()`)).toBe(true);
    expect(await again.locator('#max-hops').inputValue()).toBe('3');
    expect(await again.locator('#cross-border').isChecked()).toBe(true);
    await expect(again.locator('#from-input').inputValue()).resolves.toBe('DuoGenic StemCells Corporation');
    expect(new URL(again.url()).search).toBe(url.search);
    await again.screenshot({ path: join(DOCS_SHOTS, 'explorer-4-en.png') });
    await again.close();
  });
});

describe('5. exports', () => {
  it('names the MetaTech → CellSeed downloads after what they show; the PNG carries a title, legend and sources; the JSON its citations; the evidence comes as CSV and as a printable page', async () => {
    const page = await open('/explore?from=metatech&to=cellseed&paths=3');
    await page.locator('#results .hop-explanation').first().waitFor({ timeout: 30_000 });
    const base = new RegExp(`^metatech-cellseed-paths-${DATE}`);

    const png = await download(page, '#export-png');
    expect(png.name).toMatch(new RegExp(`${base.source}\\.png$`));
    const composed = pngSize(png.bytes);
    const graphOnly = (await page.evaluate(`new Promise((resolve) => { const i = new Image(); i.onload = () => resolve({ width: i.width, height: i.height }); i.src = window.__cy.png({ full: true, scale: 2, output: 'base64uri' }); })`)) as { width: number; height: number };
    expect(composed.width).toBeGreaterThanOrEqual(graphOnly.width);
    // Title, link, legend and the source list add at least 300 px to the graph.
    expect(composed.height).toBeGreaterThan(graphOnly.height + 300);
    writeFileSync(join(DOCS_SHOTS, 'explorer-5-png-en.png'), png.bytes);

    const json = await download(page, '#export-json');
    expect(json.name).toMatch(new RegExp(`${base.source}\\.json$`));
    const exported = JSON.parse(json.bytes.toString('utf8'));
    expect(exported.title).toBe('Paths from MetaTech (AP) Inc. to CellSeed Inc.');
    expect(exported.paths.length).toBeGreaterThan(0);
    const citations = exported.paths.flatMap((p: any) => p.hops.flatMap((h: any) => h.citations));
    expect(citations.some((c: any) => /^https?:\/\//.test(c.source.url))).toBe(true);
    expect(exported.edges.some((e: any) => e.citations.length > 0)).toBe(true);

    const graphml = await download(page, '#export-graphml');
    expect(graphml.name).toMatch(new RegExp(`${base.source}\\.graphml$`));

    const csv = await download(page, '#export-evidence-csv');
    expect(csv.name).toMatch(new RegExp(`${base.source}-evidence\\.csv$`));
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...records] = text.slice(1).split('\r\n').filter(Boolean);
    expect(header).toBe('Where,Statement,Date,Source title,Publisher,Source kind,Published,URL,What the source says');
    expect(records.length).toBeGreaterThan(0);
    expect(records[0]).toMatch(/^"?Path 1, hop 1/);
    expect(text).toContain('https://');
    expect(text).toMatch(/MetaTech/);

    await page.locator('#export-evidence-print').click();
    await page.locator('#print-view').waitFor();
    expect(await page.locator('#print-title').textContent()).toBe('Evidence: Paths from MetaTech (AP) Inc. to CellSeed Inc.');
    expect(await page.locator('#print-body table.evidence-table').count()).toBeGreaterThan(0);
    expect(await page.locator('#print-body .url').first().textContent()).toMatch(/^https?:\/\//);
    // Graph text is text: the print view holds no element the graph's words made.
    expect(await page.locator('#print-body a, #print-body script, #print-body img').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(DOCS_SHOTS, 'explorer-5-print-en.png') });
    await page.keyboard.press('Escape');
    expect(await page.locator('#print-view').isHidden()).toBe(true);
    expect(await page.evaluate('document.activeElement.id')).toBe('export-evidence-print');
    await page.close();
  });

  it('exports the details panel’s evidence for a looked-up entity, named after it', async () => {
    const page = await open('/explore?focus=cellseed');
    await page.waitForFunction('document.querySelector("#details-name")?.textContent === "CellSeed Inc."', undefined, { timeout: 30_000 });
    const csv = await download(page, '#export-evidence-csv');
    expect(csv.name).toMatch(new RegExp(`^cellseed-neighbourhood-${DATE}-evidence\\.csv$`));
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('Pages about CellSeed Inc.');
    expect(text).toContain('https://bio.nikkeibp.co.jp/atcl/release/20/01/07/08419/');
    await page.close();
  });
});

describe('10. greyed-out buttons say why', () => {
  it.each(LANGUAGES)('on the Regenerative Medicine Act (a policy), Suggested partners and Brokers are greyed out with the reason beside them (%s)', async (lang) => {
    const page = await open(`/explore?lang=${lang}&focus=policy-tw-regenerative-medicine-act`);
    // Its neighbours drawn and its details written again as expanded (Collapse enabled).
    await page.waitForFunction('window.__cy.nodes().length > 3 && document.querySelector("#collapse")?.disabled === false', undefined, { timeout: 60_000 });
    expect(await page.locator('#suggest').isDisabled()).toBe(true);
    expect(await page.locator('#suggest').getAttribute('aria-describedby')).toBe('suggest-why');
    const why = (await page.locator('#suggest-why').textContent()) ?? '';
    expect(why).toContain(message(lang, 'explore.why.partnersOrganizationsOnly').split('{type}')[0]!.slice(0, 8));
    expect(await page.locator('#suggest').getAttribute('title')).toBe(why);
    expect(await page.locator('#details-brokers').isDisabled()).toBe(true);
    expect(await page.locator('#details-brokers-why').textContent()).toBe(message(lang, 'explore.why.brokersNeedTwo'));
    expect(await page.locator('#brokers-why').isVisible()).toBe(true);
    await page.locator('#suggest').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(DOCS_SHOTS, `explorer-10-${lang}.png`) });
    if (lang === 'en') {
      expect(why).toBe('Suggested partners are worked out for organizations only; this is a Policy.');
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.close();
  });
});

describe('keyboard', () => {
  it('reaches every new control with Tab, and the side panel’s tabs with the arrow keys', async () => {
    const page = await open(pathsUrl());
    await page.locator('#results .hop-explanation').first().waitFor({ timeout: 30_000 });
    const reached = new Set<string>();
    await page.locator('#types-none').focus();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      reached.add((await page.evaluate('document.activeElement.id || document.activeElement.className')) as string);
    }
    expect([...reached]).toEqual(expect.arrayContaining(['copy-link', 'export-png', 'export-evidence-csv', 'export-evidence-print', 'legend-toggle', 'tab-results']));
    await page.locator('#tab-results').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate('document.activeElement.id')).toBe('tab-details');
    expect(await page.locator('#details').isVisible()).toBe(true);
    await page.close();
  });
});
