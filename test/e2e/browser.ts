/**
 * A real browser (Debian's chromium through playwright-core) on the real server
 * over the test database, for the page tests. A browser that cannot start fails
 * the suite.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildWeb, webBuildIsStale } from '../../scripts/build-web';
import { loadEverySeed } from '../../src/ingest/loadEcosystem';
import { startTestApp, type TestApp } from '../support/harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots the tests take along the way (not committed). */
export const SHOTS = resolve(__dirname, '..', '..', '.artifacts', 'screenshots');

export interface BrowserSession {
  app: TestApp;
  context: BrowserContext;
  /** Every URL the browser requested. */
  requests: string[];
  /** Uncaught errors of the pages, "path: message". */
  pageErrors: string[];
  openPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Playwright evaluates a string given to waitForFunction with eval at every
 * poll, which the pages' Content Security Policy (script-src 'self') refuses.
 * Turned into a function, it is compiled once through the debugger protocol,
 * which the policy does not govern, and the pages keep their real policy.
 */
function evaluateStringPredicatesOnce(page: Page): void {
  const waitForFunction = page.waitForFunction.bind(page);
  page.waitForFunction = ((predicate: unknown, arg?: unknown, options?: Parameters<Page['waitForFunction']>[2]) =>
    waitForFunction(typeof predicate === 'string' ? (new Function(`return (${predicate});`) as () => unknown) : (predicate as () => unknown), arg, options)) as Page['waitForFunction'];
}

/**
 * Builds the pages when stale, starts chromium and the server. The graph is
 * cleared and the seed loaded; with `ecosystem` also the ecosystem files of
 * seed/ecosystem/, as the first start of `npm start` does. `app` passes settings
 * to the server (e.g. `auth` for tests that write through the API).
 */
export async function startBrowserSession(options: { ecosystem?: boolean; app?: Parameters<typeof startTestApp>[0] } = {}): Promise<BrowserSession> {
  if (webBuildIsStale()) buildWeb();
  mkdirSync(SHOTS, { recursive: true });
  const userDataDir = mkdtempSync(join(tmpdir(), 'regen-e2e-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`Chromium could not start from ${CHROMIUM} (install it: apt-get install -y chromium): ${(error as Error).message}`);
  }
  const requests: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('page', evaluateStringPredicatesOnce);
  const app = await startTestApp(options.app);
  if (options.ecosystem) await loadEverySeed(app.executor);
  return {
    app,
    context,
    requests,
    pageErrors,
    async openPage(path) {
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
      await page.goto(`${app.url}${path}`, { waitUntil: 'domcontentloaded' });
      return page;
    },
    async close() {
      await context.close();
      await app.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The suite's browser session, set up the way every page suite wants it:
 * started (seeded as asked) before the tests, closed after them, and after each
 * test no page may have thrown. Read `.session` inside the tests.
 */
export function useBrowserSession(options: Parameters<typeof startBrowserSession>[0] = {}): { readonly session: BrowserSession } {
  const holder = {} as { session: BrowserSession };
  beforeAll(async () => {
    holder.session = await startBrowserSession(options);
  }, 300_000);
  afterAll(async () => {
    await holder.session?.close();
  });
  afterEach(() => {
    // Emptied as read, so one page's error fails one test, not every test after it.
    const errors = holder.session?.pageErrors.splice(0) ?? [];
    expect(errors).toEqual([]);
  });
  return holder;
}

/**
 * Clicks a node of the graph where it is drawn, once the graph has settled: a
 * position read while the view still moves is not where the click lands.
 */
export async function clickNode(page: Page, id: string): Promise<void> {
  await page.waitForFunction(`!window.__cy.animated() && window.__cy.getElementById(${JSON.stringify(id)}).nonempty()`, undefined, { timeout: 10_000 });
  const box = await page.locator('#cy').boundingBox();
  const pos = (await page.evaluate(`window.__cy.getElementById(${JSON.stringify(id)}).renderedPosition()`)) as { x: number; y: number };
  if (!box) throw new Error('the graph container is not visible');
  if (pos.x < 0 || pos.y < 0 || pos.x > box.width || pos.y > box.height) throw new Error(`${id} is drawn outside the graph's view, at ${Math.round(pos.x)}, ${Math.round(pos.y)}`);
  await page.mouse.click(box.x + pos.x, box.y + pos.y);
}

/** What axe finds serious or critical on the page (WCAG 2.1 A and AA, best practice), one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
