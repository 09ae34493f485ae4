import { toCypherValue } from '../src/db/executor';
import { brokersStatement, DEFAULT_WALK_TYPES, suggestionsStatement } from '../src/modules/paths/repository';
import { HUB_DEGREE, searchFrontiers } from '../src/modules/paths/frontier';
import { clearGraph, startTestApp, testTarget, type TestApp } from './support/harness';

/**
 * Partnership paths checked against a brute-force search done here, on the
 * seed and on a generated graph with hubs that this test writes itself:
 * every returned path exists, visits no entity twice, and the first one is a
 * shortest path whenever one through at most one hub exists. The search's cost
 * is shown not to grow with a hub's size.
 */

const PATHS = `
  query Paths($from: ID!, $to: ID!, $maxHops: Int, $first: Int, $maxHubDegree: Int) {
    partnershipPaths(from: $from, to: $to, maxHops: $maxHops, first: $first, maxHubDegree: $maxHubDegree) {
      length weak strength explanation
      nodes { id }
      hops { from { id } to { id } type direction weak explanation }
      hubs { entity { id } degree members explanation }
    }
  }`;

interface Path {
  length: number;
  weak: boolean;
  strength: number;
  explanation: string;
  nodes: { id: string }[];
  hops: { from: { id: string }; to: { id: string }; type: string; direction: 'FORWARD' | 'BACKWARD'; weak: boolean; explanation: string }[];
  hubs: { entity: { id: string }; degree: number; members: number | null; explanation: string }[];
}

/** The whole graph in memory, for brute force: walked relationships (unretracted) and every entity's domain degree. */
class Graph {
  readonly degree = new Map<string, number>();
  readonly neighbours = new Map<string, Set<string>>();
  /** "from type to" for every walked relationship, as stored (direction kept). */
  readonly stored = new Set<string>();

  static async read(app: TestApp): Promise<Graph> {
    const g = new Graph();
    const database = testTarget().database;
    const nodes = await app.driver.executeQuery(
      `MATCH (n:Entity) WHERE n.retracted IS NULL RETURN n.id AS id, COUNT { (n)-[r]-() WHERE type(r) <> 'STATED_IN' } AS degree`,
      {},
      { database },
    );
    for (const r of nodes.records) {
      g.degree.set(r.get('id') as string, Number(r.get('degree')));
      g.neighbours.set(r.get('id') as string, new Set());
    }
    const rels = await app.driver.executeQuery(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE type(r) IN $types AND r.retracted IS NULL AND a.retracted IS NULL AND b.retracted IS NULL
       RETURN a.id AS a, type(r) AS type, b.id AS b`,
      { types: DEFAULT_WALK_TYPES },
      { database },
    );
    for (const r of rels.records) {
      const [a, type, b] = [r.get('a') as string, r.get('type') as string, r.get('b') as string];
      g.stored.add(`${a} ${type} ${b}`);
      g.neighbours.get(a)!.add(b);
      g.neighbours.get(b)!.add(a);
    }
    return g;
  }

  /**
   * Length of the shortest path from `from` to `to` with at most `hubs` hubs
   * strictly inside it (a hub: degree above `hubDegree`; entities above
   * `excludeAbove` are never passed through), by breadth-first search over
   * (entity, hubs used) states; null when there is none within maxHops.
   */
  shortest(from: string, to: string, maxHops: number, hubs: number, hubDegree = HUB_DEGREE, excludeAbove = Infinity): number | null {
    const seen = new Set([`${from} 0`]);
    let layer: [string, number][] = [[from, 0]];
    for (let depth = 1; depth <= maxHops && layer.length; depth++) {
      const next: [string, number][] = [];
      for (const [node, used] of layer) {
        for (const n of this.neighbours.get(node)!) {
          if (n === to) return depth;
          if (n === from) continue;
          const degree = this.degree.get(n)!;
          if (degree > excludeAbove) continue;
          const u = used + (degree > hubDegree ? 1 : 0);
          if (u > hubs || seen.has(`${n} ${u}`)) continue;
          seen.add(`${n} ${u}`);
          next.push([n, u]);
        }
      }
      layer = next;
    }
    return null;
  }
}

/** The checks every answer passes: hops exist as stored, no entity twice, hubs and weak flags agree with the degrees. */
function expectTrueToTheGraph(g: Graph, from: string, to: string, paths: Path[]): void {
  for (const path of paths) {
    const ids = path.nodes.map((n) => n.id);
    expect(ids[0]).toBe(from);
    expect(ids[ids.length - 1]).toBe(to);
    expect(new Set(ids).size).toBe(ids.length);
    expect(path.hops).toHaveLength(path.length);
    path.hops.forEach((hop, i) => {
      expect([hop.from.id, hop.to.id]).toEqual([ids[i], ids[i + 1]]);
      const stored = hop.direction === 'FORWARD' ? `${ids[i]} ${hop.type} ${ids[i + 1]}` : `${ids[i + 1]} ${hop.type} ${ids[i]}`;
      expect(g.stored.has(stored)).toBe(true);
    });
    const hubs = ids.slice(1, -1).filter((id) => g.degree.get(id)! > HUB_DEGREE);
    expect(path.hubs.map((h) => h.entity.id)).toEqual(hubs);
    expect(path.weak).toBe(hubs.length > 0);
    for (const hub of path.hubs) {
      expect(hub.degree).toBe(g.degree.get(hub.entity.id));
      expect(hub.explanation).toMatch(/\(\d[\d,]* (participants|relationships)\)|\(used by|\(addressed by/);
    }
    expect(path.strength).toBeGreaterThan(0);
    expect(path.strength).toBeLessThanOrEqual(1);
  }
}

/** Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator; quality is not the point). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
}

type Row = { label: string; props: Record<string, unknown> };
type Rel = { type: string; from: string; to: string; props: Record<string, unknown> };

/**
 * A small ecosystem with hubs: 400 organizations in three countries, a modality
 * 260 of them work with (a hub) and one 20 do, an event 300 took part in (a
 * hub), one with 120 and one with 10, 150 dated agreements, 300 people with
 * roles, 100 technologies.
 */
function generatedGraph(seed: number): { nodes: Row[]; rels: Rel[] } {
  const rnd = random(seed);
  const pick = (n: number) => Math.floor(rnd() * n);
  const cite = { sourceIds: ['gen-test'], evidence: ['Generated for the test.'] };
  const nodes: Row[] = [];
  const rels: Rel[] = [];
  const org = (i: number) => `gen-org-${i}`;
  const countries = ['TW', 'JP', 'US'];
  for (const code of countries) nodes.push({ label: 'Country', props: { id: `gen-country-${code}`, name: `Country ${code}`, code } });
  for (let i = 0; i < 400; i++) {
    const country = countries[pick(3)]!;
    nodes.push({ label: 'Organization', props: { id: org(i), name: `Generated Org ${i}`, country, kind: 'COMPANY' } });
    rels.push({ type: 'LOCATED_IN', from: org(i), to: `gen-country-${country}`, props: cite });
  }
  const members = (n: number) => {
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(pick(400));
    return [...chosen];
  };
  nodes.push({ label: 'Modality', props: { id: 'gen-mod-big', name: 'Big Modality' } }, { label: 'Modality', props: { id: 'gen-mod-small', name: 'Small Modality' } });
  for (const i of members(260)) rels.push({ type: 'USES_MODALITY', from: org(i), to: 'gen-mod-big', props: cite });
  for (const i of members(20)) rels.push({ type: 'USES_MODALITY', from: org(i), to: 'gen-mod-small', props: cite });
  for (const [id, size] of [['gen-event-huge', 300], ['gen-event-mid', 120], ['gen-event-small', 10]] as const) {
    nodes.push({ label: 'Event', props: { id, name: `Event ${id}`, startDate: '2025-04-23', country: 'JP' } });
    for (const i of members(size)) rels.push({ type: 'PARTICIPATED_IN', from: org(i), to: id, props: { ...cite, role: 'attendee' } });
  }
  for (let k = 0; k < 150; k++) {
    const id = `gen-agreement-${k}`;
    nodes.push({ label: 'Agreement', props: { id, name: `Agreement ${k}`, kind: 'LICENSE', signedOn: '2024-01-01' } });
    const licensor = pick(400);
    const licensee = (licensor + 1 + pick(399)) % 400;
    rels.push({ type: 'PARTY_TO', from: org(licensor), to: id, props: { ...cite, role: 'LICENSOR' } });
    rels.push({ type: 'PARTY_TO', from: org(licensee), to: id, props: { ...cite, role: 'LICENSEE' } });
  }
  for (let k = 0; k < 300; k++) {
    const id = `gen-person-${k}`;
    nodes.push({ label: 'Person', props: { id, name: `Person ${k}` } });
    for (const i of members(1 + pick(2))) rels.push({ type: 'HOLDS_ROLE', from: id, to: org(i), props: { ...cite, title: 'CEO' } });
  }
  for (let k = 0; k < 100; k++) {
    const id = `gen-tech-${k}`;
    nodes.push({ label: 'Technology', props: { id, name: `Tech ${k}`, kind: 'PLATFORM' } });
    rels.push({ type: 'DEVELOPS', from: org(pick(400)), to: id, props: cite });
    rels.push({ type: 'USES_MODALITY', from: id, to: rnd() < 0.5 ? 'gen-mod-big' : 'gen-mod-small', props: cite });
  }
  return { nodes, rels };
}

async function writeGraph(app: TestApp, graph: { nodes: Row[]; rels: Rel[] }): Promise<void> {
  const database = testTarget().database;
  await clearGraph(app.driver, database);
  await app.driver.executeQuery('UNWIND $nodes AS row CREATE (n:Entity) SET n:$(row.label), n += row.props', { nodes: graph.nodes }, { database });
  await app.driver.executeQuery(
    `UNWIND $rels AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to}) CREATE (a)-[r:$(row.type)]->(b) SET r += row.props`,
    { rels: graph.rels },
    { database },
  );
}

/** Pairs of ids, deterministic. */
function pairsOf(ids: string[], n: number, seed: number): [string, string][] {
  const rnd = random(seed);
  const out: [string, string][] = [];
  while (out.length < n) {
    const a = ids[Math.floor(rnd() * ids.length)]!;
    const b = ids[Math.floor(rnd() * ids.length)]!;
    if (a !== b) out.push([a, b]);
  }
  return out;
}

describe('partnership paths against a brute-force search', () => {
  let app: TestApp;

  async function paths(variables: Record<string, unknown>): Promise<Path[]> {
    const response = await app.graphql<{ partnershipPaths: Path[] }>(PATHS, variables);
    expect(response.errors).toBeUndefined();
    return response.data!.partnershipPaths;
  }

  afterEach(async () => {
    await app.close();
  });

  it('on the seed, every path exists, visits no entity twice, and the first is a shortest path', async () => {
    app = await startTestApp();
    const g = await Graph.read(app);
    const organizations = [...g.degree.keys()].filter((id) => !id.startsWith('country-')).sort();
    let connected = 0;
    for (const [from, to] of pairsOf(organizations, 25, 7)) {
      const found = await paths({ from, to, maxHops: 4, first: 5 });
      expectTrueToTheGraph(g, from, to, found);
      const shortest = g.shortest(from, to, 4, 1);
      if (shortest === null) continue;
      connected++;
      expect({ from, to, first: found[0]?.length }).toEqual({ from, to, first: shortest });
    }
    expect(connected).toBeGreaterThan(10);
  });

  describe('on a generated graph with hubs', () => {
    let g: Graph;
    let organizations: string[];

    beforeEach(async () => {
      app = await startTestApp({ seed: false });
      await writeGraph(app, generatedGraph(1));
      g = await Graph.read(app);
      organizations = [...g.degree.keys()].filter((id) => id.startsWith('gen-org-')).sort();
    });

    it('has hubs above the hub degree, so the checks below cover paths through them', () => {
      expect(g.degree.get('gen-mod-big')).toBeGreaterThan(HUB_DEGREE);
      expect(g.degree.get('gen-event-huge')).toBeGreaterThan(HUB_DEGREE);
      expect(g.degree.get('gen-event-mid')).toBeLessThanOrEqual(HUB_DEGREE);
    });

    it('returns a shortest path first whenever one through at most one hub exists, and specific links before weak ones', async () => {
      let throughHub = 0;
      let specificBehindShorterWeak = 0;
      for (const [from, to] of pairsOf(organizations, 40, 11)) {
        const found = await paths({ from, to, maxHops: 4, first: 5 });
        expectTrueToTheGraph(g, from, to, found);
        const shortest = g.shortest(from, to, 4, 1);
        if (shortest === null) {
          for (const path of found) expect(path.hubs.length).toBe(2);
          continue;
        }
        expect({ from, to, first: found[0]?.length }).toEqual({ from, to, first: shortest });
        if (found[0]!.weak) throughHub++;
        // When a specific link exists it is among the answers, at its shortest length.
        const specific = g.shortest(from, to, 4, 0);
        if (specific !== null) {
          expect({ from, to, specific: Math.min(...found.filter((p) => !p.weak).map((p) => p.length)) }).toEqual({ from, to, specific });
          if (specific > shortest) specificBehindShorterWeak++;
        }
        // At one length, specific paths come before weak ones.
        for (let i = 1; i < found.length; i++) {
          if (found[i]!.length === found[i - 1]!.length) expect(Number(found[i - 1]!.weak)).toBeLessThanOrEqual(Number(found[i]!.weak));
          else expect(found[i]!.length).toBeGreaterThan(found[i - 1]!.length);
        }
      }
      expect(throughHub).toBeGreaterThan(0);
      expect(specificBehindShorterWeak).toBeGreaterThan(0);
    });

    it('names the hub of a weak link with its size, on the hop that reaches it and in its own sentence', async () => {
      const participants = (await app.driver.executeQuery(
        `MATCH (e:Event {id: 'gen-event-huge'})<-[:PARTICIPATED_IN]-(o) RETURN o.id AS id ORDER BY id LIMIT 2`,
        {},
        { database: testTarget().database },
      )).records.map((r) => r.get('id') as string);
      const found = await paths({ from: participants[0], to: participants[1], maxHops: 2, first: 10 });
      const viaHub = found.find((p) => p.nodes[1]!.id === 'gen-event-huge')!;
      expect(viaHub.weak).toBe(true);
      expect(viaHub.hops.map((h) => h.weak)).toEqual([true, true]);
      expect(viaHub.hops[0]!.explanation).toBe(`Generated Org ${participants[0]!.slice(8)} took part in Event gen-event-huge (300 participants) as attendee.`);
      expect(viaHub.hubs).toEqual([
        {
          entity: { id: 'gen-event-huge' },
          degree: 300,
          members: 300,
          explanation: `Generated Org ${participants[0]!.slice(8)} and Generated Org ${participants[1]!.slice(8)} both took part in Event gen-event-huge (300 participants).`,
        },
      ]);
    });

    it('leaves hubs out altogether when maxHubDegree asks, and then finds the shortest path without them', async () => {
      for (const [from, to] of pairsOf(organizations, 15, 23)) {
        const found = await paths({ from, to, maxHops: 4, first: 5, maxHubDegree: 150 });
        expectTrueToTheGraph(g, from, to, found);
        for (const path of found) for (const node of path.nodes.slice(1, -1)) expect(g.degree.get(node.id)).toBeLessThanOrEqual(150);
        expect(found[0]?.length ?? null).toBe(g.shortest(from, to, 4, 0, HUB_DEGREE, 150));
      }
    });

    it('reads as many relationships whether a hub on the way has 300 members or 2,300', async () => {
      const [from, to] = (await app.driver.executeQuery(
        `MATCH (e:Event {id: 'gen-event-huge'})<-[:PARTICIPATED_IN]-(o) RETURN o.id AS id ORDER BY id DESC LIMIT 2`,
        {},
        { database: testTarget().database },
      )).records.map((r) => r.get('id') as string);
      const search = () =>
        app.executor.readTransaction('test/search', (tx) =>
          searchFrontiers(tx, {
            from: from!,
            to: to!,
            maxHops: 4,
            first: 5,
            types: DEFAULT_WALK_TYPES,
            avoid: [],
            crossBorderOnly: false,
            includeUnverified: false,
            hubDegree: HUB_DEGREE,
            maxHubDegree: null,
            budget: 1_000_000,
          }),
        );
      const before = await search();
      const extra = Array.from({ length: 2000 }, (_, i) => ({ id: `gen-extra-${i}`, name: `Extra ${i}` }));
      await app.driver.executeQuery(
        `UNWIND $extra AS row CREATE (o:Entity:Organization) SET o += row WITH o MATCH (e:Event {id: 'gen-event-huge'}) CREATE (o)-[:PARTICIPATED_IN {sourceIds: ['gen-test'], evidence: ['x']}]->(e)`,
        { extra },
        { database: testTarget().database },
      );
      const after = await search();
      expect(after.stats.cost).toBe(before.stats.cost);
      expect(after.stats.rounds).toBe(before.stats.rounds);
      expect(after.candidates.map((c) => c.keys.length)).toEqual(before.candidates.map((c) => c.keys.length));
    });

    it('finds brokers and partner suggestions reading no more of a hub modality when 2,000 technologies join it', async () => {
      const database = testTarget().database;
      const [a, b] = (await app.driver.executeQuery(
        `MATCH (m:Modality {id: 'gen-mod-big'})<-[:USES_MODALITY]-(o:Organization) RETURN o.id AS id ORDER BY id LIMIT 2`,
        {},
        { database },
      )).records.map((r) => r.get('id') as string);
      /** Database hits of one run of the statement, from Neo4j's own profile. */
      const dbHits = async ({ query, params }: { query: { text: string }; params: Record<string, unknown> }) => {
        const { summary } = await app.driver.executeQuery(`PROFILE ${query.text}`, toCypherValue(params) as Record<string, unknown>, { database });
        type Plan = { dbHits: number; children: Plan[] };
        const sum = (p: Plan): number => p.dbHits + p.children.reduce((total, c) => total + sum(c), 0);
        return sum(summary.profile as unknown as Plan);
      };
      const cost = async () => ({
        brokers: await dbHits(brokersStatement({ between: [a!, b!], first: 5 })),
        suggestions: await dbHits(suggestionsStatement({ id: a!, first: 5 })),
      });
      const before = await cost();
      // Newest relationships come first in the store's order, so these are what a search meets first.
      const technologies = Array.from({ length: 2000 }, (_, i) => ({ id: `gen-extra-tech-${i}`, name: `Extra technology ${i}`, kind: 'PLATFORM' }));
      await app.driver.executeQuery(
        `UNWIND $technologies AS row CREATE (t:Entity:Technology) SET t += row WITH t MATCH (m:Modality {id: 'gen-mod-big'})
         CREATE (t)-[:USES_MODALITY {sourceIds: ['gen-test'], evidence: ['x']}]->(m)`,
        { technologies },
        { database },
      );
      const after = await cost();
      expect(after.brokers).toBeLessThanOrEqual(before.brokers * 1.25);
      expect(after.suggestions).toBeLessThanOrEqual(before.suggestions * 1.25);
    });
  });
});
