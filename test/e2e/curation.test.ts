import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { AccountStore } from '../../src/auth/accounts';
import { bearerHeader, newJwtSecret } from '../support/tokens';
import { startBrowserSession, type BrowserSession } from './browser';

const DOCS_SHOTS = resolve(__dirname, '..', '..', 'docs', 'screenshots');
const SOURCE = { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' };
const ARTICLE = [
  'Taipei, 2026. The Biotechnology and Pharmaceutical Industries Promotion Office said on Monday that 大阪再生医療パートナーズ will open a joint cell-processing line in Hsinchu.',
  'The line will be run by Formosa Spheroid Works, a new spin-off that joins BPIPO as part of its partner network.',
  'Readers who paste <img src=x id=injected> should see it as text.',
].join('\n');

/** Serious and critical axe violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.locator('#signin-name').fill(name);
  await page.locator('#signin-password').fill(password);
  await page.keyboard.press('Enter');
  await page.locator('#signout').waitFor();
}

/** Selects `passage` inside #article, as a curator would with the mouse. */
async function selectPassage(page: Page, passage: string): Promise<void> {
  // The passage may run across marked mentions: find it in the whole text, then map offsets to text nodes.
  await page.evaluate(`(() => {
    const text = ${JSON.stringify(passage)};
    const article = document.getElementById('article');
    const nodes = [];
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    const at = nodes.map((n) => n.data).join('').indexOf(text);
    if (at < 0) throw new Error('passage not found: ' + text);
    const locate = (offset) => {
      for (const n of nodes) {
        if (offset <= n.data.length) return [n, offset];
        offset -= n.data.length;
      }
    };
    const range = document.createRange();
    range.setStart(...locate(at));
    range.setEnd(...locate(at + text.length));
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
  })()`);
}

describe('The curation workspace in a real browser: an editor brings an article, a reviewer approves it', () => {
  let browser: BrowserSession;
  const secret = newJwtSecret();
  const axe: Record<string, string[]> = {};

  beforeAll(async () => {
    browser = await startBrowserSession({ app: { queryTimeoutMs: 30_000, auth: { jwtSecret: secret }, config: { SESSION_SECRET: 'the-session-secret-of-the-curation-page-tests' } } });
    const accounts = new AccountStore(browser.app.executor);
    await accounts.set('mei.editor', 'editor password 2026', ['editor']);
    await accounts.set('rin.reviewer', 'reviewer password 2026', ['reviewer', 'editor']);
    const { errors } = await browser.app.graphql(
      'mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { entity { id } } }',
      { input: { type: 'ORGANIZATION', id: 'osaka-regen-partners', name: 'Osaka Regenerative Partners', aliases: ['大阪再生医療パートナーズ'], description: 'A Japanese organization of the curation page tests.', kind: 'COMPANY', country: 'JP', source: SOURCE, evidence: 'Named for the test.' } },
      await bearerHeader(secret, 'setup@example.org', ['editor']),
    );
    expect(errors).toBeUndefined();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    console.log(`axe serious/critical violations per page: ${JSON.stringify(axe)}`);
  });

  it('shows a reader the sign-in form and no curation controls', async () => {
    const page = await browser.openPage('/curate/new');
    await page.locator('#signin-name').waitFor();
    expect(await page.locator('#find-mentions').count()).toBe(0);
    expect(await page.locator('#workspace').isHidden()).toBe(true);
    axe['sign-in'] = await seriousViolations(page);
    expect(axe['sign-in']).toEqual([]);
    await page.screenshot({ path: resolve(DOCS_SHOTS, 'curate-sign-in.png'), fullPage: true });
    await page.close();
  });

  it('lets an editor paste an article, see its mentions, create an entity and a relationship, and submit one changeset', async () => {
    const page = await browser.openPage('/curate/new');
    await signIn(page, 'mei.editor', 'editor password 2026');
    await page.locator('#source-url').fill('https://example.org/news/osaka-hsinchu-line');
    await page.locator('#source-publisher').fill('Example Biotech News');
    await page.locator('#source-date').fill('2026-03-02');
    await page.locator('#source-title-input').fill('Osaka partner to open a cell-processing line in Hsinchu');
    await page.locator('#source-language').selectOption('en');
    await page.locator('#article-text').fill(ARTICLE);
    await page.locator('#find-mentions').click();
    await page.locator('#article mark.mention').first().waitFor();
    const marked = await page.locator('#article mark.mention').allTextContents();
    expect(marked).toEqual(expect.arrayContaining(['Biotechnology and Pharmaceutical Industries Promotion Office', '大阪再生医療パートナーズ', 'BPIPO']));
    // Pasted HTML stays text.
    expect(await page.locator('#article img, #injected').count()).toBe(0);
    expect(await page.locator('#article').textContent()).toContain('<img src=x id=injected>');

    await selectPassage(page, 'Formosa Spheroid Works, a new spin-off');
    await page.locator('#use-selection').click();
    await page.locator('#entity-name').fill('Formosa Spheroid Works');
    // The likely-duplicate check runs as the name is typed; it answers either way.
    await page.waitForFunction('(document.getElementById("duplicate-warning")?.textContent ?? "") !== ""');
    await page.locator('#entity-description').fill('A Taiwanese spin-off that runs a cell-processing line, per the test article.');
    await page.locator('#entity-country').fill('TW');
    await page.locator('#add-entity').click();
    await page.locator('#new-entities li').first().waitFor();

    await selectPassage(page, 'joins BPIPO as part of its partner network');
    await page.locator('#relationship-from-selection').click();
    await page.locator('#relationship-from').selectOption('formosa-spheroid-works');
    await page.locator('#relationship-type').selectOption('PART_OF');
    await page.locator('#relationship-to').selectOption('bpipo');
    await page.locator('#add-relationship').click();
    await page.locator('#new-relationships li').first().waitFor();
    await page.locator('#change-note').fill('A new spin-off and its place in the BPIPO partner network, from the test article.');
    axe['curate-new'] = await seriousViolations(page);
    await page.screenshot({ path: resolve(DOCS_SHOTS, 'curate-new-mentions.png'), fullPage: true });
    expect(axe['curate-new']).toEqual([]);

    // The draft survives a reload (it lives in localStorage).
    await page.reload();
    await page.locator('#new-relationships li').first().waitFor();
    await page.locator('#submit-change').click();
    await page.locator('#curate-status.ok, #curate-status.error').waitFor();
    expect(await page.locator('#curate-status').textContent()).toMatch(/Submitted for review as changeset/);
    await page.close();

    const { data } = await browser.app.graphql<{ changes: { edges: { node: { author: string; operations: { op: string; input: { source: { new?: { text?: string } } } }[] } }[] } }>(
      '{ changes(status: [PROPOSED], first: 1) { edges { node { author operations } } } }',
      {},
      await bearerHeader(secret, 'check@example.org', ['reviewer']),
    );
    const proposal = data!.changes.edges[0]!.node;
    expect(proposal.author).toBe('local:mei.editor');
    const operations = proposal.operations;
    expect(operations.map((o) => o.op)).toEqual(expect.arrayContaining(['upsertEntity', 'linkEntities']));
    expect(operations[0]!.input.source.new!.text).toBe(ARTICLE);
  });

  it('shows the reviewer the diff and the highlighted evidence, and applies the changeset on approval', async () => {
    await browser.context.clearCookies();
    const page = await browser.openPage('/curate/review');
    await signIn(page, 'rin.reviewer', 'reviewer password 2026');
    await page.locator('article.proposal').first().waitFor();
    expect(await page.locator('table.diff td.after').allTextContents()).toEqual(expect.arrayContaining(['Formosa Spheroid Works', 'formosa-spheroid-works —PART_OF→ bpipo']));
    expect(await page.locator('mark.evidence').allTextContents()).toEqual(expect.arrayContaining(['Formosa Spheroid Works, a new spin-off', 'joins BPIPO as part of its partner network']));
    axe['curate-review'] = await seriousViolations(page);
    await page.screenshot({ path: resolve(DOCS_SHOTS, 'curate-review-diff.png'), fullPage: true });
    expect(axe['curate-review']).toEqual([]);
    await page.locator('textarea[id^="comment-"]').first().fill('Checked against the article.');
    await page.getByRole('button', { name: 'Approve' }).first().click();
    await page.getByText('No proposals wait for review.').waitFor();
    await page.close();
    const { data } = await browser.app.graphql<{ entity: { name: string } | null }>('{ entity(id: "formosa-spheroid-works") { name } }');
    expect(data!.entity).toEqual({ name: 'Formosa Spheroid Works' });
    // Confirming a mention cites the new source and changes nothing else of the entity.
    const bpipo = await browser.app.graphql<{ entity: { aliases: string[]; sources: { source: { id: string } }[] } }>('{ entity(id: "bpipo") { aliases sources { source { id } } } }');
    expect(bpipo.data!.entity.aliases).toEqual(['BPIPO']);
    expect(bpipo.data!.entity.sources.map((s) => s.source.id)).toContain('example-biotech-news-2026-03-02-osaka-partner-to-open-a-cell');
  });

  it('lists the change in the history tab of the explorer, with a revert button for a reviewer only', async () => {
    await browser.context.clearCookies();
    const reader = await browser.openPage('/explore?focus=formosa-spheroid-works');
    await reader.locator('#details-history summary').click();
    await reader.locator('#history-list li').first().waitFor();
    expect(await reader.locator('#history-list').textContent()).toMatch(/A new spin-off and its place in the BPIPO partner network/);
    expect(await reader.locator('#history-list button.revert').count()).toBe(0);
    await reader.close();

    const login = await browser.context.request.post(`${browser.app.url}/auth/login`, { data: { name: 'rin.reviewer', password: 'reviewer password 2026' } });
    expect(login.status()).toBe(200);
    const page = await browser.openPage('/explore?focus=formosa-spheroid-works');
    await page.locator('#details-history summary').focus();
    await page.keyboard.press('Enter');
    await page.locator('#history-list li').first().waitFor();
    expect(await page.locator('#history-list').textContent()).toMatch(/reviewed by local:rin.reviewer/);
    axe['explorer-history'] = await seriousViolations(page);
    await page.locator('#details').screenshot({ path: resolve(DOCS_SHOTS, 'explorer-history-tab.png') });
    expect(axe['explorer-history']).toEqual([]);
    expect(await page.locator('#history-list button.revert').count()).toBeGreaterThan(0);
    page.once('dialog', (dialog) => void dialog.accept('The test takes the spin-off back out.'));
    await page.locator('#history-list button.revert').first().click();
    await page.locator('#history-list [role="status"]').filter({ hasText: /Revert proposed as/ }).first().waitFor();
    await page.close();
  });

  it('refuses a file of the wrong type and an oversized text with a clear message, and keeps the draft through an expired session', async () => {
    await browser.context.clearCookies();
    const page = await browser.openPage('/curate/new');
    await signIn(page, 'mei.editor', 'editor password 2026');
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
    await page.locator('#signin-name').fill('mei.editor');
    await page.locator('#signin-password').fill('editor password 2026');
    await page.keyboard.press('Enter');
    await page.locator('#article mark.mention').first().waitFor();
    expect(await page.locator('#article-text').inputValue()).toBe('BPIPO opened an office in Osaka.');
    await page.locator('#submit-change').click();
    await page.locator('#curate-status.ok, #curate-status.error').waitFor();
    expect(await page.locator('#curate-status').textContent()).toMatch(/Submitted for review/);
    await page.close();
  });

  it('shows a conflicting proposal with what changed since, and rebases it on the current graph', async () => {
    const upsert = 'mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { entity { id } } }';
    const osaka = (description: string) => ({ type: 'ORGANIZATION', id: 'osaka-regen-partners', name: 'Osaka Regenerative Partners', description, kind: 'COMPANY', source: SOURCE, evidence: 'Named for the test.' });
    const proposed = await browser.app.graphql<{ proposeChange: { id: string } }>(
      'mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { id } }',
      { input: { operations: [{ upsertEntity: osaka('A Japanese partner, described by the proposal.') }], note: 'A conflicting description for the rebase test.' } },
      await bearerHeader(secret, 'api-editor@example.org', ['editor']),
    );
    expect(proposed.errors).toBeUndefined();
    // Someone changes the same field directly before the review.
    expect((await browser.app.graphql(upsert, { input: osaka('A Japanese partner, changed directly meanwhile.') }, await bearerHeader(secret, 'other@example.org', ['editor']))).errors).toBeUndefined();

    await browser.context.clearCookies();
    const page = await browser.openPage('/curate/review');
    await signIn(page, 'rin.reviewer', 'reviewer password 2026');
    const card = page.locator('article.proposal', { hasText: 'A conflicting description for the rebase test.' }).first();
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.locator('ul.conflicts li').first().waitFor();
    expect(await card.locator('ul.conflicts').textContent()).toMatch(/osaka-regen-partners · description is now “A Japanese partner, changed directly meanwhile.”/);
    await page.screenshot({ path: resolve(DOCS_SHOTS, 'curate-review-conflict.png'), fullPage: true });
    await card.getByRole('button', { name: 'Rebase on the current graph' }).click();
    const rebased = page.locator('article.proposal', { hasText: 'A conflicting description for the rebase test. (rebased)' }).first();
    await rebased.waitFor();
    expect(await rebased.locator('table.diff td.before').allTextContents()).toContain('A Japanese partner, changed directly meanwhile.');
    await page.close();

    const { data } = await browser.app.graphql<{ old: { status: string; reviewComment: string }; changes: { edges: { node: { id: string; note: string } }[] } }>(
      `query($id: ID!) { old: change(id: $id) { status reviewComment } changes(status: [PROPOSED], first: 50) { edges { node { id note } } } }`,
      { id: proposed.data!.proposeChange.id },
      await bearerHeader(secret, 'check@example.org', ['reviewer']),
    );
    expect(data!.old.status).toBe('REJECTED');
    const fresh = data!.changes.edges.find((e) => e.node.note.endsWith('(rebased)'))!.node;
    expect(data!.old.reviewComment).toContain(fresh.id);
    const approved = await browser.app.graphql<{ approveChange: { status: string } }>('mutation($id: ID!) { approveChange(id: $id) { status } }', { id: fresh.id }, await bearerHeader(secret, 'second-reviewer@example.org', ['reviewer']));
    expect(approved.data?.approveChange.status).toBe('APPROVED');
  });

  it('shows an editor the queue without review controls', async () => {
    await browser.context.clearCookies();
    const page = await browser.openPage('/curate/review');
    await signIn(page, 'mei.editor', 'editor password 2026');
    await page.locator('#workspace p').first().waitFor();
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await page.close();
  });
});
