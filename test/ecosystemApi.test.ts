import { claimGroups } from '../src/ingest/ecosystemFile';
import { listEcosystemFiles, readEcosystemFile } from '../src/ingest/loadEcosystem';
import { relationshipId } from '../src/domain/properties';
import { roleSeat } from '../src/domain/roles';
import { useEcosystemApp } from './support/harness';

/**
 * The ecosystem seed served over HTTP: sources and their kinds, corroboration,
 * conflicts, time (asOf and timelines) and the new entity types. Expected values
 * come from the seed files read on their own, not from the loader.
 */

const files = listEcosystemFiles().map((file) => readEcosystemFile(file));
const relationshipsOf = files.flatMap((f) => f.relationships);

const app = useEcosystemApp();

async function ok<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await app().graphql<T>(query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

describe('the ecosystem seed over HTTP', () => {
  it('serves every page as a source with its kind, as many per kind as the files list', async () => {
    const data = await ok<{ sources: { id: string; kind: string | null }[] }>('{ sources { id kind } }');
    const expected = new Map(files.flatMap((f) => f.sources.map((s) => [s.id, s.kind] as const)));
    const served = new Map(data.sources.map((s) => [s.id, s.kind]));
    for (const [id, kind] of expected) expect({ id, kind: served.get(id) }).toEqual({ id, kind });
  });

  it('shows a fact stated by two pages as one relationship with two citations and its publishers', async () => {
    const twice = relationshipsOf
      .map((r) => ({ r, pages: new Set(relationshipsOf.filter((o) => relationshipId(o) === relationshipId(r)).flatMap((o) => o.citations.map((c) => c.source))) }))
      .find(({ pages }) => pages.size >= 2);
    expect(twice).toBeDefined();
    const { r, pages } = twice!;
    const data = await ok<{ entity: { relations: { id: string; sources: { source: { id: string } }[]; corroboration: { sourceCount: number; publisherCount: number } }[] } }>(
      'query($id: ID!, $type: RelationshipType!) { entity(id: $id) { relations(types: [$type], direction: OUTGOING, first: 1000) { id sources { source { id } } corroboration { sourceCount publisherCount } } } }',
      { id: r.from, type: r.type },
    );
    const matching = data.entity.relations.filter((x) => x.id === relationshipId(r));
    expect(matching).toHaveLength(1);
    expect(new Set(matching[0]!.sources.map((s) => s.source.id))).toEqual(pages);
    expect(matching[0]!.corroboration.sourceCount).toBe(pages.size);
    expect(matching[0]!.corroboration.publisherCount).toBeGreaterThanOrEqual(1);
  });

  it('lists every conflict the files hold, each with all its values and their sources', async () => {
    const data = await ok<{ conflicts: { subject: { id: string }; relationshipId: string | null; property: string; values: { value: unknown; sources: { source: { id: string } }[] }[] }[] }>(
      '{ conflicts(first: 500) { subject { id } relationshipId property values { value sources { source { id } } } } }',
    );
    const served = data.conflicts.map((c) => `${c.relationshipId ?? c.subject.id}.${c.property}`).sort();
    const expected = claimGroups(files)
      .filter((g) => g.conflict)
      .map((g) => `${g.subject.includes('|') ? relationshipId(Object.fromEntries(['from', 'type', 'to', 'key'].map((k, i) => [k, g.subject.split('|')[i] || undefined])) as never) : g.subject}.${g.property}`)
      .sort();
    expect(served).toEqual(expected);
    const licenceDate = data.conflicts.find((c) => c.subject.id === 'agreement-cellseed-metatech-licence-2017' && c.property === 'signedOn');
    expect(licenceDate?.values.map((v) => v.value).sort()).toEqual(['2017-03-24', '2017-04', '2017-04-24']);
    const form = data.conflicts.find((c) => c.subject.id === 'agreement-hitachi-metatech-cell-factory-2020' && c.property === 'agreementForm');
    expect(form?.values.map((v) => v.value).sort()).toEqual(['CONTRACT', 'JOINT_VENTURE']);
    for (const conflict of data.conflicts) for (const value of conflict.values) expect(value.sources.length).toBeGreaterThan(0);
  });

  it('states as a fact what every page agrees on: a date given at two precisions is the more precise one', async () => {
    const data = await ok<{ entity: { signedOn: string | null; claims: { property: string; value: string }[] } }>(
      '{ entity(id: "agreement-nctu-cira-foundation-mou-2020") { ... on Agreement { signedOn } claims { property value } } }',
    );
    expect(data.entity.signedOn).toBe('2020-05-15');
    expect(data.entity.claims.filter((c) => c.property === 'signedOn').map((c) => c.value).sort()).toEqual(['2020-05', '2020-05-15']);
  });

  it("answers who held FIRM's chair on a date, by the dates the pages give", async () => {
    const chairAt = async (asOf: string) => {
      const data = await ok<{
        entity: {
          people: { person: { id: string }; title: string; unit: string | null }[];
          relations: { node: { id: string } }[];
          relationsConnection: { totalCount: number; edges: { node: { node: { id: string } } }[] };
        };
      }>(
        'query($asOf: Date) { entity(id: "firm") { ... on Organization { people(asOf: $asOf) { person { id } title unit } } relations(types: [HOLDS_ROLE], asOf: $asOf) { node { id } } relationsConnection(types: [HOLDS_ROLE], asOf: $asOf, first: 100) { totalCount edges { node { node { id } } } } } }',
        { asOf },
      );
      const chairs = data.entity.people.filter((p) => roleSeat(p.title) === 'chair' && p.unit === null).map((p) => p.person.id);
      expect(data.entity.relations.map((r) => r.node.id).filter((id) => chairs.includes(id))).toEqual(chairs);
      const paged = data.entity.relationsConnection;
      expect(paged.edges.map((e) => e.node.node.id)).toEqual(data.entity.relations.map((r) => r.node.id));
      expect(paged.totalCount).toBe(data.entity.relations.length);
      return chairs;
    };
    expect(await chairAt('2014')).toEqual([]);
    expect(await chairAt('2016-01-01')).toEqual(['yuzo-toda']);
    expect(await chairAt('2022-12')).toEqual(['ken-ichiro-hata']);
    expect(await chairAt('2024')).toEqual(['shitaka-yoshitsugu']);
    expect(await chairAt('2026')).toEqual(['shitaka-yoshitsugu']);
  });

  it('answers asOf on an entity reached through a path too, not only on a compiled read', async () => {
    const data = await ok<{ partnershipPaths: { hops: { to: { id: string; people?: { person: { id: string }; title: string; unit: string | null }[] } }[] }[] }>(
      '{ partnershipPaths(from: "yuzo-toda", to: "firm", maxHops: 1, first: 1) { hops { to { id ... on Organization { people(asOf: "2016") { person { id } title unit } } } } } }',
    );
    const firm = data.partnershipPaths[0]!.hops[0]!.to;
    expect(firm.id).toBe('firm');
    expect(firm.people!.filter((p) => roleSeat(p.title) === 'chair' && p.unit === null).map((p) => p.person.id)).toEqual(['yuzo-toda']);
  });

  it('gives Stemchymal a timeline in date order, every entry with its sources', async () => {
    const data = await ok<{ entity: { timeline: { date: string; property: string; description: string; related: { id: string } | null; sources: { source: { id: string } }[] }[] } }>(
      '{ entity(id: "stemchymal") { timeline { date property description related { id } sources { source { id } } } } }',
    );
    const timeline = data.entity.timeline;
    expect(timeline.length).toBeGreaterThanOrEqual(3);
    expect(timeline.map((t) => t.date)).toEqual([...timeline.map((t) => t.date)].sort());
    for (const entry of timeline) expect(entry.sources.length).toBeGreaterThan(0);
    expect(timeline.some((t) => t.related?.id.startsWith('approval-stemchymal'))).toBe(true);
  });

  it('marks a fact that only an AI-generated page states as unverified', async () => {
    const unverified = files.flatMap((f) => f.claims).find((c) => c.unverified && typeof c.subject === 'string');
    expect(unverified).toBeDefined();
    const data = await ok<{ entity: { claims: { id: string; unverified: boolean; corroboration: { kinds: string[] } }[] } }>(
      'query($id: ID!) { entity(id: $id) { claims { id unverified corroboration { kinds } } } }',
      { id: unverified!.subject },
    );
    const claim = data.entity.claims.find((c) => c.id === unverified!.id);
    expect(claim).toEqual({ id: unverified!.id, unverified: true, corroboration: { kinds: ['AI_GENERATED'] } });
  });

  it('lists clinical trials with their phase, sponsors and sites', async () => {
    const data = await ok<{ trials: { totalCount: number; nodes: { id: string; phase: string | null; sponsors: { id: string }[]; products: { id: string }[] }[] } }>(
      '{ trials(first: 50) { totalCount nodes { id phase sponsors { id } products { id } } } }',
    );
    const expected = files.flatMap((f) => f.nodes).filter((n) => n.label === 'Trial' && !('mention' in n));
    expect(data.trials.totalCount).toBe(expected.length);
    const us = data.trials.nodes.find((t) => t.id === 'trial-stemchymal-us-phase2');
    expect(us?.products.map((p) => p.id)).toContain('stemchymal');
  });

  it('finds trials, approvals and patents by name', async () => {
    const data = await ok<{ search: { entity: { id: string; type: string } }[] }>('{ search(query: "Stemchymal", types: [TRIAL, APPROVAL], first: 20) { entity { id type } } }');
    const types = new Set(data.search.map((h) => h.entity.type));
    expect(types).toEqual(new Set(['TRIAL', 'APPROVAL']));
    expect(data.search.map((h) => h.entity.id)).toContain('trial-stemchymal-jp-phase2');
  });

  it.each([
    ['リプロセル', 'reprocell'],
    ['三顧', 'metatech'],
    ['名古屋大学', 'nagoya-university'],
  ])('finds %s by its CJK name', async (query, id) => {
    const data = await ok<{ search: { entity: { id: string } }[] }>('query($q: String!) { search(query: $q, first: 5) { entity { id } } }', { q: query });
    expect(data.search.map((h) => h.entity.id)).toContain(id);
  });
});
