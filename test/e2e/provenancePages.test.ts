/**
 * End to end over the full seed (the forum article and the eight ecosystem
 * sources, as `npm start` loads them): the explorer shows an entity's timeline,
 * its sources with their kinds, corroboration, conflicts and unverified marks;
 * paths show each hop's date and sources; the legend covers every label of the
 * model; the overview charts cross-border agreements per year. What the pages
 * show is compared with what the API answers.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { ENTITY_LABELS } from '../../src/domain/model';
import { SHOTS, startBrowserSession, type BrowserSession } from './browser';

/** The screenshot the docs show is rewritten only when asked (UPDATE_DOCS_SCREENSHOTS=1), so a test run leaves the tree clean. */
const DOCS_SHOTS = process.env.UPDATE_DOCS_SCREENSHOTS === '1' ? resolve(__dirname, '..', '..', 'docs', 'screenshots') : SHOTS;

let session: BrowserSession;

beforeAll(async () => {
  session = await startBrowserSession({ ecosystem: true });
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
  await page.waitForFunction(`document.querySelector('#details-name')?.textContent === ${JSON.stringify(name)}`, undefined, { timeout: 20_000 });
  return page;
}

interface ApiCitation { source: { publisher: string; kind: string } }

describe('explorer: an entity with what its sources say', () => {
  it("shows Stemchymal's timeline oldest first, each entry with its sources, as the API gives it", async () => {
    const api = await session.app.graphql<{ entity: { timeline: { date: string; property: string; sources: ApiCitation[] }[] } }>(
      '{ entity(id: "stemchymal") { timeline { date property sources { source { publisher kind } } } } }',
    );
    const expected = api.data!.entity.timeline;
    expect(expected.map((e) => e.date)).toEqual(expect.arrayContaining(['2016-11-11', '2018-11-26', '2020-02-25', '2023-05-24']));

    const page = await focus('stemchymal', 'Stemchymal®');
    await page.locator('#timeline li.timeline-entry').first().waitFor({ timeout: 30_000 });
    const entries = page.locator('#timeline li.timeline-entry');
    const shown = await entries.evaluateAll((els) => els.map((el) => ({
      date: el.getAttribute('data-date'),
      property: el.getAttribute('data-property'),
      text: el.querySelector('.timeline-description')?.textContent ?? '',
      publishers: [...el.querySelectorAll('li.citation .publisher')].map((p) => p.textContent),
      kinds: [...el.querySelectorAll('li.citation .badge.kind')].map((b) => b.getAttribute('data-kind')),
      corroboration: el.querySelector('.sources-fold > summary .corroboration')?.textContent,
    })));
    expect(shown.map((e) => [e.date, e.property])).toEqual(expected.map((e) => [e.date, e.property]));
    expect(shown.map((e) => e.date)).toEqual([...shown.map((e) => e.date)].sort());
    shown.forEach((entry, i) => {
      expect(entry.publishers).toEqual(expected[i]!.sources.map((s) => s.source.publisher));
      expect(entry.kinds).toEqual(expected[i]!.sources.map((s) => s.source.kind));
      const publishers = new Set(expected[i]!.sources.map((s) => s.source.publisher)).size;
      expect(entry.corroboration).toBe(`${expected[i]!.sources.length} source${expected[i]!.sources.length === 1 ? '' : 's'}, ${publishers} publisher${publishers === 1 ? '' : 's'}`);
    });
    const trialStart = shown.find((e) => e.date === '2020-02-25');
    expect(trialStart?.text).toMatch(/Japanese Phase II of Stemchymal in spinocerebellar ataxia/);

    // The picture for the docs: the explorer with the timeline in view.
    await page.setViewportSize({ width: 1440, height: 1400 });
    await page.evaluate(`document.querySelector('#timeline').scrollIntoView({ block: 'start' })`);
    await page.waitForTimeout(800);
    mkdirSync(DOCS_SHOTS, { recursive: true });
    await page.screenshot({ path: join(DOCS_SHOTS, 'explorer-timeline.png') });
    await page.close();
  });

  it('lists each of its sources with a badge of its kind and its publisher', async () => {
    const api = await session.app.graphql<{ entity: { sources: ApiCitation[]; corroboration: { sourceCount: number; publisherCount: number } } }>(
      '{ entity(id: "agreement-cellseed-metatech-licence-2017") { sources { source { publisher kind } } corroboration { sourceCount publisherCount } } }',
    );
    const { sources, corroboration } = api.data!.entity;
    expect(sources.map((s) => s.source.kind)).toEqual(expect.arrayContaining(['TRADE_PRESS', 'PRIMARY']));

    const page = await focus('agreement-cellseed-metatech-licence-2017', 'CellSeed–MetaTech cell-sheet licence');
    const listed = await page.locator('#sources .source-list li.citation').evaluateAll((els) => els.map((el) => ({
      kind: el.querySelector('.badge.kind')?.getAttribute('data-kind'),
      badge: el.querySelector('.badge.kind')?.textContent,
      publisher: el.querySelector('.publisher')?.textContent,
    })));
    expect(listed.map((s) => [s.kind, s.publisher])).toEqual(sources.map((s) => [s.source.kind, s.source.publisher]));
    expect(listed.find((s) => s.kind === 'TRADE_PRESS')?.badge).toBe('Trade press');
    expect(listed.find((s) => s.kind === 'PRIMARY')?.badge).toBe('Primary');
    await expect(page.locator('#details-corroboration').textContent()).resolves.toContain(`${corroboration.sourceCount} sources, ${corroboration.publisherCount} publishers`);
    await page.close();
  });

  it('shows the disputed CellSeed–MetaTech signing date with every value and who states each, the dates marked disputed', async () => {
    const page = await focus('agreement-cellseed-metatech-licence-2017', 'CellSeed–MetaTech cell-sheet licence');
    const values = await page.locator('#conflicts .conflict[data-property="signedOn"] li.claim-value').evaluateAll((els) => els.map((el) => ({
      value: el.getAttribute('data-value'),
      publishers: [...el.querySelectorAll('li.citation .publisher')].map((p) => p.textContent),
    })));
    const byValue = Object.fromEntries(values.map((v) => [v.value, v.publishers]));
    expect(byValue['2017-03-24']).toEqual(['Zaikei Shimbun']);
    expect(byValue['2017-04-24']).toEqual(['naruhodo.com.tw']);
    const disputed = await page.locator('#timeline li.timeline-entry[data-property="signedOn"]').evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-date'), el.querySelector('.mark.disputed')?.textContent ?? null]));
    expect(disputed).toEqual(expect.arrayContaining([['2017-03-24', 'disputed'], ['2017-04-24', 'disputed']]));
    await page.close();
  });

  it('shows Hitachi–MetaTech as a contract and as a joint venture, each with its sources, neither merged into the other', async () => {
    const api = await session.app.graphql<{ entity: { conflicts: { property: string; values: { value: string; sources: ApiCitation[] }[] }[] } }>(
      '{ entity(id: "agreement-hitachi-metatech-cell-factory-2020") { conflicts { property values { value sources { source { publisher kind } } } } } }',
    );
    const form = api.data!.entity.conflicts.find((c) => c.property === 'agreementForm')!;
    expect(form.values.map((v) => v.value).sort()).toEqual(['CONTRACT', 'JOINT_VENTURE']);

    const page = await session.openPage('/explore?focus=agreement-hitachi-metatech-cell-factory-2020');
    const conflict = page.locator('#conflicts .conflict[data-property="agreementForm"]');
    await conflict.waitFor({ timeout: 20_000 });
    const shown = await conflict.locator('li.claim-value').evaluateAll((els) => els.map((el) => ({
      value: el.getAttribute('data-value'),
      publishers: [...el.querySelectorAll('li.citation .publisher')].map((p) => p.textContent),
    })));
    expect(shown).toEqual(form.values.map((v) => ({ value: v.value, publishers: v.sources.map((s) => s.source.publisher) })));
    await expect(conflict.locator('.conflict-title').textContent()).resolves.toBe('form of agreement: 2 values');
    await page.close();
  });

  it('marks what only an AI-generated page states as unverified, with the AI-generated badge', async () => {
    const page = await focus('approval-stemchymal-jp-orphan', 'Japanese orphan regenerative-medicine-product designation of Stemchymal');
    // Two claims give the designation's month: the AI digest alone, and ReproCELL's release with it. One fact, one
    // entry: both pages behind it, the AI-generated one badged, and no unverified mark, since a verified page states it.
    const approved = page.locator('#timeline li.timeline-entry[data-property="approvedOn"]');
    expect(await approved.count()).toBe(1);
    await expect(approved.getAttribute('data-date')).resolves.toBe('2018-12');
    expect(await approved.locator('.mark.unverified').count()).toBe(0);
    expect(await approved.locator('.badge.kind').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))).toContain('AI_GENERATED');
    // A verified entry of the same timeline carries no mark.
    const announced = page.locator('#timeline li.timeline-entry[data-property="announcedOn"]');
    expect(await announced.locator('.mark.unverified').count()).toBe(0);
    await page.close();

    // A date only the AI digest states is marked on the timeline: Stemchymal's marketing application.
    const onTimeline = await focus('stemchymal', 'Stemchymal®');
    const filedEntry = onTimeline.locator('#timeline li.timeline-entry.unverified[data-property="marketingApplicationFiledOn"]');
    await expect(filedEntry.getAttribute('data-date')).resolves.toBe('2026-06-24');
    await expect(filedEntry.locator('.mark.unverified').textContent()).resolves.toBe('unverified');
    await expect(filedEntry.locator('.badge.kind').first().getAttribute('data-kind')).resolves.toBe('AI_GENERATED');
    await expect(filedEntry.locator('.badge.kind').first().textContent()).resolves.toBe('AI-generated');
    await onTimeline.close();

    // A value only the AI digest states about Stemchymal, with no contradicting value: listed apart, marked.
    const stemchymal = await focus('stemchymal', 'Stemchymal®');
    const filed = stemchymal.locator('#claims li.claim[data-property="marketingApplicationFiledOn"] li.claim-value');
    await expect(filed.getAttribute('data-value')).resolves.toBe('2026-06-24');
    await expect(filed.locator('.mark.unverified').count()).resolves.toBe(1);
    await expect(filed.locator('li.citation').getAttribute('data-kind')).resolves.toBe('AI_GENERATED');
    await stemchymal.close();
  });

  it('links a source only by an http or https URL: a javascript: or data: URL stored before the writes refused them shows as plain text', async () => {
    await session.app.driver.executeQuery(
      `CREATE (n:Entity:Organization {id: 'e2e-legacy-url-org', name: 'Legacy URL Org', description: 'Cited by pages stored with any URL.', kind: 'COMPANY'})
       WITH n
       UNWIND [['e2e-legacy-js', 'javascript:alert(1)'], ['e2e-legacy-data', 'data:text/html,<script>alert(1)</script>'], ['e2e-legacy-https', 'https://example.org/page']] AS src
       CREATE (n)-[:STATED_IN {evidence: 'It names the company.'}]->(:Source {id: src[0], url: src[1], title: 'Page ' + src[0], publisher: 'Legacy', publishedOn: '2020-01-01', language: 'en'})`,
    );
    const page = await focus('e2e-legacy-url-org', 'Legacy URL Org');
    const citations = await page.locator('#sources li.citation').evaluateAll((els) => els.map((el) => ({
      title: [...el.childNodes].map((c) => c.textContent ?? '').find((t) => t.startsWith('Page ')),
      href: el.querySelector('a')?.getAttribute('href') ?? null,
    })));
    expect(citations).toEqual(expect.arrayContaining([
      { title: 'Page e2e-legacy-js', href: null },
      { title: 'Page e2e-legacy-data', href: null },
      { title: 'Page e2e-legacy-https', href: 'https://example.org/page' },
    ]));
    await page.close();
  });
});

describe('explorer: paths', () => {
  it('explains each hop with its date, and lists the sources that state the path once each, as the API gives them', async () => {
    // What the API says about the first path (asking first also means the page does not wait for a cold plan).
    const api = await session.app.graphql<{ partnershipPaths: { hops: { explanation: string; sources: (ApiCitation & { source: { id: string } })[] }[] }[] }>(
      '{ partnershipPaths(from: "steminent", to: "reprocell", first: 5) { hops { explanation sources { source { id publisher kind } } } } }',
    );
    expect(api.errors).toBeUndefined();
    const expected = api.data!.partnershipPaths[0]!.hops;

    const page = await session.openPage('/explore?from=steminent&to=reprocell');
    await page.waitForFunction('document.querySelector(".specific-links .path") || /Could not/.test(document.querySelector("#status")?.textContent ?? "")', undefined, { timeout: 60_000 });
    expect(await page.locator('#status').textContent()).not.toMatch(/Could not/);
    const firstPath = page.locator('.specific-links .path').first();
    const hops = await firstPath.locator('li.hop').evaluateAll((els) => els.map((el) => ({
      explanation: el.querySelector('.hop-explanation')?.textContent ?? '',
      date: el.querySelector('.hop-date')?.getAttribute('data-date') ?? null,
      dateText: el.querySelector('.hop-date')?.textContent ?? '',
      refs: el.querySelector('.hop-refs')?.textContent ?? '',
    })));
    expect(hops.map((hop) => hop.explanation)).toEqual(expected.map((hop) => hop.explanation));
    const sources = await firstPath.locator('.path-source-list li.citation').evaluateAll((els) => els.map((c) => [c.getAttribute('data-kind'), c.querySelector('.publisher')?.textContent]));
    const once = new Map(expected.flatMap((hop) => hop.sources.map((s) => [s.source.id, [s.source.kind, s.source.publisher]] as const)));
    expect(sources).toEqual([...once.values()]);
    const licence = hops.find((hop) => /licensor in ReproCELL–Steminent Stemchymal/.test(hop.explanation));
    expect(licence).toBeDefined();
    expect(licence!.date).toBe('2016-11-11');
    expect(licence!.dateText).toMatch(/signed Nov 11, 2016/);
    expect(licence!.refs).toMatch(/^Sources? \d/);
    expect(sources).toEqual(expect.arrayContaining([['PRIMARY', 'REPROCELL Inc.']]));
    await page.locator('#results').screenshot({ path: join(SHOTS, 'explorer-hop-dates.png') });
    await page.close();
  });
});

describe('explorer: legend', () => {
  it('gives every label of the model its own shape, and draws a trial with its shape', async () => {
    const page = await focus('stemchymal', 'Stemchymal®');
    const legend = await page.locator('#legend .item[data-type]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-type'), el.getAttribute('data-shape')]));
    expect(legend.map(([type]) => type)).toEqual(ENTITY_LABELS.map((label) => label.toUpperCase()));
    expect(new Set(legend.map(([, shape]) => shape)).size).toBe(ENTITY_LABELS.length);
    const shapeOf = Object.fromEntries(legend);
    await page.waitForFunction(`window.__cy.getElementById('trial-stemchymal-jp-phase2').nonempty()`, undefined, { timeout: 15_000 });
    const drawn = await page.evaluate(`window.__cy.getElementById('trial-stemchymal-jp-phase2').style('shape')`);
    expect(drawn).toBe(shapeOf.TRIAL);
    await page.close();
  });
});

describe('overview: cross-border agreements over time', () => {
  it('charts agreements whose parties are in different countries per year signed, with the undated ones apart', async () => {
    // Each agreement with the number of distinct countries its parties are in, from the API.
    const api = await session.app.graphql<{ agreementsAggregate: { groups: { key: (string | null)[]; countDistinct: number }[] } }>(
      `{ agreementsAggregate(groupBy: [{ field: "id" }, { field: "signedOn", bucket: YEAR }],
           measures: { countDistinct: { via: "parties", field: "countryCode" } }, first: 1000) { groups { key countDistinct } } }`,
    );
    const crossBorder = api.data!.agreementsAggregate.groups.filter((g) => g.countDistinct >= 2);
    const perYear: Record<string, number> = {};
    for (const g of crossBorder) perYear[g.key[1] ?? ''] = (perYear[g.key[1] ?? ''] ?? 0) + 1;
    const ids = crossBorder.map((g) => g.key[0]);
    // Taiwan–Japan licences and MOUs of the seed, and FIRM's MOU with India's ABLE; a domestic one is not cross-border.
    expect(ids).toEqual(expect.arrayContaining(['agreement-reprocell-steminent-stemchymal-2016', 'agreement-duogenic-ai-licence-2025', 'agreement-nakanoshima-qross-tbip-mou-2025', 'agreement-firm-able-mou']));
    expect(ids).not.toContain('agreement-metatech-thap-joint-company');
    expect(perYear['2016']).toBe(1);
    expect(perYear['2025']).toBeGreaterThanOrEqual(2);

    const page = await session.openPage('/');
    const note = page.locator('#crossborder-note');
    await note.waitFor({ timeout: 30_000 });
    await expect(note.getAttribute('data-total')).resolves.toBe(String(crossBorder.length));
    await expect(note.getAttribute('data-undated')).resolves.toBe(String(perYear[''] ?? 0));
    const rows = await page.locator('#crossborder-years-data tbody tr').evaluateAll((els) =>
      els.map((tr) => [tr.getAttribute('data-year'), [...tr.querySelectorAll('td')].reduce((sum, td) => sum + Number(td.textContent), 0)]));
    expect(Object.fromEntries(rows.filter(([, n]) => n))).toEqual(perYear);
    // Every year from the first to the last is on the axis, the undated bar last.
    const years = Object.keys(perYear).filter(Boolean).map(Number);
    const [first, last] = [Math.min(...years), Math.max(...years)];
    expect(rows.map(([year]) => year)).toEqual([...Array.from({ length: last - first + 1 }, (_, i) => String(first + i)), '']);
    await page.locator('[data-chart="crossborder-years"]').screenshot({ path: join(SHOTS, 'overview-crossborder-years.png') });
    await page.close();
  });

  it('lists every open conflict with each value and how many sources state it', async () => {
    const api = await session.app.graphql<{ conflicts: { subject: { id: string }; property: string; values: { value: unknown }[] }[] }>(
      '{ conflicts(first: 500) { subject { id } property values { value } } }',
    );
    const conflicts = api.data!.conflicts;
    expect(conflicts.length).toBeGreaterThan(0);
    const page = await session.openPage('/');
    await page.locator('#open-conflicts').waitFor({ timeout: 30_000 });
    const rows = await page.locator('#open-conflicts li').evaluateAll((els) =>
      els.map((li) => [li.getAttribute('data-subject'), li.getAttribute('data-property'), [...li.querySelectorAll('.conflict-value b')].map((b) => b.textContent)]));
    expect(rows).toEqual(conflicts.map((c) => [c.subject.id, c.property, c.values.map((v) => String(v.value))]));
    expect(rows).toEqual(expect.arrayContaining([['agreement-hitachi-metatech-cell-factory-2020', 'agreementForm', expect.arrayContaining(['CONTRACT', 'JOINT_VENTURE'])]]));
    await page.close();
  });
});
