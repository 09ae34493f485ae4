/**
 * End to end: partner suggestions in the explorer (issue #33), on the server
 * seeded as `npm start` seeds it, driven by Debian's chromium. MetaTech's
 * suggestions show their reasons with each side's dated evidence; "why not"
 * says what Astellas lacks; the group of Japanese pharmaceutical companies is
 * offered as a target. The screenshot is docs/screenshots/suggestions.png.
 */
import { resolve } from 'node:path';
import { clickNode, useBrowserSession } from './browser';

const DOCS_SHOTS = resolve(__dirname, '..', '..', 'docs', 'screenshots');

const suite = useBrowserSession({ ecosystem: true });

describe('suggested partners in the explorer', () => {
  it('shows MetaTech’s suggestions with reasons and dated evidence, a why-not answer and a group to reach', async () => {
    const page = await suite.session.openPage('/explore?from=metatech&to=cellseed');
    await page.locator('.hop-explanation').first().waitFor({ timeout: 30_000 });
    await clickNode(page, 'metatech');
    await page.waitForFunction('document.querySelector("#details-name")?.textContent?.startsWith("MetaTech")');
    await page.locator('#suggest-country').selectOption('');
    await page.locator('#suggest').click();
    await page.locator('#results h2', { hasText: 'Suggested partners for MetaTech' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('#results .suggestion').count()).toBeGreaterThan(0);
    const kinds = new Set(await page.locator('#results .suggestion .reason').evaluateAll((items) => items.map((i) => i.getAttribute('data-kind'))));
    expect(kinds.size).toBeGreaterThanOrEqual(2);
    const dates = await page.locator('#results .evidence time').allTextContents();
    expect(dates.some((d) => /\d{4}/.test(d))).toBe(true);

    await page.locator('#why-not-input').fill('Astellas');
    await page.locator('#why-not-button').click();
    await page.waitForFunction('(document.querySelector("#why-not-answer")?.textContent ?? "").length > 0', undefined, { timeout: 60_000 });
    expect(await page.locator('#why-not-answer').textContent()).toMatch(/Astellas/);

    await page.locator('#group-kind').selectOption('PHARMA');
    await page.locator('#group-reach').click();
    await page.locator('#group-explanation').waitFor({ timeout: 60_000 });
    expect(await page.locator('#group-explanation').textContent()).toMatch(/organizations in Japan \(pharmaceutical company\)/);

    await page.locator('#results h2').scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(DOCS_SHOTS, 'suggestions.png') });
    await page.locator('#group-results').scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(DOCS_SHOTS, 'suggestions-group.png') });
    await page.close();
  }, 240_000);
});
