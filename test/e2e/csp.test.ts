/**
 * The Content Security Policy in a real browser (Debian's chromium through
 * playwright-core): the pages, the explorer and GraphiQL work under it without
 * a single violation, and a script injected into a page does not run. (The
 * policy's script-src is 'self' alone, so eval is refused too: test/securityHttp.test.ts
 * checks the header; a test cannot call eval from the page here, as what
 * playwright evaluates is exempt from the policy.)
 */
import type { ConsoleMessage, Page } from 'playwright-core';
import { startBrowserSession, type BrowserSession } from './browser';

let session: BrowserSession;
/** Every CSP violation the browser reported, "path: directive blocked-uri" or its console text. */
const violations: string[] = [];

/** Opens `path`, recording the CSP violations its document and its workers report. */
async function openWatched(path: string): Promise<Page> {
  const page = await session.context.newPage();
  page.on('console', (message: ConsoleMessage) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${path}: ${message.text()}`);
  });
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) => {
    (window.__violations ??= []).push(event.effectiveDirective + ' ' + event.blockedURI);
  });`);
  await page.goto(`${session.app.url}${path}`, { waitUntil: 'domcontentloaded' });
  return page;
}

async function pageViolations(page: Page): Promise<string[]> {
  return (await page.evaluate('window.__violations ?? []')) as string[];
}

beforeAll(async () => {
  session = await startBrowserSession({ ecosystem: true });
}, 300_000);

afterAll(async () => {
  await session?.close();
});

afterEach(() => {
  expect(session.pageErrors).toEqual([]);
});

describe('under the Content Security Policy', () => {
  it('the overview draws its charts with no violation', async () => {
    const page = await openWatched('/');
    await page.locator('#chart-organizations').waitFor();
    await page.waitForFunction('document.querySelector("#freshness").textContent.includes("generated at")');
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(5);
    await page.waitForTimeout(300);
    expect(await pageViolations(page)).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('the explorer finds, draws and explains a path, and exports it as PNG and JSON, with no violation', async () => {
    const page = await openWatched('/explore?from=duogenic-stemcells&to=a-and-i-co-ltd');
    await page.locator('.hop-explanation').first().waitFor({ timeout: 30_000 });
    expect(await page.evaluate('window.__cy.nodes().length')).toBeGreaterThan(1);
    // PNG: a data: URL; JSON: a blob: URL.
    for (const [button, extension] of [['#export-png', 'png'], ['#export-json', 'json']]) {
      const download = page.waitForEvent('download', { timeout: 10_000 });
      await page.locator(button!).click();
      expect((await download).suggestedFilename()).toMatch(new RegExp(`^duogenic-stemcells-a-and-i-co-ltd-paths-\\d{4}-\\d{2}-\\d{2}\\.${extension}$`));
    }
    await page.waitForTimeout(300);
    expect(await pageViolations(page)).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('GraphiQL loads its editor and workers and runs a query, with no violation', async () => {
    const page = await openWatched('/graphql');
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-execute-button').click();
    await page.waitForFunction('document.querySelector(".graphiql-response")?.textContent.includes("DuoGenic")', undefined, { timeout: 20_000 });
    await page.waitForTimeout(500);
    expect(await pageViolations(page)).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('an injected inline script or inline event handler does not run, and the browser reports it', async () => {
    const page = await openWatched('/explore');
    await page.locator('#from-input').waitFor();
    const outcome = await page.evaluate(`(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injectedScript = true';
      document.body.append(script);
      document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__injectedHandler = true">');
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { script: window.__injectedScript ?? false, handler: window.__injectedHandler ?? false };
    })()`);
    expect(outcome).toEqual({ script: false, handler: false });
    const reported = await pageViolations(page);
    expect(reported).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src-elem inline/), expect.stringMatching(/^script-src-attr inline/)]));
    violations.length = 0;
    await page.close();
  });
});
