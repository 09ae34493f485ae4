/**
 * The mention-detection operation of the bench (`--ops mentions`, ours only):
 * Query.mentions over articles of 10,000 characters that name entities of the
 * synthetic graph (organizations by name and alias, their people and
 * technologies) among English and Chinese filler sentences. The articles are
 * written in `prepare` from names read through the API, the same ones every run
 * for a given graph. The first request (the check) builds the API's dictionary
 * of every name and alias; the measured requests use it.
 */
import type { Operation } from './workload';
import { sampleOrgs } from './workload';

/** Characters per article, as the row states. */
export const ARTICLE_LENGTH = 10_000;
const ARTICLES = 5;

const FILLER = [
  'Industry observers expect the arrangement to shorten the time to market for cell therapies in the region.',
  '台灣與日本的再生醫療合作近年持續擴大，雙方在細胞治療領域的交流日益頻繁。',
  'The companies did not disclose the financial terms of the deal.',
  '大阪と台北の研究機関は共同で臨床研究を進める計画だ。',
  'Analysts said the move reflects growing demand for contract manufacturing capacity.',
];

const NAMES = `query Names($id: ID!) { entity(id: $id) { name aliases ... on Organization {
  people { person { name } } technologies { name } } } }`;

interface Named {
  name: string;
  aliases: string[];
  people?: { person: { name: string } }[];
  technologies?: { name: string }[];
}

/** Articles of ARTICLE_LENGTH characters naming the given entities (deterministic). */
export function articlesNaming(names: string[], count = ARTICLES): string[] {
  const articles: string[] = [];
  for (let a = 0; a < count; a++) {
    let text = '';
    for (let i = 0; text.length < ARTICLE_LENGTH; i++) {
      const pick = (k: number) => names[(a * 31 + i * 7 + k) % names.length]!;
      text += `${pick(0)} said on Tuesday it would work with ${pick(1)} on ${pick(2)}. ${FILLER[(a + i) % FILLER.length]} `;
    }
    articles.push(text.slice(0, ARTICLE_LENGTH));
  }
  return articles;
}

/** The bench operation; its inputs are filled in by `prepare`. */
export function mentionsOperation(orgs: number): Operation {
  const inputs: Record<string, unknown>[] = [];
  return {
    name: 'mentions',
    oursOnly: true,
    inputs,
    ours: 'query Mentions($text: String!) { mentions(text: $text) { dictionaryNames complete mentions { start end ambiguous candidates { id type } } } }',
    prepare: async (_target, base) => {
      if (inputs.length > 0) return;
      const names = new Set<string>();
      for (const id of sampleOrgs(orgs, 40)) {
        const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: NAMES, variables: { id } }) });
        const entity = ((await response.json()) as { data?: { entity: Named | null } }).data?.entity;
        if (!entity) continue;
        for (const n of [entity.name, ...entity.aliases, ...(entity.people ?? []).map((p) => p.person.name), ...(entity.technologies ?? []).map((t) => t.name)]) names.add(n);
      }
      if (names.size === 0) throw new Error('mentions: no names read from the graph');
      inputs.push(...articlesNaming([...names]).map((text) => ({ text })));
    },
  };
}
