/**
 * End to end, over the ecosystem seed: the overview's charts lead somewhere.
 * Clicking the Pharma / Japan bar (or its number in the chart's table, by
 * keyboard) lists the Japanese pharmaceutical companies by name, each opening
 * the explorer, with the CSV export of the same list; kind labels and
 * countries are the model's words and the browser's country names; each
 * cross-border figure says which borders it counts, computed from the API;
 * axe finds nothing serious or critical; the page reads in three languages.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS, seriousViolations, useBrowserSession } from './browser';

/** The screenshots the docs show are rewritten only when asked (UPDATE_DOCS_SCREENSHOTS=1), so a test run leaves the tree clean. */
const DOCS_SHOTS = process.env.UPDATE_DOCS_SCREENSHOTS === '1' ? resolve(__dirname, '..', '..', 'docs', 'screenshots') : SHOTS;

// Loading the ecosystem files on a busy machine takes longer than one API read may.
const browser = useBrowserSession({ ecosystem: true, app: { queryTimeoutMs: 60_000 } });

async function api<T>(query: string): Promise<T> {
  const answer = await browser.session.app.graphql<T>(query);
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

async function overview(query = ''): Promise<Page> {
  const page = await browser.session.openPage(`/${query}`);
  await page.waitForFunction('window.__charts && window.__charts["chart-organizations"] && document.querySelector("#crossborder-note")', undefined, { timeout: 60_000 });
  return page;
}

/** The labels a chart draws on its category axis and in its legend. */
async function chartLabels(page: Page, id: string): Promise<{ categories: string[]; legend: string[] }> {
  return page.evaluate(`(() => { const c = window.__charts[${JSON.stringify(id)}]; return { categories: c.data.labels, legend: c.data.datasets.map((d) => d.label) }; })()`);
}

/** Clicks, with the mouse, the bar of category `category` in the dataset labelled `legend`. */
async function clickBar(page: Page, id: string, category: string, legend: string): Promise<void> {
  const point = await page.evaluate(`(() => {
    const c = window.__charts[${JSON.stringify(id)}];
    const index = c.data.labels.indexOf(${JSON.stringify(category)});
    const dataset = c.data.datasets.findIndex((d) => d.label === ${JSON.stringify(legend)});
    const bar = c.getDatasetMeta(dataset).data[index];
    const box = c.canvas.getBoundingClientRect();
    const { x, y } = bar.getCenterPoint();
    return { x: box.left + x, y: box.top + y, index, dataset };
  })()`) as { x: number; y: number; index: number; dataset: number };
  expect(point.index).toBeGreaterThanOrEqual(0);
  expect(point.dataset).toBeGreaterThanOrEqual(0);
  await page.mouse.click(point.x, point.y);
}

const JAPANESE_PHARMA = '{ organizations(where: { kind: { eq: "PHARMA" }, countryCode: { eq: "JP" } }, first: 100, sort: [{ field: NAME }]) { totalCount edges { node { id name } } } }';

describe('the overview charts', () => {
  it('lists the Japanese pharmaceutical companies by name when the Pharma / Japan bar is clicked', async () => {
    const expected = (await api<{ organizations: { totalCount: number; edges: { node: { id: string; name: string } }[] } }>(JAPANESE_PHARMA)).organizations;
    expect(expected.totalCount).toBeGreaterThan(0);
    const page = await overview();
    await page.locator('[data-chart="organizations"]').scrollIntoViewIfNeeded();
    await clickBar(page, 'chart-organizations', 'Pharmaceutical company', 'Japan (JP)');
    await page.locator('#org-list-items li').first().waitFor();
    expect(await page.locator('#org-list-title').textContent()).toBe('Pharmaceutical company — Japan');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('org-list-title');
    const listed = await page.locator('#org-list-items li a').evaluateAll((els) => els.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(listed).toEqual(expected.edges.map(({ node }) => [node.name, `/explore?focus=${encodeURIComponent(node.id)}`]));
    expect(page.url()).toBe(`${browser.session.app.url}/`);
    const exportHref = await page.locator('#org-list-export').getAttribute('href');
    expect(exportHref).toBe(`/export/organizations.csv?where=${encodeURIComponent(JSON.stringify({ kind: { eq: 'PHARMA' }, countryCode: { eq: 'JP' } }))}`);
    const csv = await (await fetch(`${browser.session.app.url}${exportHref}`)).text();
    for (const { node } of expected.edges) expect(csv).toContain(node.name);
    await page.mouse.move(0, 0);
    await page.locator('[data-chart="organizations"]').screenshot({ path: resolve(DOCS_SHOTS, 'overview-chart-list.png') });

    // Following a name opens it in the explorer.
    await Promise.all([page.waitForURL(/\/explore\?focus=/), page.locator('#org-list-items li a').first().click()]);
    await page.waitForFunction(`document.querySelector('#details-name')?.textContent === ${JSON.stringify(expected.edges[0]!.node.name)}`, undefined, { timeout: 30_000 });
    await page.close();
  });

  it('lists the same organizations from the chart table with the keyboard alone', async () => {
    const expected = (await api<{ organizations: { edges: { node: { name: string } }[] } }>(JAPANESE_PHARMA)).organizations.edges.map((e) => e.node.name);
    const page = await overview();
    await page.locator('#organizations-table > summary').focus();
    await page.keyboard.press('Enter');
    const cell = page.locator('#organizations-table tr[data-kind="PHARMA"] td[data-country="JP"] button');
    expect(await cell.getAttribute('aria-label')).toBe(`List the ${expected.length} organizations: Pharmaceutical company, Japan`);
    await cell.focus();
    await page.keyboard.press('Enter');
    await page.locator('#org-list-items li').first().waitFor();
    expect(await page.locator('#org-list-items li a').allTextContents()).toEqual(expected);
    await page.close();
  });

  it("labels kinds with the model's terms and countries with their names", async () => {
    const page = await overview();
    const organizations = await chartLabels(page, 'chart-organizations');
    expect(organizations.categories).toEqual(expect.arrayContaining(['CDMO', 'Pharmaceutical company', 'Government agency']));
    expect(organizations.categories).not.toContain('Cdmo');
    expect(organizations.legend).toEqual(expect.arrayContaining(['Taiwan (TW)', 'Japan (JP)', 'India (IN)', 'United States (US)']));
    expect(organizations.legend.filter((label) => /^[A-Z]{2}$/.test(label))).toEqual([]);
    const agreements = await chartLabels(page, 'chart-agreements');
    expect(agreements.categories).toContain('Memorandum of understanding');
    expect(agreements.categories).not.toContain('Mou');
    await page.close();
  });

  it('says which borders each cross-border figure counts: any pair of countries, and between Taiwan and Japan', async () => {
    const groups = (await api<{ agreementsAggregate: { groups: { key: (string | null)[] }[] } }>(
      '{ agreementsAggregate(groupBy: [{ field: "id" }, { via: "parties", field: "countryCode" }], first: 1000) { groups { key } } }',
    )).agreementsAggregate.groups;
    const countries = new Map<string, Set<string>>();
    for (const { key: [id, country] } of groups) {
      const set = countries.get(id!) ?? new Set<string>();
      if (country) set.add(country);
      countries.set(id!, set);
    }
    const crossBorder = [...countries.values()].filter((set) => set.size >= 2);
    const taiwanJapan = crossBorder.filter((set) => set.has('TW') && set.has('JP')).length;
    expect(taiwanJapan).toBeLessThan(crossBorder.length);

    const page = await overview();
    const note = page.locator('#crossborder-note');
    await expect(note.getAttribute('data-total')).resolves.toBe(String(crossBorder.length));
    await expect(note.getAttribute('data-taiwan-japan')).resolves.toBe(String(taiwanJapan));
    const others = [...new Set(crossBorder.flatMap((set) => [...set]))].filter((c) => c !== 'TW' && c !== 'JP');
    const borders = await page.locator('#crossborder-borders').textContent();
    expect(borders).toMatch(new RegExp(`^These count any pair of countries \\(including .+\\); ${taiwanJapan} are between Taiwan and Japan\\.$`));
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const code of others) expect(borders).toContain(code === 'US' ? 'United States' : names.of(code)!);
    expect(await page.locator('#crossborder-export').getAttribute('href')).toBe(`/export/agreements.csv?where=${encodeURIComponent(JSON.stringify({ parties: { count: { gte: 2 } } }))}`);

    const links = (await api<{ statistics: { crossBorderLinks: { between: string[]; count: number }[] } }>('{ statistics { crossBorderLinks { between count } } }')).statistics.crossBorderLinks;
    const linksNote = page.locator('#crossborder-links-note');
    await expect(linksNote.getAttribute('data-total')).resolves.toBe(String(links.reduce((sum, l) => sum + l.count, 0)));
    await expect(linksNote.getAttribute('data-taiwan-japan')).resolves.toBe(String(links.filter((l) => l.between.includes('TW') && l.between.includes('JP')).reduce((sum, l) => sum + l.count, 0)));
    expect(await page.locator('[data-chart="crossborder"] h2').textContent()).toBe('Cross-border links by relationship type');
    await page.close();
  });

  it('links the timeline across entities and the exports from the overview', async () => {
    const page = await overview();
    expect(new URL(await page.locator('#taiwan-laws').getAttribute('href') ?? '', browser.session.app.url).search).toBe('?type=POLICY&country=TW');
    const exports = await page.locator('a.export-link').evaluateAll((els) => els.map((a) => a.getAttribute('href')));
    expect(exports).toEqual(expect.arrayContaining(['/export/organizations.csv', '/export/agreements.csv']));
    await page.close();
  });

  it('has no serious or critical accessibility violation, with a list open', async () => {
    const page = await overview();
    await page.locator('#organizations-table > summary').click();
    await page.locator('#organizations-table tr[data-kind="PHARMA"] td[data-country="JP"] button').click();
    await page.locator('#org-list-items li').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it.each(['en', 'ja', 'zh-Hant'])('reads in %s, the list of a bar included', async (lang) => {
    const page = await overview(`?lang=${lang}`);
    await page.locator('#organizations-table > summary').click();
    await page.locator('#organizations-table tr[data-kind="PHARMA"] td[data-country="JP"] button').click();
    await page.locator('#org-list-items li').first().waitFor();
    await page.locator('#organizations-table > summary').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: resolve(DOCS_SHOTS, `overview-charts-${lang}.png`), fullPage: true });
    for (const card of ['crossborder', 'crossborder-years']) await page.locator(`[data-chart="${card}"]`).screenshot({ path: resolve(SHOTS, `overview-${card}-${lang}.png`) });
    await page.close();
  });
});
