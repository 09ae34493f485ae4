// A measurement of the mention dictionary alone: 300,000 synthetic names and aliases (English and Han),
// one 10,000-character text matched 50 times. Run: node --expose-gc --import tsx bench/mentionDictionary.ts
import { MentionDictionary } from '../src/modules/mentions/dictionary';
const before = process.memoryUsage().heapUsed;
const d = new MentionDictionary(1_000_000);
const syll = ['bio','gen','cell','thera','regen','medi','tech','pharma','cure','vita','neo','stem'];
const han = '台北医学細胞再生科技研究院大阪京都東京株式会社生物製藥';
for (let i = 0; i < 100_000; i++) {
  const en = `${syll[i%12]}${syll[(i>>3)%12]} ${syll[(i>>5)%12]}${i} Inc`;
  let zh = ''; let x = i * 7919 + 13; for (let k = 0; k < 7; k++) { zh += han[x % han.length]; x = Math.floor(x / han.length) + k * 31; }
  d.add(`e${i}`, 'Organization', en, [zh, `${syll[i % 12]!.toUpperCase()}${i}`]);
}
global.gc?.();
const after = process.memoryUsage().heapUsed;
let text = ''; while (text.length < 10_000) text += `The ${syll[text.length%12]}gen ${syll[3]}1234 Inc signed with 台北医学細胞 and CELL${text.length%997} in 東京. `;
const times: number[] = [];
for (let r = 0; r < 50; r++) { const t = performance.now(); d.find(text); times.push(performance.now() - t); }
times.sort((a, b) => a - b);
console.log({ names: d.size, heapMB: Math.round((after - before) / 1e6), rssMB: Math.round(process.memoryUsage().rss / 1e6), p50: times[25]!.toFixed(1), p95: times[47]!.toFixed(1), mentions: d.find(text).length });
import { foldWithOffsets } from '../src/modules/mentions/dictionary';
{ const t = performance.now(); foldWithOffsets(text); console.log('fold ms', performance.now() - t); }
{ const t = performance.now(); foldWithOffsets(text); console.log('fold ms', performance.now() - t); }
