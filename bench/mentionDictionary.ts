// A measurement of the mention dictionary alone, in one process: its heap and the time to match a
// 10,000-character text. Names: 300,000 synthetic ones (English and Han), or, with NEO4J_URI and
// NEO4J_PASSWORD set, every live name and alias of that graph (the query the API streams).
// Run: node --expose-gc --import tsx bench/mentionDictionary.ts
import neo4j from 'neo4j-driver';
import { cypherQuery } from '../src/db/cypher';
import { MentionDictionary } from '../src/modules/mentions/dictionary';
import { articlesNaming } from './mentions';

async function fromGraph(d: MentionDictionary, uri: string, password: string): Promise<string[]> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password));
  const names: string[] = [];
  try {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    await new Promise<void>((resolve, reject) => {
      session.run(cypherQuery('mentions/names').text).subscribe({
        onNext: (r) => {
          const [id, label, name, aliases] = ['id', 'label', 'name', 'aliases'].map((k) => r.get(k)) as [string, string, string | null, string[]];
          d.add(id, label, name ?? '', aliases ?? []);
          if (names.length < 400 && id.startsWith('syn-org-')) names.push(name ?? '');
        },
        onCompleted: () => resolve(),
        onError: reject,
      });
    });
    await session.close();
  } finally {
    await driver.close();
  }
  return names;
}

function synthetic(d: MentionDictionary): string[] {
  const syll = ['bio', 'gen', 'cell', 'thera', 'regen', 'medi', 'tech', 'pharma', 'cure', 'vita', 'neo', 'stem'];
  const han = '台北医学細胞再生科技研究院大阪京都東京株式会社生物製藥';
  const names: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    const en = `${syll[i % 12]}${syll[(i >> 3) % 12]} ${syll[(i >> 5) % 12]}${i} Inc`;
    let zh = '';
    let x = i * 7919 + 13;
    for (let k = 0; k < 7; k++) {
      zh += han[x % han.length];
      x = Math.floor(x / han.length) + k * 31;
    }
    d.add(`e${i}`, 'Organization', en, [zh, `${syll[i % 12]!.toUpperCase()}${i}`]);
    if (i % 250 === 0) names.push(en, zh);
  }
  return names;
}

async function main(): Promise<void> {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const d = new MentionDictionary(1_000_000);
  const started = performance.now();
  const names = process.env.NEO4J_URI ? await fromGraph(d, process.env.NEO4J_URI, process.env.NEO4J_PASSWORD ?? '') : synthetic(d);
  const buildMs = performance.now() - started;
  global.gc?.();
  const after = process.memoryUsage().heapUsed;
  const texts = articlesNaming(names);
  const times: number[] = [];
  for (let r = 0; r < 100; r++) {
    const t = performance.now();
    d.find(texts[r % texts.length]!);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log({
    names: d.size,
    complete: d.complete,
    buildSeconds: Math.round(buildMs / 100) / 10,
    heapMB: Math.round((after - before) / 1e6),
    bytesPerName: Math.round((after - before) / d.size),
    rssMB: Math.round(process.memoryUsage().rss / 1e6),
    textLength: texts[0]!.length,
    mentionsPerText: d.find(texts[0]!).length,
    p50: times[50]!.toFixed(1),
    p95: times[95]!.toFixed(1),
  });
}

void main();
