import * as path from 'node:path';
import { applyMigrations } from '../src/db/migrations';
import type { Executor } from '../src/db/executor';
import { ENTITY_LABELS } from '../src/domain/model';
import { loadEverySeed } from '../src/ingest/loadEcosystem';
import { loadSeed, readSeedFile } from '../src/ingest/loadSeed';
import { searchEntities } from '../src/modules/search/repository';
import { PROJECT_ROOT } from '../src/projectRoot';
import { withExecutor } from './database';

/**
 * npm-less: `npx tsx scripts/search-precision.ts` — how often search puts the
 * right entity first (precision@1) and among the first five (precision@5), for
 * real names from shared/source/digests: Japanese, Chinese and English names of
 * entities in the graph, and variant spellings of them (臺北/台北, 楽迦/樂迦,
 * 神戸/神戶, Simplified). Writes into the database it is pointed at (NEO4J_URI, or
 * the local instance): applies the migrations, merges the seed and the fixture of
 * digest-only entities (test/fixtures/search/digest-names.json; all idempotent).
 * Point it at a scratch instance. `--verbose` prints every miss.
 */

/** A query and the entity a person typing it means. */
export const PRECISION_QUERIES: readonly (readonly [query: string, id: string])[] = [
  // Names as the seed holds them.
  ['三顧股份有限公司', 'metatech'],
  ['三顧', 'metatech'],
  ['名古屋大学', 'nagoya-university'],
  ['厚生労働省', 'mhlw'],
  ['衛生福利部', 'mohw'],
  ['再生醫療法', 'policy-tw-regenerative-medicine-act'],
  ['再生醫療製劑條例', 'policy-tw-regenerative-medicinal-products-act'],
  ['義大醫院', 'eda-hospital'],
  ['台湾日立亜太', 'taiwan-hitachi-asia-pacific'],
  ['日立神戸ラボ', 'hitachi-kobe-lab'],
  ['楽迦再生テクノロジー株式会社', 'metatech-thap-joint-company'],
  ['台北生技園區', 'taipei-bioinnovation-park'],
  ['神戸医療産業都市', 'kobe-biomedical-innovation-cluster'],
  ['新原生', 'xinyuansheng'],
  ['交通大学', 'nctu'],
  ['陽明大学', 'national-yang-ming-university'],
  ['国家衛生研究院', 'national-health-research-institutes'],
  ['台湾半導体研究センター', 'taiwan-semiconductor-research-institute'],
  ['新竹生物医学園区', 'hsinchu-biomedical-science-park'],
  ['山中伸弥', 'shinya-yamanaka'],
  ['戸田雄三', 'yuzo-toda'],
  ['澤芳樹', 'sawa-yoshiki'],
  ['黄茂雄', 'huang-mao-hsiung'],
  ['世康開発', 'shikang-development'],
  ['日生細胞生技股份有限公司', 'upcell-biomedical'],
  ['リプロセル', 'reprocell'],
  ['株式会社セルシード', 'cellseed'],
  ['脊髄小脳変性症', 'indication-spinocerebellar-ataxia'],
  // Digest-only names (the fixture).
  ['仲恩生醫', 'fixture-zhong-en-biomedical'],
  ['國璽幹細胞', 'fixture-gwo-xi-stem-cell'],
  ['台灣細胞醫療協會', 'fixture-tact'],
  ['神戶醫療產業都市推進機構', 'fixture-fbri'],
  ['本庶佑', 'fixture-tasuku-honjo'],
  ['亞洲細胞治療協會', 'fixture-acto'],
  // Variant spellings: Japanese shinjitai, Traditional, Simplified, Taiwan's 台/臺.
  ['臺北生技園區', 'taipei-bioinnovation-park'],
  ['樂迦再生テクノロジー', 'metatech-thap-joint-company'],
  ['楽迦再生', 'metatech-thap-joint-company'],
  ['神戶醫療產業都市', 'kobe-biomedical-innovation-cluster'],
  ['日立神戶ラボ', 'hitachi-kobe-lab'],
  ['再生医療法', 'policy-tw-regenerative-medicine-act'],
  ['义大医院', 'eda-hospital'],
  ['臺灣日立亞太', 'taiwan-hitachi-asia-pacific'],
  ['厚生勞動省', 'mhlw'],
  ['卫生福利部', 'mohw'],
  ['國立交通大學', 'nctu'],
  ['陽明大學', 'national-yang-ming-university'],
  ['國家衛生研究院', 'national-health-research-institutes'],
  ['新竹生物醫學園區', 'hsinchu-biomedical-science-park'],
  ['山中伸彌', 'shinya-yamanaka'],
  ['戶田雄三', 'yuzo-toda'],
  ['沢芳樹', 'sawa-yoshiki'],
  ['黃茂雄', 'huang-mao-hsiung'],
  ['世康開發', 'shikang-development'],
  ['臺灣細胞醫療協會', 'fixture-tact'],
  ['神戸医療産業都市推進機構', 'fixture-fbri'],
  ['国璽幹細胞', 'fixture-gwo-xi-stem-cell'],
  ['仲恩生医', 'fixture-zhong-en-biomedical'],
  // English names.
  ['REPROCELL', 'reprocell'],
  ['Steminent', 'steminent'],
  ['Stemchymal', 'stemchymal'],
  ['Nagoya University', 'nagoya-university'],
  ['Regenerative Medicine Act', 'policy-tw-regenerative-medicine-act'],
  ['MetaTech', 'metatech'],
  ['E-Da Hospital', 'eda-hospital'],
  ['Taipei Bioinnovation Park', 'taipei-bioinnovation-park'],
  ['Kobe Biomedical Innovation Cluster', 'kobe-biomedical-innovation-cluster'],
  ['National Chiao Tung University', 'nctu'],
  ['Shinya Yamanaka', 'shinya-yamanaka'],
  ['Ministry of Health and Welfare', 'mohw'],
  ['Hitachi Kobe Lab', 'hitachi-kobe-lab'],
  ['Tasuku Honjo', 'fixture-tasuku-honjo'],
];

export const DIGEST_FIXTURE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'search', 'digest-names.json');

export interface PrecisionResult {
  atOne: number;
  atFive: number;
  misses: { query: string; id: string; got: string[] }[];
  millisecondsPerQuery: number;
}

/** Runs every query through search (first 5) and counts the hits. */
export async function measurePrecision(executor: Executor, queries = PRECISION_QUERIES): Promise<PrecisionResult> {
  const plan = { labels: ENTITY_LABELS, properties: ['id', 'name'], fields: [] };
  let atOne = 0;
  let atFive = 0;
  const misses: PrecisionResult['misses'] = [];
  const started = performance.now();
  for (const [query, id] of queries) {
    const hits = await searchEntities(executor, query, null, 5, plan);
    const got = hits.map((h) => h.entity.id);
    if (got[0] === id) atOne++;
    if (got.includes(id)) atFive++;
    if (got[0] !== id) misses.push({ query, id, got });
  }
  return { atOne: atOne / queries.length, atFive: atFive / queries.length, misses, millisecondsPerQuery: (performance.now() - started) / queries.length };
}

async function main(): Promise<void> {
  await withExecutor(async (executor) => {
    await applyMigrations(executor);
    await loadEverySeed(executor);
    await loadSeed(executor, readSeedFile(DIGEST_FIXTURE), DIGEST_FIXTURE);
    // Full-text indexes are eventually consistent: let them take the writes in.
    await executor.write({ name: 'awaitIndexes', text: 'CALL db.awaitIndexes(300)' });
    await new Promise((r) => setTimeout(r, 1_000));
    await measurePrecision(executor); // warm-up: plans and caches
    const result = await measurePrecision(executor);
    console.log(`queries: ${PRECISION_QUERIES.length}`);
    console.log(`precision@1: ${result.atOne.toFixed(3)}`);
    console.log(`precision@5: ${result.atFive.toFixed(3)}`);
    console.log(`mean time per search: ${result.millisecondsPerQuery.toFixed(1)} ms`);
    if (process.argv.includes('--verbose')) for (const m of result.misses) console.log(`miss: ${m.query} → ${m.id}; got ${m.got.join(', ') || 'nothing'}`);
  });
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`search-precision failed: ${error.message}`);
    process.exit(1);
  });
}
