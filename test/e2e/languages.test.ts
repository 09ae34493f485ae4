/**
 * End to end: the overview and the explorer in English, Japanese and
 * Traditional Chinese, chosen by the URL and by the switcher (the choice is
 * remembered on the next page); every GraphQL request says the page language;
 * the DuoGenic → A&I path explained in each language; axe finds nothing
 * serious in any. Screenshots per language go to docs/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { seriousViolations, useBrowserSession } from './browser';

const DOCS_SHOTS = resolve(__dirname, '..', '..', 'docs', 'screenshots');
const LANGUAGES = ['en', 'ja', 'zh-Hant'] as const;
type Language = (typeof LANGUAGES)[number];

const catalogue = (lang: Language): Record<string, Record<string, unknown>> =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'web', 'src', 'i18n', `${lang}.json`), 'utf8')) as Record<string, Record<string, unknown>>;
const message = (lang: Language, key: string): string => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue(lang)) as string;

/** Text in the script of each language: kana for Japanese, Han without kana for Chinese, Latin for English. */
const SCRIPT: Record<Language, (text: string) => boolean> = {
  en: (text) => /[A-Za-z]{3}/.test(text),
  ja: (text) => /[\u3040-\u30ff]/.test(text),
  'zh-Hant': (text) => /[\u4e00-\u9fff]/.test(text) && !/[\u3040-\u309f]/.test(text),
};

// Generous query time: the first start creates the indexes on a busy machine.
const suite = useBrowserSession({ ecosystem: true, app: { queryTimeoutMs: 60_000 } });
/** Errors of pages the tests open themselves go where the session's own go. */
const pageErrors = { push: (error: string) => suite.session.pageErrors.push(error) };

/** The Accept-Language each GraphQL request of the page sent. */
function graphqlLanguages(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql' && request.method() === 'POST') seen.push(request.headers()['accept-language'] ?? '(none)');
  });
  return seen;
}

async function openOverview(path: string): Promise<{ page: Page; sent: string[] }> {
  const page = await suite.session.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
  const sent = graphqlLanguages(page);
  await page.goto(`${suite.session.app.url}${path}`, { waitUntil: 'domcontentloaded' });
  await page.locator('#open-conflicts').waitFor({ timeout: 30_000 });
  return { page, sent };
}


describe.each(LANGUAGES)('the overview in %s, by the URL', (lang) => {
  it('is in the language throughout: <html lang>, title, header, charts and the switcher; every request asks for it; axe finds nothing serious', async () => {
    const { page, sent } = await openOverview(`/?lang=${lang}`);
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe(lang);
    expect(await page.title()).toBe(message(lang, 'overview.pageTitle'));
    expect(await page.locator('header .brand').textContent()).toBe(message(lang, 'common.brand'));
    expect(await page.locator('header nav a[href^="/explore"]').textContent()).toBe(message(lang, 'common.nav.explorer'));
    expect(await page.locator('[data-chart="organizations"] h2').textContent()).toBe(message(lang, 'overview.organizations.title'));
    expect(SCRIPT[lang]((await page.locator('#freshness').textContent()) ?? '')).toBe(true);
    expect(await page.locator(`#lang-switcher button[data-lang="${lang}"]`).getAttribute('aria-pressed')).toBe('true');
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent)).toEqual(new Set([lang]));
    // Links into the explorer keep the language the URL chose.
    expect(await page.locator('#open-conflicts li a').first().getAttribute('href')).toContain(`lang=${lang}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(DOCS_SHOTS, `overview-${lang}.png`), fullPage: false });
    await page.close();
  });
});

describe.each(LANGUAGES)('the explorer in %s, by the URL', (lang) => {
  it('explains the DuoGenic → A&I path in the language, and axe finds nothing serious', async () => {
    const page = await suite.session.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`explore ${lang}: ${error.message}`));
    const sent = graphqlLanguages(page);
    await page.goto(`${suite.session.app.url}/explore?lang=${lang}&from=duogenic-stemcells&to=a-and-i-co-ltd`, { waitUntil: 'domcontentloaded' });
    await page.locator('.hop-explanation').first().waitFor({ timeout: 30_000 });
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe(lang);
    expect(await page.locator('#find').textContent()).toBe(message(lang, 'explorer.find'));
    expect(await page.locator('#results h2').first().textContent()).toBe(message(lang, 'explorer.paths.heading'));
    const explanations = await page.locator('.hop-explanation').allTextContents();
    expect(explanations.length).toBeGreaterThan(0);
    expect(explanations.every((text) => SCRIPT[lang](text))).toBe(true);
    expect(explanations.join(' ')).toMatch(/DuoGenic/);
    expect(SCRIPT[lang]((await page.locator('#status').textContent()) ?? '')).toBe(true);
    expect(new Set(sent)).toEqual(new Set([lang]));
    // The legend: the model's words for types, the catalogue's for colours.
    expect(await page.locator('#legend .title').first().textContent()).toBe(message(lang, 'explorer.legend.colour'));
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('.path').first().click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(DOCS_SHOTS, `explorer-path-${lang}.png`) });
    await page.close();
  });
});

describe.each(['ja', 'zh-Hant'] as const)('GraphiQL in %s', (lang) => {
  it('heads the example tabs with comments in the language and asks the API in it', async () => {
    const page = await suite.session.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`graphiql ${lang}: ${error.message}`));
    const sent = graphqlLanguages(page);
    await page.goto(`${suite.session.app.url}/graphql?lang=${lang}`, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('header span[data-i18n="graphiql.hint"]').textContent()).toBe(message(lang, 'graphiql.hint'));
    const comment = message(lang, 'graphiql.examples.duoGenicLicence');
    await page.waitForFunction(`(document.querySelector('.graphiql-query-editor')?.textContent ?? '').replace(/\\u00a0/g, ' ').includes(${JSON.stringify(comment.slice(0, 12))})`, undefined, { timeout: 20_000 });
    await page.locator('.graphiql-execute-button').click();
    await page.waitForFunction('document.querySelector(".graphiql-response")?.textContent.includes("DuoGenic")', undefined, { timeout: 20_000 });
    expect(sent).toContain(lang);
    await page.close();
  });
});

describe.each(['ja', 'zh-Hant'] as const)('the curation pages in %s', (lang) => {
  it('greet a signed-out curator in the language, and axe finds nothing serious', async () => {
    for (const [path, heading] of [['/curate/new', 'curate.newHeading'], ['/curate/review', 'curate.reviewHeading']] as const) {
      const page = await suite.session.context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${path} ${lang}: ${error.message}`));
      await page.goto(`${suite.session.app.url}${path}?lang=${lang}`, { waitUntil: 'domcontentloaded' });
      await page.locator('#signin-title').waitFor({ timeout: 30_000 });
      await expect(page.evaluate('document.documentElement.lang')).resolves.toBe(lang);
      expect(await page.locator('h1').textContent()).toBe(message(lang, heading));
      expect(await page.locator('#signin-title').textContent()).toBe(message(lang, 'curate.session.title'));
      expect(await page.locator('label[for="signin-password"]').textContent()).toBe(message(lang, 'curate.session.password'));
      expect(await seriousViolations(page)).toEqual([]);
      if (path === '/curate/new') await page.screenshot({ path: join(DOCS_SHOTS, `curate-sign-in-${lang}.png`) });
      await page.close();
    }
  });
});

describe('the switcher', () => {
  it('is a labelled group of buttons a keyboard can press; the choice is put in the URL and remembered on the next page', async () => {
    const { page } = await openOverview('/');
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('en');
    const group = page.locator('#lang-switcher');
    expect(await group.getAttribute('role')).toBe('group');
    expect(await group.getAttribute('aria-label')).toBe(message('en', 'common.language'));
    await group.locator('button[data-lang="ja"]').focus();
    await Promise.all([page.waitForURL(/lang=ja/), page.keyboard.press('Enter')]);
    await page.locator('#open-conflicts').waitFor({ timeout: 30_000 });
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('ja');
    expect(await page.locator('#lang-switcher').getAttribute('aria-label')).toBe(message('ja', 'common.language'));

    // The next page, opened without ?lang, remembers the choice.
    const explorer = await suite.session.context.newPage();
    explorer.on('pageerror', (error) => pageErrors.push(`explore: ${error.message}`));
    const sent = graphqlLanguages(explorer);
    await explorer.goto(`${suite.session.app.url}/explore?focus=duogenic-stemcells`, { waitUntil: 'domcontentloaded' });
    await explorer.locator('#details-name').waitFor({ timeout: 30_000 });
    await expect(explorer.evaluate('document.documentElement.lang')).resolves.toBe('ja');
    expect(await explorer.locator('#find').textContent()).toBe(message('ja', 'explorer.find'));
    expect(new Set(sent)).toEqual(new Set(['ja']));

    // Switched to Chinese on the explorer: the entity it showed stays in the URL.
    await Promise.all([explorer.waitForURL(/lang=zh-Hant/), explorer.locator('#lang-switcher button[data-lang="zh-Hant"]').click()]);
    expect(explorer.url()).toContain('focus=duogenic-stemcells');
    await explorer.locator('#details-name').waitFor({ timeout: 30_000 });
    await expect(explorer.evaluate('document.documentElement.lang')).resolves.toBe('zh-Hant');
    expect(await explorer.locator('#timeline h3').textContent()).toMatch(new RegExp(`^${message('zh-Hant', 'explorer.timeline.label')}`));

    // Back to English, so the other tests start from the browser's language.
    await Promise.all([explorer.waitForURL(/lang=en/), explorer.locator('#lang-switcher button[data-lang="en"]').click()]);
    await expect(explorer.evaluate('localStorage.getItem("regen.lang")')).resolves.toBe('en');
    await explorer.close();
    await page.close();
  });
});
