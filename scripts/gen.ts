/**
 * npm run gen -- --orgs N --seed S [--uri bolt://…] [--password …] [--chunk 10000] [--dry-run] [--bulk | --no-bulk]
 *
 * Writes a deterministic synthetic ecosystem (seeded PRNG) THROUGH the seed
 * loader (src/ingest/loadSeed.ts): the graph is cut into many synthetic source
 * documents of about --chunk relationships each; every document is validated
 * with the seed-file schema and merged in one transaction by loadSeed, so every
 * node and relationship is sourced with an evidence note. Ids start with `syn-`
 * and never collide with the hand-written seed.
 *
 * Shape for N organizations (about 10 domain relationships per organization):
 * countries (20), modalities (24), indications (40), N organizations (TW, JP and
 * elsewhere; LOCATED_IN, direct USES_MODALITY / TARGETS_INDICATION, a few PART_OF
 * units), N/500 funds, N people (HOLDS_ROLE by preferential attachment, so
 * organization degree is heavy-tailed), 0.6·N technologies (DEVELOPS by preferential
 * attachment, USES_MODALITY, TARGETS_INDICATION), N/200 events with Zipf-sized
 * participant lists (the biggest are supernodes with thousands of participants),
 * 0.35·N agreements (PARTY_TO LICENSOR/LICENSEE, FACILITATED, COVERS, APPLIES_IN,
 * SIGNED_AT).
 *
 * Time: agreements are signed in id order from AGREEMENTS_FROM to AGREEMENTS_TO
 * (one date each, evenly spread), and most form between organizations already
 * near each other in the graph as it stood then (NEAR_SHARE, see nearOrganization:
 * a counterpart of a counterpart, a fellow participant of an event the licensor
 * attended, an organization sharing one of its people or a developer of a
 * technology it licensed or develops); the rest pair a random licensee. So the
 * suggestions backtest (scripts/evalSuggestions.ts) has a signal to find.
 *
 * Connection: --uri/--password, else NEO4J_URI/NEO4J_PASSWORD, else the local
 * instance named by --instance (default bench; needs NEO4J_LOCAL_BOLT_PORT).
 *
 * Into a graph without entities the loader creates every id instead of merging it
 * (EmptyGraphLoad), and one document is generated while the one before it loads.
 * When the target is an empty database of one of this project's local instances
 * (.neo4j/<name>) and the graph is large (BULK_MIN_RELATIONSHIPS, about 30,000
 * organizations) or --bulk is given, the same documents take the offline bulk path
 * instead (src/ingest/bulkLoad.ts: the graph the loader would write, imported with
 * neo4j-admin while the server is stopped); --no-bulk keeps the loader. On that
 * path a worker thread validates a copy of each document while this one builds
 * the graph (WorkerValidatedDocuments), and nothing is imported unless every copy
 * was valid and equal to its validated form.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import neo4j from 'neo4j-driver';
import { Executor } from '../src/db/executor';
import { migrateGraph } from '../src/ingest/migrateGraph';
import type { EntityLabel } from '../src/domain/model';
import { localInstanceAt, storeIsAbsent } from '../src/localNeo4j/bulkImport';
import { connectionFor, localInstance, localNeo4jStatus, startLocalNeo4j, type LocalInstance } from '../src/localNeo4j/server';
import { BulkGraph, bulkNotWorthIt, bulkRefusal, loadInBulk, type BulkLoadReport } from '../src/ingest/bulkLoad';
import { recordLoad } from '../src/ingest/loadRecord';
import { EmptyGraphLoad, graphIsEmpty, loadSeed } from '../src/ingest/loadSeed';
import { WorkerValidatedDocuments } from '../src/ingest/readInParallel';
import { seedFile, type SeedFile, type SeedNode } from '../src/ingest/seedFile';

// ---------------------------------------------------------------- arguments
function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  return fallback;
}
const ORGS = Number(arg('orgs', '10000'));
const SEED = Number(arg('seed', '42'));
const CHUNK = Number(arg('chunk', '10000'));
const DRY = process.argv.includes('--dry-run');
/** About how many relationships one organization brings (93,616 at 10,000; 1,052,797 at 100,000). */
const RELATIONSHIPS_PER_ORGANIZATION = 10.5;
/** The years agreements are signed in (the first on 1 January of the one, the last in December of the other). */
const AGREEMENTS_FROM = 2014;
const AGREEMENTS_TO = 2025;
/** The share of agreements whose licensee is drawn near the licensor (the rest: any organization). */
const NEAR_SHARE = 0.7;
if (!Number.isInteger(ORGS) || ORGS < 100) throw new Error('--orgs must be an integer >= 100');

// ---------------------------------------------------------------- PRNG (mulberry32)
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(SEED);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
/** 1 + a geometric-ish count with the given mean extra. */
const count = (mean: number, max: number) => {
  let k = 1;
  while (k < max && rnd() < mean / (mean + 1)) k++;
  return k;
};
const pad = (n: number) => String(n).padStart(6, '0');

/** Preferential attachment over 0..n-1: a chosen index becomes more likely to be chosen again. */
class Attachment {
  private pool: number[] = [];
  constructor(
    private readonly n: number,
    private readonly p = 0.75,
  ) {}
  draw(): number {
    const i = this.pool.length > 0 && rnd() < this.p ? (this.pool[int(this.pool.length)] as number) : int(this.n);
    this.pool.push(i);
    return i;
  }
}

/** Zipf(s) sampler over 0..n-1 (rank 0 most likely). */
function zipf(n: number, s: number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / Math.pow(i + 1, s);
  return () => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

// ---------------------------------------------------------------- vocabulary
const COUNTRIES: [string, string][] = [
  ['TW', 'Taiwan'], ['JP', 'Japan'], ['US', 'United States'], ['KR', 'South Korea'], ['CN', 'China'],
  ['SG', 'Singapore'], ['DE', 'Germany'], ['GB', 'United Kingdom'], ['FR', 'France'], ['CH', 'Switzerland'],
  ['NL', 'Netherlands'], ['SE', 'Sweden'], ['AU', 'Australia'], ['CA', 'Canada'], ['IL', 'Israel'],
  ['IN', 'India'], ['TH', 'Thailand'], ['VN', 'Vietnam'], ['MY', 'Malaysia'], ['HK', 'Hong Kong'],
];
/** Weighted country draw: TW and JP dominate. */
const COUNTRY_WEIGHTS = [30, 30, 8, 4, 4, 3, 2, 2, 2, 2, 1, 1, 2, 1, 1, 2, 1, 1, 1, 2];
const MODALITIES = [
  'exosome', 'ipsc', 'msc', 'pbmc', 'car-t', 'nk-cell', 'gene-therapy', 'tissue-engineering', 'organoid',
  'crispr', 'aav-vector', 'lentiviral-vector', 'esc', 'hsc', 'chondrocyte', 'keratinocyte', 'cardiomyocyte',
  'dendritic-cell', 'treg', 'biomaterial-scaffold', 'secretome', 'platelet-rich-plasma', 'bioprinting', 'mrna',
];
const INDICATIONS = [
  'knee-osteoarthritis', 'heart-failure', 'parkinsons-disease', 'spinal-cord-injury', 'stroke', 'macular-degeneration',
  'diabetes-type-1', 'liver-cirrhosis', 'alopecia', 'skin-wound', 'burns', 'crohns-disease', 'graft-versus-host-disease',
  'als', 'alzheimers-disease', 'multiple-sclerosis', 'critical-limb-ischemia', 'myocardial-infarction', 'osteoporosis',
  'cartilage-defect', 'retinitis-pigmentosa', 'corneal-disease', 'leukemia', 'lymphoma', 'solid-tumor', 'kidney-disease',
  'lung-fibrosis', 'covid-19-ards', 'sepsis', 'infertility', 'erectile-dysfunction', 'aging-frailty', 'periodontitis',
  'hearing-loss', 'muscular-dystrophy', 'hemophilia', 'sickle-cell-disease', 'thalassemia', 'lupus', 'rheumatoid-arthritis',
];
const SYL = ['ka', 'to', 'mi', 'ra', 'sen', 'yo', 'shi', 'ta', 'kai', 'for', 'mo', 'sa', 'lin', 'hua', 'tai', 'zhen', 'gen', 'cel', 'bio', 'neo', 'vi', 'ta', 'ro', 'xin'];
const ORG_SUFFIX: Record<string, string[]> = {
  COMPANY: ['Biotech', 'Therapeutics', 'Cell Sciences', 'Regenerative', 'Bio Co., Ltd.'],
  PHARMA: ['Pharma', 'Pharmaceutical Co.', 'Life Sciences'],
  CDMO: ['Biologics CDMO', 'Cell Manufacturing', 'BioProcess'],
  GOVERNMENT_AGENCY: ['Agency', 'Bureau', 'Administration'],
  RESEARCH_INSTITUTE: ['Institute', 'Research Center', 'University Hospital'],
  INDUSTRY_ASSOCIATION: ['Association', 'Consortium', 'Alliance'],
  INVESTOR: ['Capital', 'Ventures', 'Partners'],
  MEDIA: ['News', 'Media'],
  VENUE: ['Convention Center', 'Hall'],
};
const ORG_KIND_WEIGHTS: [string, number][] = [
  ['COMPANY', 45], ['PHARMA', 8], ['CDMO', 6], ['GOVERNMENT_AGENCY', 3], ['RESEARCH_INSTITUTE', 14],
  ['INDUSTRY_ASSOCIATION', 3], ['INVESTOR', 14], ['MEDIA', 3], ['VENUE', 4],
];
const FIRST = ['Wei', 'Yuki', 'Hiroshi', 'Mei', 'Chen', 'Kenji', 'Ling', 'Takeshi', 'Hana', 'Jun', 'Akira', 'Yu', 'Sakura', 'Ming', 'Daisuke', 'Ting'];
const LAST = ['Lin', 'Tanaka', 'Wang', 'Suzuki', 'Chang', 'Sato', 'Huang', 'Watanabe', 'Liu', 'Ito', 'Tsai', 'Yamamoto', 'Chen', 'Nakamura', 'Hsu', 'Kobayashi'];
const TITLES = ['CEO', 'CTO', 'Director', 'Chair', 'Professor', 'Vice President', 'Chief Scientist', 'Partner', 'Manager'];
const TECH_KINDS = ['PLATFORM', 'PRODUCT', 'THERAPY', 'DEVICE', 'SERVICE'] as const;
const EVENT_KINDS = ['INVESTMENT_FORUM', 'CONFERENCE', 'NETWORKING_EVENT'] as const;
const AGREEMENT_KINDS = ['LICENSE', 'CO_DEVELOPMENT', 'DISTRIBUTION', 'INVESTMENT', 'MOU'] as const;

function weighted<T>(items: readonly T[], weights: readonly number[]): () => T {
  const total = weights.reduce((a, b) => a + b, 0);
  return () => {
    let x = rnd() * total;
    for (let i = 0; i < items.length; i++) if ((x -= weights[i] as number) < 0) return items[i] as T;
    return items[items.length - 1] as T;
  };
}
const drawCountry = weighted(COUNTRIES.map((c) => c[0]), COUNTRY_WEIGHTS);
const drawOrgKind = weighted(ORG_KIND_WEIGHTS.map((k) => k[0]), ORG_KIND_WEIGHTS.map((k) => k[1]));
const word = () => {
  const n = 2 + int(2);
  let w = '';
  for (let i = 0; i < n; i++) w += pick(SYL);
  return w[0]!.toUpperCase() + w.slice(1);
};
const title = (slug: string) => slug.split('-').map((w) => (w.length <= 4 ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1))).join(' ');

// ---------------------------------------------------------------- graph model
type Rel = { type: string; from: string; to: string; key?: string; evidence: string; properties: Record<string, string | number | boolean> };
interface Item {
  node: SeedNode;
  rels: Rel[];
}

const labelOf = new Map<string, EntityLabel>();
const ev = (what: string) => `Synthetic benchmark record: ${what}.`;

function* generate(): Generator<Item> {
  const N = ORGS;
  // countries, modalities, indications
  for (const [code, name] of COUNTRIES) {
    yield { node: { label: 'Country', id: `syn-country-${code.toLowerCase()}`, name: `${name} (synthetic)`, aliases: [], code, description: `Synthetic country ${name}.`, evidence: ev('country'), properties: {} }, rels: [] };
  }
  for (const m of MODALITIES) {
    yield { node: { label: 'Modality', id: `syn-mod-${m}`, name: title(m), aliases: [], description: `Synthetic modality ${title(m)}.`, evidence: ev('modality'), properties: {} }, rels: [] };
  }
  for (const i of INDICATIONS) {
    yield { node: { label: 'Indication', id: `syn-ind-${i}`, name: title(i), aliases: [], description: `Synthetic indication ${title(i)}.`, evidence: ev('indication'), properties: {} }, rels: [] };
  }
  const modality = zipf(MODALITIES.length, 1.0);
  const indication = zipf(INDICATIONS.length, 0.9);
  const orgId = (i: number) => `syn-org-${pad(i)}`;
  const orgCountry: string[] = [];
  const orgKind: string[] = [];

  // organizations
  for (let i = 0; i < N; i++) {
    const kind = drawOrgKind();
    const country = drawCountry();
    orgCountry.push(country);
    orgKind.push(kind);
    const id = orgId(i);
    const name = `${word()} ${word()} ${pick(ORG_SUFFIX[kind]!)}`;
    const rels: Rel[] = [{ type: 'LOCATED_IN', from: id, to: `syn-country-${country.toLowerCase()}`, evidence: ev('headquarters'), properties: {} }];
    const seen = new Set<string>();
    if (kind === 'COMPANY' || kind === 'PHARMA' || kind === 'CDMO' || kind === 'RESEARCH_INSTITUTE') {
      for (let k = count(0.4, 4); k > 0; k--) {
        const m = `syn-mod-${MODALITIES[modality()]}`;
        if (!seen.has(m)) rels.push({ type: 'USES_MODALITY', from: id, to: m, evidence: ev('works with modality'), properties: {} });
        seen.add(m);
      }
      if (rnd() < 0.6) {
        const ind = `syn-ind-${INDICATIONS[indication()]}`;
        rels.push({ type: 'TARGETS_INDICATION', from: id, to: ind, evidence: ev('addresses indication'), properties: {} });
      }
    }
    if (i > 50 && rnd() < 0.05) rels.push({ type: 'PART_OF', from: id, to: orgId(int(i)), evidence: ev('unit of'), properties: {} });
    yield {
      node: { label: 'Organization', id, name, aliases: rnd() < 0.3 ? [name.split(' ')[0]!] : [], kind: kind as never, country, description: `Synthetic ${kind.toLowerCase().replace('_', ' ')} based in ${country}.`, evidence: ev('organization profile'), properties: { employees: 5 + int(5000) } },
      rels,
    };
  }

  // funds
  const funds = Math.max(5, Math.floor(N / 500));
  for (let i = 0; i < funds; i++) {
    const id = `syn-fund-${pad(i)}`;
    const country = drawCountry();
    let admin = int(N);
    for (let t = 0; t < 20 && orgKind[admin] !== 'INVESTOR' && orgKind[admin] !== 'GOVERNMENT_AGENCY'; t++) admin = int(N);
    yield {
      node: { label: 'Fund', id, name: `${word()} Regenerative Fund ${i}`, aliases: [], kind: rnd() < 0.3 ? 'PUBLIC_FUND' : 'VENTURE_FUND', country, description: 'Synthetic fund.', evidence: ev('fund'), properties: { sizeMillionUsd: 10 + int(990) } },
      rels: [
        { type: 'ADMINISTERS', from: orgId(admin), to: id, evidence: ev('runs fund'), properties: {} },
        { type: 'LOCATED_IN', from: id, to: `syn-country-${country.toLowerCase()}`, evidence: ev('fund country'), properties: {} },
        { type: 'FOCUSES_ON', from: id, to: `syn-mod-${MODALITIES[modality()]}`, evidence: ev('fund focus'), properties: {} },
      ],
    };
  }

  // people: roles by preferential attachment (heavy-tailed organization degree)
  const roleOrg = new Attachment(N, 0.7);
  const people = N;
  /** Organizations sharing a person with each organization (for nearOrganization). */
  const colleagues: number[][] = Array.from({ length: N }, () => []);
  for (let i = 0; i < people; i++) {
    const id = `syn-person-${pad(i)}`;
    const rels: Rel[] = [];
    const seen = new Set<number>();
    for (let k = count(0.35, 4); k > 0; k--) {
      const o = roleOrg.draw();
      if (seen.has(o)) continue;
      seen.add(o);
      rels.push({ type: 'HOLDS_ROLE', from: id, to: orgId(o), evidence: ev('holds role'), properties: { title: pick(TITLES) } });
    }
    const held = [...seen];
    for (const a of held) for (const b of held) if (a !== b) colleagues[a]!.push(b);
    const first = held[0] ?? 0;
    yield { node: { label: 'Person', id, name: `${pick(FIRST)} ${pick(LAST)} ${word()}`, aliases: [], country: orgCountry[first], description: 'Synthetic person.', evidence: ev('person'), properties: {} }, rels };
  }

  // technologies
  const devOrg = new Attachment(N, 0.6);
  const techs = Math.floor(N * 0.6);
  /** Each technology's developers and each organization's technologies (for nearOrganization). */
  const developers: number[][] = Array.from({ length: techs }, () => []);
  const techsOf: number[][] = Array.from({ length: N }, () => []);
  for (let i = 0; i < techs; i++) {
    const id = `syn-tech-${pad(i)}`;
    const rels: Rel[] = [];
    const seen = new Set<string>();
    const add = (type: string, from: string, to: string, what: string) => {
      if (seen.has(type + from + to)) return;
      seen.add(type + from + to);
      rels.push({ type, from, to, evidence: ev(what), properties: {} });
    };
    for (let k = count(0.15, 3); k > 0; k--) {
      const o = devOrg.draw();
      if (!developers[i]!.includes(o)) {
        developers[i]!.push(o);
        techsOf[o]!.push(i);
      }
      add('DEVELOPS', orgId(o), id, 'develops technology');
    }
    for (let k = count(0.5, 3); k > 0; k--) add('USES_MODALITY', id, `syn-mod-${MODALITIES[modality()]}`, 'technology modality');
    for (let k = count(0.5, 3); k > 0; k--) add('TARGETS_INDICATION', id, `syn-ind-${INDICATIONS[indication()]}`, 'technology indication');
    yield { node: { label: 'Technology', id, name: `${word()}${pick(['cel', 'gen', 'tix', 'vir'])} ${pick(['Platform', 'Therapy', 'Kit', 'System'])}`, aliases: [], kind: pick(TECH_KINDS), description: 'Synthetic technology.', evidence: ev('technology'), properties: {} }, rels };
  }

  // events: Zipf-sized participant lists (supernodes)
  const events = Math.max(10, Math.floor(N / 200));
  /** Each event's participants and each organization's events (for nearOrganization). */
  const participants: number[][] = [];
  const eventsOf: number[][] = Array.from({ length: N }, () => []);
  const eventSize = (r: number) => Math.max(5, Math.floor((N * 0.3) / Math.pow(r + 1, 0.9)));
  for (let e = 0; e < events; e++) {
    const id = `syn-event-${pad(e)}`;
    const country = e % 3 === 0 ? 'JP' : e % 3 === 1 ? 'TW' : drawCountry();
    const rels: Rel[] = [];
    const seen = new Set<number>();
    const size = Math.min(eventSize(e), Math.floor(N * 0.4));
    const organizer = int(N);
    seen.add(organizer);
    rels.push({ type: 'ORGANIZED', from: orgId(organizer), to: id, evidence: ev('organized event'), properties: {} });
    rels.push({ type: 'LOCATED_IN', from: id, to: `syn-country-${country.toLowerCase()}`, evidence: ev('event location'), properties: {} });
    for (let k = 0; k < size; k++) {
      const o = int(N);
      if (seen.has(o)) continue;
      seen.add(o);
      eventsOf[o]!.push(e);
      rels.push({ type: 'PARTICIPATED_IN', from: orgId(o), to: id, evidence: ev('took part'), properties: { role: pick(['presenter', 'investor', 'attendee', 'exhibitor']) } });
    }
    participants.push([...seen]);
    for (let k = Math.min(40, Math.floor(size / 50)); k > 0; k--) {
      rels.push({ type: 'SPOKE_AT', from: `syn-person-${pad(int(people))}`, to: id, key: `t${k}`, evidence: ev('spoke'), properties: { topic: `${pick(MODALITIES)} outlook` } });
    }
    const year = 2015 + (e % 11);
    const date = `${year}-${String(1 + (e % 12)).padStart(2, '0')}-${String(1 + (e % 28)).padStart(2, '0')}`;
    yield { node: { label: 'Event', id, name: `${word()} Regenerative Medicine ${pick(['Forum', 'Summit', 'Expo'])} ${year} #${e}`, aliases: [], kind: pick(EVENT_KINDS), startDate: date, country, description: 'Synthetic event.', evidence: ev('event'), properties: {} }, rels };
  }

  // agreements, in the order they are signed
  const licOrg = new Attachment(N, 0.6);
  const agreements = Math.floor(N * 0.35);
  /** Each organization's counterparts in the agreements signed so far. */
  const counterparts: number[][] = Array.from({ length: N }, () => []);
  /**
   * An organization near `x` in the graph as it stands, or null: a counterpart
   * of one of its counterparts, a fellow participant of one of its events, an
   * organization sharing one of its people, or a co-developer of one of its
   * technologies (each way tried in a random order, the first that gives one).
   */
  const nearOrganization = (x: number): number | null => {
    const ways = [
      () => {
        const p = counterparts[x]!;
        const q = p.length ? counterparts[pick(p)]! : [];
        return q.length ? pick(q) : null;
      },
      () => {
        const ev = eventsOf[x]!;
        return ev.length ? pick(participants[pick(ev)]!) : null;
      },
      () => (colleagues[x]!.length ? pick(colleagues[x]!) : null),
      () => {
        const t = techsOf[x]!;
        return t.length ? pick(developers[pick(t)]!) : null;
      },
    ];
    const start = int(ways.length);
    for (let k = 0; k < ways.length; k++) {
      const o = ways[(start + k) % ways.length]!();
      if (o !== null && o !== x && !counterparts[x]!.includes(o)) return o;
    }
    return null;
  };
  const first = Date.UTC(AGREEMENTS_FROM, 0, 1);
  const span = Date.UTC(AGREEMENTS_TO + 1, 0, 1) - first;
  for (let i = 0; i < agreements; i++) {
    const id = `syn-agreement-${pad(i)}`;
    const kind = pick(AGREEMENT_KINDS);
    const licensor = licOrg.draw();
    let licensee = (rnd() < NEAR_SHARE ? nearOrganization(licensor) : null) ?? int(N);
    if (licensee === licensor) licensee = (licensee + 1) % N;
    counterparts[licensor]!.push(licensee);
    counterparts[licensee]!.push(licensor);
    const territory = [orgCountry[licensee]!];
    if (rnd() < 0.3 && territory[0] !== orgCountry[licensor]) territory.push(orgCountry[licensor]!);
    const covered = int(techs);
    const rels: Rel[] = [
      { type: 'PARTY_TO', from: orgId(licensor), to: id, evidence: ev('licensor'), properties: { role: 'LICENSOR' } },
      { type: 'PARTY_TO', from: orgId(licensee), to: id, evidence: ev('licensee'), properties: { role: 'LICENSEE' } },
      { type: 'COVERS', from: id, to: `syn-tech-${pad(covered)}`, evidence: ev('covers'), properties: {} },
      ...territory.map((c) => ({ type: 'APPLIES_IN', from: id, to: `syn-country-${c.toLowerCase()}`, evidence: ev('territory'), properties: {} })),
    ];
    techsOf[licensee]!.push(covered);
    if (rnd() < 0.3) {
      const f = int(N);
      if (f !== licensor && f !== licensee) rels.push({ type: 'FACILITATED', from: orgId(f), to: id, evidence: ev('facilitated'), properties: {} });
    }
    if (rnd() < 0.1) rels.push({ type: 'SIGNED_AT', from: id, to: `syn-event-${pad(int(events))}`, evidence: ev('signed at'), properties: {} });
    const signedOn = new Date(first + Math.floor((i * span) / agreements)).toISOString().slice(0, 10);
    yield {
      node: { label: 'Agreement', id, name: `${word()} ${kind.toLowerCase().replace('_', '-')} agreement ${i}`, aliases: [], kind, exclusive: rnd() < 0.4, territory, rightsGranted: ['development', 'marketing'], signedOn, description: 'Synthetic agreement.', evidence: ev('agreement'), properties: {} },
      rels,
    };
  }
}

// ---------------------------------------------------------------- documents and loading
type Document = { source: { id: string }; nodes: SeedNode[]; references: { id: string; label: EntityLabel }[]; relationships: Rel[] };
/** Items generated between two points where an asynchronous caller lets the driver's I/O run. */
const ITEMS_PER_SLICE = 1_000;

/**
 * The generated graph cut into source documents of about CHUNK relationships, in
 * load order; `undefined` every ITEMS_PER_SLICE items marks a point to pause at.
 */
function* documents(): Generator<Document | undefined> {
  let batch: Item[] = [];
  let batchRels = 0;
  let docs = 0;
  const document = () => {
    const own = new Set(batch.map((b) => b.node.id));
    const refs = new Map<string, EntityLabel>();
    const relationships = batch.flatMap((b) => b.rels);
    for (const r of relationships) for (const end of [r.from, r.to]) if (!own.has(end)) refs.set(end, labelOf.get(end)!);
    const doc = {
      source: { id: `syn-source-${SEED}-${pad(docs)}`, publisher: 'Synthetic Benchmark Press', title: `Synthetic ecosystem report ${docs} (seed ${SEED})`, publishedOn: '2025-01-01', language: 'en' },
      nodes: batch.map((b) => b.node),
      references: [...refs].map(([id, label]) => ({ id, label })),
      relationships,
    };
    docs++;
    batch = [];
    batchRels = 0;
    return doc;
  };
  let items = 0;
  for (const item of generate()) {
    if (++items % ITEMS_PER_SLICE === 0) yield undefined;
    // a relationship may use any entity generated before it; a document ends when it is full
    labelOf.set(item.node.id, item.node.label);
    batch.push(item);
    batchRels += item.rels.length;
    if (batchRels >= CHUNK || batch.length >= CHUNK) yield document();
  }
  if (batch.length > 0) yield document();
}

function connect(): { uri: string; password: string; instance?: LocalInstance } {
  const uri = arg('uri') ?? process.env.NEO4J_URI;
  if (uri) {
    const password = arg('password') ?? process.env.NEO4J_PASSWORD;
    if (!password) throw new Error('--password or NEO4J_PASSWORD is needed with --uri');
    return { uri, password, instance: localInstanceAt(uri) };
  }
  const name = arg('instance', 'bench')!;
  const port = process.env.NEO4J_LOCAL_BOLT_PORT ?? '7702';
  // a reset instance has no neo4j.conf yet, so it is found by name (with the ports exported)
  const instance = localInstanceAt(`bolt://127.0.0.1:${port}`) ?? (process.env.NEO4J_LOCAL_HTTP_PORT ? localInstance(name) : undefined);
  if (instance) return { ...connectionFor(instance), instance };
  const password = fs.readFileSync(path.resolve(__dirname, '..', '.neo4j', name, 'password'), 'utf8').trim();
  return { uri: `bolt://127.0.0.1:${port}`, password };
}

async function main(): Promise<void> {
  const { uri, password, instance } = connect();
  const database = process.env.NEO4J_DATABASE ?? 'neo4j';
  const driver = neo4j.driver(uri, neo4j.auth.basic(process.env.NEO4J_USERNAME ?? 'neo4j', password), { disableLosslessIntegers: true });
  const executor = new Executor(driver, { database, timeoutMs: 300_000 });
  const started = Date.now();
  let docs = 0;
  let nodes = 0;
  let rels = 0;
  let validateMs = 0;
  let loadMs = 0;
  let bulk: BulkLoadReport | undefined;
  const validate = (doc: Document) => {
    const v0 = Date.now();
    const data = seedFile.parse(doc);
    validateMs += Date.now() - v0;
    return data;
  };
  /** The same documents, pausing now and then so that a load in flight gets its replies while the next is built. */
  const validatedInSlices = async function* () {
    for (const doc of documents()) {
      if (doc) yield validate(doc);
      else await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const progress = () => {
    docs++;
    if (docs % 10 === 0) {
      const s = (Date.now() - started) / 1000;
      console.log(`  ${docs} documents, ${nodes} nodes, ${rels} relationships, ${s.toFixed(0)} s, ${Math.round(rels / s)} rels/s`);
    }
  };
  let refusal: string | undefined = DRY
    ? 'this is a dry run'
    : process.argv.includes('--no-bulk')
      ? 'not asked for (--no-bulk)'
      : process.argv.includes('--bulk')
        ? undefined
        : bulkNotWorthIt(Math.round(ORGS * RELATIONSHIPS_PER_ORGANIZATION));
  try {
    if (!refusal) refusal = instance && !localNeo4jStatus(instance).running && storeIsAbsent(instance) ? undefined : await bulkRefusal(instance, executor);
  } finally {
    if (!refusal) await driver.close();
  }
  // the one audit entry a whole generated load leaves
  const recordGenLoad = async (into: Executor) => {
    await recordLoad(into, { loader: 'gen', summary: `generated ${docs} documents: ${nodes} nodes, ${rels} relationships`, note: `npm run gen: ${ORGS} organizations, seed ${SEED}` });
  };
  if (instance && !refusal) {
    // a worker validates a copy of each document while this thread builds the graph from
    // its own; nothing is imported unless every copy was valid and already in validated form
    const checked = new WorkerValidatedDocuments();
    try {
      bulk = await loadInBulk(
        instance,
        () => {
          const graph = new BulkGraph();
          for (const doc of documents()) {
            if (!doc) continue;
            checked.submit(doc.source.id, doc);
            const result = graph.add(doc as unknown as SeedFile, doc.source.id, 'gen');
            nodes += result.nodes;
            rels += result.relationships;
            progress();
          }
          return graph;
        },
        { database, beforeImport: () => checked.verdict(), after: (bulkExecutor) => recordGenLoad(bulkExecutor), log: (line) => console.log(line) },
      );
    } finally {
      await checked.close();
    }
  } else {
    if (!DRY) console.log(`transactional load: the bulk path is not taken because ${refusal}`);
    // a local instance the bulk path would have started (e.g. a fresh one) is started for the loader
    if (!DRY && instance && !localNeo4jStatus(instance).running) await startLocalNeo4j(instance);
    try {
      if (!DRY) {
        const m = await migrateGraph(executor);
        console.log(`migrations: ${m.applied.length} applied, ${m.skipped.length} already in place`);
      }
      // into a graph without entities, every generated id is new: created, not merged
      const emptyGraph = !DRY && (await graphIsEmpty(executor)) ? new EmptyGraphLoad() : undefined;
      if (emptyGraph) console.log('the graph holds no entities: new ids are created, not merged');
      // one document is loaded while the next one is generated and validated
      let inFlight: Promise<void> | undefined;
      for await (const data of validatedInSlices()) {
        await inFlight;
        if (DRY) {
          nodes += data.nodes.length;
          rels += data.relationships.length;
          progress();
          continue;
        }
        const l0 = Date.now();
        inFlight = loadSeed(executor, data, data.source.id, 'gen', { emptyGraph }).then((result) => {
          nodes += result.nodes;
          rels += result.relationships;
          loadMs += Date.now() - l0;
          progress();
        });
        inFlight.catch(() => undefined); // awaited (and thrown) before the next document or after the last
      }
      await inFlight;
      if (!DRY) await recordGenLoad(executor);
    } finally {
      await driver.close();
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const summary = {
    orgs: ORGS, seed: SEED, chunk: CHUNK, documents: docs, nodes, relationships: rels,
    provenanceStatedIn: nodes, seconds: Math.round(seconds * 10) / 10,
    relsPerSecond: Math.round(rels / seconds), nodesPerSecond: Math.round(nodes / seconds),
    validateSeconds: validateMs / 1000, loadSeconds: loadMs / 1000, dryRun: DRY,
    path: DRY ? 'none' : bulk ? 'bulk' : 'transactional', bulkSeconds: bulk?.seconds,
  };
  const how = bulk
    ? `bulk path: generate ${bulk.seconds.build.toFixed(1)} (validated on a worker meanwhile; waited for it ${bulk.seconds.beforeImport.toFixed(1)}), CSV ${bulk.seconds.csv.toFixed(1)}, server stop ${bulk.seconds.stop.toFixed(1)}, neo4j-admin import ${bulk.seconds.import.toFixed(1)}, server start ${bulk.seconds.start.toFixed(1)}, migrations ${bulk.seconds.migrations.toFixed(1)}, values CSV cannot carry ${bulk.seconds.patch.toFixed(1)} s`
    : `validation ${summary.validateSeconds} s, loader ${summary.loadSeconds} s`;
  console.log(`loaded ${docs} documents: ${nodes} nodes and ${rels} relationships (plus ${nodes} STATED_IN) in ${seconds.toFixed(1)} s = ${summary.relsPerSecond} relationships/s (${how})`);
  const out = path.resolve(__dirname, '..', '.artifacts', 'gen');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, `gen-${ORGS}-${SEED}-${Date.now()}.json`), JSON.stringify(summary, null, 2));
}

main().catch((error: Error) => {
  console.error(`gen failed: ${error.message}`);
  process.exit(1);
});
