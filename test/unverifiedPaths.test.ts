import { ecosystemFile } from '../src/ingest/ecosystemFile';
import { loadEcosystemFile } from '../src/ingest/loadEcosystem';
import { startTestApp, type TestApp } from './support/harness';

/**
 * A link that only an AI-generated page states is unverified: paths, brokers and
 * the neighbourhood leave it out unless the caller asks for it.
 */

const source = (id: string, kind: string) => ({
  id,
  url: `https://example.org/${id}`,
  publisher: `Publisher of ${id}`,
  title: `Page ${id}`,
  publishedOn: '2025-01-01',
  language: 'en',
  kind,
  document: 'test/unverifiedPaths.test.ts',
});
const organization = (id: string, country: string) => ({
  label: 'Organization',
  id,
  name: `Unverified test ${id}`,
  description: `An organization of the unverified-paths test (${id}).`,
  kind: 'COMPANY',
  country,
  citations: [{ source: 'uv-primary', evidence: 'Named on the company page.' }],
});

/** uv-tw and uv-jp are linked only through uv-broker, by relationships an AI-generated page alone states. */
const file = ecosystemFile.parse({
  format: 2,
  digest: 'test/unverifiedPaths.test.ts',
  sources: [source('uv-primary', 'PRIMARY'), source('uv-ai-digest', 'AI_GENERATED')],
  nodes: [organization('uv-tw', 'TW'), organization('uv-jp', 'JP'), organization('uv-broker', 'JP')],
  relationships: [
    { type: 'OPERATES', from: 'uv-broker', to: 'uv-tw', citations: [{ source: 'uv-ai-digest', evidence: 'The digest says the broker runs it.' }], unverified: true },
    { type: 'OPERATES', from: 'uv-broker', to: 'uv-jp', citations: [{ source: 'uv-ai-digest', evidence: 'The digest says the broker runs it too.' }], unverified: true },
  ],
  claims: [],
});

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await loadEcosystemFile(app.executor, file, 'unverified-paths.json');
}, 120_000);
afterAll(async () => {
  await app?.close();
});

async function ok<T>(query: string): Promise<T> {
  const response = await app.graphql<T>(query);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

describe('facts only an AI-generated page states', () => {
  it('are marked unverified on the relationship', async () => {
    const data = await ok<{ entity: { relations: { node: { id: string }; unverified: boolean }[] } }>('{ entity(id: "uv-broker") { relations { node { id } unverified } } }');
    expect(data.entity.relations.map((r) => [r.node.id, r.unverified]).sort()).toEqual([
      ['uv-jp', true],
      ['uv-tw', true],
    ]);
  });

  it('are left out of partnership paths unless the caller asks for them', async () => {
    const paths = (extra: string) => ok<{ partnershipPaths: { nodes: { id: string }[] }[] }>(`{ partnershipPaths(from: "uv-tw", to: "uv-jp"${extra}) { nodes { id } } }`);
    expect((await paths('')).partnershipPaths).toEqual([]);
    expect((await paths(', includeUnverified: true')).partnershipPaths.map((p) => p.nodes.map((n) => n.id))).toEqual([['uv-tw', 'uv-broker', 'uv-jp']]);
  });

  it('are left out of the neighbourhood and of brokers unless the caller asks for them', async () => {
    const hood = (extra: string) => ok<{ neighborhood: { nodes: { id: string }[] } }>(`{ neighborhood(id: "uv-broker"${extra}) { nodes { id } } }`);
    expect((await hood('')).neighborhood.nodes.map((n) => n.id)).toEqual(['uv-broker']);
    expect((await hood(', includeUnverified: true')).neighborhood.nodes.map((n) => n.id).sort()).toEqual(['uv-broker', 'uv-jp', 'uv-tw']);
    const brokers = (extra: string) => ok<{ brokers: { entity: { id: string } }[] }>(`{ brokers(between: ["uv-tw", "uv-jp"]${extra}) { entity { id } } }`);
    expect((await brokers('')).brokers).toEqual([]);
    expect((await brokers(', includeUnverified: true')).brokers.map((b) => b.entity.id)).toContain('uv-broker');
  });
});
