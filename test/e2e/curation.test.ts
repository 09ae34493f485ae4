import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { AccountStore } from '../../src/auth/accounts';
import { freePort, startOidcProvider, type TestProvider } from '../support/oidcSignIn';
import { bearerHeader, newJwtSecret } from '../support/tokens';
import { startBrowserSession, type BrowserSession } from './browser';

// A shared 2-core machine: the keyboard-driven flows take minutes under load.
jest.setTimeout(300_000);

const DOCS_SHOTS = resolve(__dirname, '..', '..', 'docs', 'screenshots');
/** An article written for the test: Rohto by its Japanese name, BPIPO by its English one, and a company the graph does not know. */
const LICENCE_SENTENCE = 'ロート製薬 has granted Formosa Spheroid Works, a new spin-off, an exclusive licence to make its spheroid culture cells for local clinics.';
/** A value that disagrees with the graph (which has Rohto in Osaka): it becomes a claim, not an overwrite. */
const CLAIM_SENTENCE = 'According to the report the licensor is headquartered in Tokyo.';
const ARTICLE = [
  `Hsinchu, March 2026. ${LICENCE_SENTENCE}`,
  CLAIM_SENTENCE,
  'The Biotechnology and Pharmaceutical Industries Promotion Office said the deal was the first of its kind this year.',
  'Readers who paste <img src=x id=injected> should see it as text.',
].join('\n');
const SOURCE_TITLE = 'Rohto licenses its spheroid process to a Hsinchu spin-off';
const NOTE = 'A new Hsinchu spin-off and its licence from Rohto, from the test article.';
const LICENCE = 'rohto-licence-to-formosa-spheroid-works';
const NEW_ORG = 'formosa-spheroid-works';
const ROHTO = 'rohto-pharmaceutical';

// Code run in the page: the few DOM names it uses (the tests compile without the DOM library).
interface PageSelect {
  selectedIndex: number;
  value: string;
  options: Iterable<{ value: string }>;
}
declare const document: { activeElement: { matches(selector: string): boolean } | null; querySelector(selector: string): PageSelect };
declare const localStorage: { getItem(key: string): string | null };

/** Serious and critical axe violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// ---------------------------------------------------------------- the keyboard alone
/** Presses Tab until `selector` has the focus: it is reachable without a mouse. */
async function tabTo(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor({ state: 'attached' });
  for (let i = 0; i < 400; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} is not reached with Tab`);
}
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}
async function press(page: Page, selector: string, key = 'Enter'): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.press(key);
}
/** Chooses `value` in a dropdown (or list box) with the arrow keys. */
async function choose(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(`${selector} option[value="${value}"]`).waitFor({ state: 'attached' });
  await tabTo(page, selector);
  for (let i = 0; i < 300; i++) {
    const { at, target } = await page.evaluate(
      ([sel, v]) => {
        const el = document.querySelector(sel!);
        return { at: el.selectedIndex, target: [...el.options].findIndex((o) => o.value === v) };
      },
      [selector, value],
    );
    if (at === target) return;
    await page.keyboard.press(at < target ? 'ArrowDown' : 'ArrowUp');
  }
  throw new Error(`${value} is not reached in ${selector}`);
}

/** Signs in with a local account on the page's form, by keyboard. */
async function signInLocally(page: Page, name: string, password: string): Promise<void> {
  await typeInto(page, '#signin-name', name);
  await typeInto(page, '#signin-password', password);
  await page.keyboard.press('Enter');
  await page.locator('#signin-name').waitFor({ state: 'detached' });
  await page.locator('#signout').waitFor();
}

describe('The curation workspace in a real browser, signed in through a real OpenID provider', () => {
  let browser: BrowserSession;
  let provider: TestProvider;
  const secret = newJwtSecret();
  const axe: Record<string, string[]> = {};
  const reviewer = () => bearerHeader(secret, 'second-reviewer@example.org', ['reviewer']);

  /** Signs in through the provider's own login and consent pages, in the browser, by keyboard. */
  async function signInWithProvider(page: Page, login: string, back: string): Promise<void> {
    await press(page, '#signin-oidc');
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').waitFor();
    axe['provider-login (not ours)'] = await seriousViolations(page);
    await typeInto(page, 'input[name="login"]', login);
    await typeInto(page, 'input[name="password"]', 'any password');
    await page.keyboard.press('Enter');
    // The provider may ask for consent before it sends the browser back.
    const consent = page.locator('input[name="prompt"][value="consent"]');
    await consent.or(page.locator('#signout')).first().waitFor({ state: 'attached' });
    if (await consent.count()) {
      await page.locator('button[type="submit"]').focus();
      await page.keyboard.press('Enter');
    }
    await page.waitForURL(`${browser.app.url}${back}`);
    await page.locator('#signout').waitFor();
  }

  beforeAll(async () => {
    const providerPort = await freePort();
    browser = await startBrowserSession({
      ecosystem: true,
      app: {
        queryTimeoutMs: 30_000,
        auth: { jwtSecret: secret },
        config: {
          SESSION_SECRET: 'the-session-secret-of-the-curation-page-tests',
          OIDC_ISSUER: `http://127.0.0.1:${providerPort}`,
          OIDC_CLIENT_ID: 'regen-graph-test',
          OIDC_CLIENT_SECRET: 'a-client-secret-for-the-sign-in-tests',
          OIDC_ROLES_CLAIM: 'roles',
        },
      },
    });
    // The machine is shared: pages answer slowly under load (the first mentions call also builds the dictionary).
    browser.context.setDefaultTimeout(90_000);
    provider = await startOidcProvider(providerPort, `${browser.app.url}/auth/oidc/callback`, { 'mei.editor': ['editor'], 'kai.reader': [] });
    const accounts = new AccountStore(browser.app.executor);
    await accounts.set('rin.reviewer', 'reviewer password 2026', ['reviewer']);
    await accounts.set('ana.editor', 'editor password 2026', ['editor']);
  }, 600_000);
  afterAll(async () => {
    await provider?.stop();
    await browser?.close();
    console.log(`axe serious/critical violations per page: ${JSON.stringify(axe)}`);
  });

  it('1. an editor signs in through the provider, brings an article, confirms its mentions, creates the new organisation and a licence with evidence, and submits one changeset, all by keyboard', async () => {
    const page = await browser.openPage('/curate/new');
    await page.locator('#signin-name').waitFor();
    expect(await page.locator('#find-mentions').count()).toBe(0);
    axe['sign-in'] = await seriousViolations(page);
    await page.screenshot({ path: resolve(DOCS_SHOTS, 'curate-sign-in.png'), fullPage: true });
    await signInWithProvider(page, 'mei.editor', '/curate/new');
    expect(await page.locator('#session').textContent()).toContain('(editor)');

    await typeInto(page, '#article-text', ARTICLE);
    await press(page, '#find-mentions');
    await page.locator('#article mark.mention').first().waitFor();
    const marked = await page.locator('#article mark.mention').allTextContents();
    expect(marked).toEqual(expect.arrayContaining(['ロート製薬', 'Biotechnology and Pharmaceutical Industries Promotion Office']));
    // Pasted HTML stays text.
    expect(await page.locator('#article img, #injected').count()).toBe(0);
    expect(await page.locator('#article').textContent()).toContain('<img src=x id=injected>');
    // Mentions with one candidate are proposed as confirmed; the curator keeps them.
    expect(await page.locator('#mentions select').evaluateAll((els) => els.map((e) => (e as unknown as PageSelect).value))).toEqual(expect.arrayContaining([ROHTO, 'bpipo']));

    await typeInto(page, '#source-url', 'https://example.org/news/rohto-hsinchu-licence');
    await typeInto(page, '#source-publisher', 'Example Biotech News');
    await page.locator('#source-date').focus();
    await page.keyboard.type('03022026');
    await typeInto(page, '#source-title-input', SOURCE_TITLE);
    await choose(page, '#source-kind', 'TRADE_PRESS');

    // The new organisation, its evidence a sentence of the text chosen from the list (no mouse selection).
    await press(page, '#use-selection');
    await choose(page, '#entity-evidence', LICENCE_SENTENCE);
    await typeInto(page, '#entity-name', 'Formosa Spheroid Works');
    await page.waitForFunction('(document.getElementById("duplicate-warning")?.textContent ?? "") !== ""');
    await typeInto(page, '#entity-description', 'A Taiwanese spin-off licensed to make spheroid cell cultures, per the test article.');
    // Kind and country are dropdowns of the model's kinds and the graph's countries.
    expect(await page.locator('#entity-kind option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value))).toEqual(expect.arrayContaining(['COMPANY', 'CDMO', 'SCIENCE_PARK']));
    await choose(page, '#entity-kind', 'COMPANY');
    await choose(page, '#entity-country', 'TW');
    await press(page, '#add-entity');
    await page.locator('#new-entities li').first().waitFor();

    // The licence between Rohto and the new company, each party with its role.
    await press(page, '#agreement-from-selection');
    await choose(page, '#agreement-evidence', LICENCE_SENTENCE);
    expect(await page.locator('#agreement-kind option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value))).toEqual(expect.arrayContaining(['LICENSE', 'CO_DEVELOPMENT', 'JOINT_VENTURE']));
    await choose(page, '#agreement-kind', 'LICENSE');
    await typeInto(page, '#agreement-name', 'Rohto licence to Formosa Spheroid Works');
    await typeInto(page, '#agreement-id', LICENCE);
    await typeInto(page, '#agreement-description', 'An exclusive licence for spheroid cell culture, from Rohto to a Hsinchu spin-off, per the test article.');
    await choose(page, `select[data-organization="${ROHTO}"]`, 'LICENSOR');
    await choose(page, `select[data-organization="${NEW_ORG}"]`, 'LICENSEE');
    expect(await page.locator('select[data-organization="bpipo"]').inputValue()).toBe('');
    await tabTo(page, '#agreement-signedOn');
    await page.keyboard.type('03022026');
    await choose(page, '#agreement-territory', 'TW');
    await press(page, '#agreement-exclusive', 'Space');
    await page.locator('#agreement-form').screenshot({ path: resolve(DOCS_SHOTS, 'curate-new-licence-form.png') });
    await press(page, '#add-agreement');
    await page.locator('#new-agreements li').first().waitFor();
    expect(await page.locator('#new-agreements').textContent()).toMatch(/rohto-pharmaceutical as licensor, formosa-spheroid-works as licensee/);

    // The article disagrees with the graph on Rohto's headquarters: a claim beside the graph's value.
    await press(page, '#claim-from-selection');
    await choose(page, '#claim-evidence', CLAIM_SENTENCE);
    await choose(page, '#claim-entity', ROHTO);
    await typeInto(page, '#claim-property', 'headquarters');
    await page.locator('#claim-graph-value', { hasText: 'The graph has: Osaka' }).waitFor();
    await typeInto(page, '#claim-value', 'Tokyo');
    await press(page, '#add-claim');
    await page.locator('#new-claims li').first().waitFor();

    await typeInto(page, '#change-note', NOTE);
    axe['curate-new'] = await seriousViolations(page);
    await page.screenshot({ path: resolve(DOCS_SHOTS, 'curate-new-mentions.png'), fullPage: true });
    expect(axe['curate-new']).toEqual([]);
    expect(axe['sign-in']).toEqual([]);

    // The draft survives a reload (it lives in localStorage).
    await page.reload();
    await page.locator('#new-agreements li').first().waitFor();
    await press(page, '#submit-change');
    await page.locator('#curate-status.ok, #curate-status.error').waitFor();
    expect(await page.locator('#curate-status').textContent()).toMatch(/Submitted for review as changeset/);
    await page.close();

    const { data } = await browser.app.graphql<{ changes: { edges: { node: { author: string; operations: { op: string; input: Record<string, unknown> & { source: { new?: { text?: string } } } }[] } }[] } }>(
      '{ changes(status: [PROPOSED], first: 1) { edges { node { author operations } } } }',
      {},
      await reviewer(),
    );
    const proposal = data!.changes.edges[0]!.node;
    expect(proposal.author).toBe('oidc:mei.editor');
    expect(proposal.operations.map((o) => o.op).slice(0, 2)).toEqual(['upsertEntity', 'recordAgreement']);
    // Confirmed mentions cite the article for what the graph holds, without re-stating it.
    expect(proposal.operations.filter((o) => o.op === 'upsertEntity').map((o) => o.input.id)).toEqual([NEW_ORG]);
    expect(proposal.operations.filter((o) => o.op === 'cite').map((o) => o.input.targetId)).toEqual(expect.arrayContaining([ROHTO, 'bpipo']));
    expect(proposal.operations.find((o) => o.op === 'claim')?.input).toMatchObject({ entityId: ROHTO, property: 'headquarters', value: 'Tokyo', evidence: CLAIM_SENTENCE });
    expect(proposal.operations[0]!.input).toMatchObject({ id: NEW_ORG, kind: 'COMPANY', country: 'TW', evidence: LICENCE_SENTENCE });
    expect(proposal.operations[0]!.input.source.new!.text).toBe(ARTICLE);
    expect(proposal.operations[1]!.input).toMatchObject({
      id: LICENCE,
      kind: 'LICENSE',
      exclusive: true,
      territory: ['TW'],
      signedOn: '2026-03-02',
      parties: expect.arrayContaining([{ organization: ROHTO, role: 'LICENSOR' }, { organization: NEW_ORG, role: 'LICENSEE' }]),
      evidence: LICENCE_SENTENCE,
    });
  });

  it('2. a reviewer signs in, sees the diff and the highlighted evidence, and approves', async () => {
    await browser.context.clearCookies();
    const page = await browser.openPage('/curate/review');
    await signInLocally(page, 'rin.reviewer', 'reviewer password 2026');
    const card = page.locator('article.proposal', { hasText: NOTE }).first();
    await card.waitFor();
    expect(await card.locator('table.diff td.after').allTextContents()).toEqual(
      expect.arrayContaining(['Formosa Spheroid Works', 'LICENSE', 'TW', '2026-03-02', `${ROHTO} as LICENSOR, ${NEW_ORG} as LICENSEE`]),
    );
    expect(await card.locator('mark.evidence').allTextContents()).toEqual(expect.arrayContaining([LICENCE_SENTENCE, CLAIM_SENTENCE]));
    expect(await card.locator('table.diff td.after').allTextContents()).toContain('Tokyo');
    axe['curate-review'] = await seriousViolations(page);
    await page.screenshot({ path: resolve(DOCS_SHOTS, 'curate-review-diff.png'), fullPage: true });
    expect(axe['curate-review']).toEqual([]);
    await typeInto(page, 'textarea[id^="comment-"]', 'Checked against the article.');
    await tabTo(page, 'article.proposal button.primary');
    await page.keyboard.press('Enter');
    await page.getByText('No proposals wait for review.').waitFor();
    await page.close();
    // The disagreeing value stands beside the graph's as a claim; the graph's own value is untouched.
    const { data } = await browser.app.graphql<{ entity: { facts: { name: string; value: unknown }[]; claims: { property: string; value: unknown }[] } }>(`{ entity(id: "${ROHTO}") { facts { name value } claims { property value } } }`);
    expect(data!.entity.facts).toContainEqual({ name: 'headquarters', value: 'Osaka' });
    expect(data!.entity.claims).toContainEqual({ property: 'headquarters', value: 'Tokyo' });
  });

  it('3. the explorer shows the licence with its new source, the path between the two organisations goes through it, and the history tab lists the change', async () => {
    await browser.context.clearCookies();
    const licence = await browser.openPage(`/explore?focus=${LICENCE}`);
    await licence.locator('#sources').waitFor();
    expect(await licence.locator('#sources').textContent()).toContain(SOURCE_TITLE);
    await licence.close();

    const paths = await browser.openPage(`/explore?from=${ROHTO}&to=${NEW_ORG}`);
    await paths.locator('.hop-explanation').first().waitFor({ timeout: 20_000 });
    expect((await paths.locator('.hop-explanation').allTextContents()).join(' ')).toContain('Rohto licence to Formosa Spheroid Works');
    axe['explorer-paths'] = await seriousViolations(paths);
    await paths.close();
    const { data } = await browser.app.graphql<{ partnershipPaths: { hops: { from: { id: string }; to: { id: string } }[] }[] }>(
      `{ partnershipPaths(from: "${ROHTO}", to: "${NEW_ORG}", maxHops: 4, first: 5) { hops { from { id } to { id } } } }`,
    );
    expect(data!.partnershipPaths.length).toBeGreaterThan(0);
    for (const path of data!.partnershipPaths) expect(path.hops.flatMap((h) => [h.from.id, h.to.id])).toContain(LICENCE);

    const login = await browser.context.request.post(`${browser.app.url}/auth/login`, { data: { name: 'rin.reviewer', password: 'reviewer password 2026' } });
    expect(login.status()).toBe(200);
    const page = await browser.openPage(`/explore?focus=${LICENCE}`);
    await press(page, '#details-history summary');
    await page.locator('#history-list li').first().waitFor();
    expect(await page.locator('#history-list').textContent()).toMatch(new RegExp(`${NOTE} — by oidc:mei.editor, reviewed by local:rin.reviewer`));
    axe['explorer-history'] = await seriousViolations(page);
    await page.locator('#details').screenshot({ path: resolve(DOCS_SHOTS, 'explorer-history-tab.png') });
    expect(axe['explorer-history']).toEqual([]);
    expect(axe['explorer-paths']).toEqual([]);
    await page.close();
  });

  it('4. a conflicting proposal is rebased by its author, and a reviewer reverts a change from the history tab', async () => {
    const upsert = 'mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { entity { id } } }';
    const current = await browser.app.graphql<{ entity: { name: string; aliases: string[]; kind: string } }>(`{ entity(id: "${ROHTO}") { name aliases kind } }`);
    const rohto = (description: string) => ({ type: 'ORGANIZATION', id: ROHTO, ...current.data!.entity, description, source: { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' }, evidence: 'Described for the test.' });
    const conflicting = 'A conflicting description for the rebase test.';
    // The editor proposes through the API with her own account's subject (as a script of hers would).
    const proposed = await browser.app.graphql<{ proposeChange: { id: string } }>(
      'mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { id } }',
      { input: { operations: [{ upsertEntity: rohto('A Japanese pharmaceutical maker, described by the proposal.') }], note: conflicting } },
      await bearerHeader(secret, 'local:ana.editor', ['editor']),
    );
    expect(proposed.errors).toBeUndefined();
    // Someone changes the same field directly before the review.
    expect((await browser.app.graphql(upsert, { input: rohto('A Japanese pharmaceutical maker, changed directly meanwhile.') }, await bearerHeader(secret, 'other@example.org', ['editor']))).errors).toBeUndefined();

    await browser.context.clearCookies();
    const page = await browser.openPage('/curate/review');
    await signInLocally(page, 'rin.reviewer', 'reviewer password 2026');
    const card = page.locator('article.proposal', { hasText: conflicting }).first();
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.locator('ul.conflicts li').first().waitFor();
    expect(await card.locator('ul.conflicts').textContent()).toMatch(/rohto-pharmaceutical · description is now “A Japanese pharmaceutical maker, changed directly meanwhile.”/);
    expect(await card.textContent()).toMatch(/its author can rebase it/);
    await page.screenshot({ path: resolve(DOCS_SHOTS, 'curate-review-conflict.png'), fullPage: true });
    await page.close();

    // The author rebases it on the current graph: same changeset, its diff now against the current value.
    await browser.context.clearCookies();
    const author = await browser.openPage('/curate/review');
    await signInLocally(author, 'ana.editor', 'editor password 2026');
    await author.locator('article.proposal', { hasText: conflicting }).getByRole('button', { name: 'Rebase on the current graph' }).click();
    const rebased = author.locator('article.proposal', { hasText: 'Rebased on the current graph at' }).first();
    await rebased.waitFor();
    expect(await rebased.locator('table.diff td.before').allTextContents()).toContain('A Japanese pharmaceutical maker, changed directly meanwhile.');
    expect(await rebased.textContent()).toContain(proposed.data!.proposeChange.id);
    await author.close();

    await browser.context.clearCookies();
    const review = await browser.openPage('/curate/review');
    await signInLocally(review, 'rin.reviewer', 'reviewer password 2026');
    await review.locator('article.proposal', { hasText: conflicting }).getByRole('button', { name: 'Approve' }).click();
    await review.getByText('No proposals wait for review.').waitFor();
    await review.close();
    const description = async () => (await browser.app.graphql<{ entity: { description: string } }>(`{ entity(id: "${ROHTO}") { description } }`)).data!.entity.description;
    expect(await description()).toBe('A Japanese pharmaceutical maker, described by the proposal.');

    // The reviewer (no editor role) reverts it from Rohto's history tab; another reviewer approves the revert.
    const history = await browser.openPage(`/explore?focus=${ROHTO}`);
    await press(history, '#details-history summary');
    await history.locator('#history-list li').first().waitFor();
    history.once('dialog', (dialog) => void dialog.accept('The test takes the rebased description back.'));
    await history.locator('#history-list li', { hasText: conflicting }).first().locator('button.revert').click();
    const status = history.locator('#history-list [role="status"]').filter({ hasText: /Revert proposed as/ }).first();
    await status.waitFor();
    const revertId = /Revert proposed as (\S+);/.exec((await status.textContent())!)![1]!;
    await history.close();
    const reverted = await browser.app.graphql<{ approveChange: { status: string } }>('mutation($id: ID!) { approveChange(id: $id) { status } }', { id: revertId }, await reviewer());
    expect(reverted.data?.approveChange.status).toBe('APPROVED');
    expect(await description()).toBe('A Japanese pharmaceutical maker, changed directly meanwhile.');
  });

  it('shows a reader no curation controls, and an editor no approval (the server refuses one too)', async () => {
    await browser.context.clearCookies();
    const reader = await browser.openPage('/curate/new');
    await signInWithProvider(reader, 'kai.reader', '/curate/new');
    expect(await reader.locator('#gate').textContent()).toMatch(/needs the editor role/);
    expect(await reader.locator('#find-mentions, #submit-change').count()).toBe(0);
    await reader.goto(`${browser.app.url}/curate/review`);
    await reader.locator('#gate p').first().waitFor();
    expect(await reader.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await reader.goto(`${browser.app.url}/explore?focus=${LICENCE}`);
    await press(reader, '#details-history summary');
    await reader.locator('#history-list li').first().waitFor();
    expect(await reader.locator('#history-list button.revert').count()).toBe(0);
    await reader.close();

    const proposed = await browser.app.graphql<{ proposeChange: { id: string } }>(
      'mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { id } }',
      { input: { operations: [{ upsertEntity: { type: 'ORGANIZATION', id: 'waiting-biologics', name: 'Waiting Biologics', description: 'A proposal that waits in the queue.', kind: 'COMPANY', source: { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' }, evidence: 'Named for the test.' } }], note: 'A proposal an editor sees but cannot approve.' } },
      await bearerHeader(secret, 'api-editor@example.org', ['editor']),
    );
    await browser.context.clearCookies();
    const editor = await browser.openPage('/curate/review');
    await signInLocally(editor, 'ana.editor', 'editor password 2026');
    await editor.locator('article.proposal').first().waitFor();
    expect(await editor.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    const refused = await editor.evaluate(async (id) => {
      const { csrfToken } = (await (await fetch('/auth/session')).json()) as { csrfToken: string };
      const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify({ query: 'mutation($id: ID!) { approveChange(id: $id) { status } }', variables: { id } }) });
      return ((await response.json()) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code;
    }, proposed.data!.proposeChange.id);
    expect(refused).toBe('FORBIDDEN');
    await editor.close();
  });

  it('refuses a file of the wrong type and an oversized text with a clear message, and keeps the draft through an expired session', async () => {
    await browser.context.clearCookies();
    const page = await browser.openPage('/curate/new');
    await signInLocally(page, 'ana.editor', 'editor password 2026');
    await page.locator('#article-file').setInputFiles({ name: 'article.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await page.locator('#curate-status.error').waitFor();
    expect(await page.locator('#curate-status').textContent()).toMatch(/not a \.txt or \.html file/);
    await page.locator('#article-file').setInputFiles({ name: 'article.html', mimeType: 'text/html', buffer: Buffer.from('<p>BPIPO <b>met</b> partners.</p><script>window.ran = 1</script>') });
    await page.waitForFunction('document.getElementById("article-text").value.includes("BPIPO met partners.")');
    expect(await page.locator('#article-text').inputValue()).not.toContain('window.ran');
    await page.locator('#article-text').fill('細'.repeat(200_001));
    await page.locator('#find-mentions').click();
    await page.locator('#curate-status.error').filter({ hasText: /at most 200,000 are accepted/ }).waitFor();

    // The session expires while the curator works: the draft stays, and signing in again lets them submit it.
    await page.locator('#article-text').fill('BPIPO opened an office in Osaka.');
    await page.locator('#source-publisher').fill('Example Biotech News');
    await page.locator('#source-date').fill('2026-03-09');
    await page.locator('#source-title-input').fill('BPIPO opens an Osaka office');
    await page.locator('#find-mentions').click();
    await page.locator('#article mark.mention').first().waitFor();
    await browser.context.clearCookies();
    await page.locator('#submit-change').click();
    await page.locator('#curate-status.error').filter({ hasText: /session has expired/ }).waitFor();
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('regen.curate.draft.v1') ?? '{}').text)).toBe('BPIPO opened an office in Osaka.');
    await signInLocally(page, 'ana.editor', 'editor password 2026');
    await page.locator('#article mark.mention').first().waitFor();
    expect(await page.locator('#article-text').inputValue()).toBe('BPIPO opened an office in Osaka.');
    await page.locator('#submit-change').click();
    await page.locator('#curate-status.ok, #curate-status.error').waitFor();
    expect(await page.locator('#curate-status').textContent()).toMatch(/Submitted for review/);
    await page.close();
    expect(browser.pageErrors).toEqual([]);
  });
});
