import { LIST_NAMES, RELATION_FIELDS } from '../domain/entityTypes';
import { LIST_LABELS } from '../modules/list/inputs';

/**
 * The operations a starting server sends itself before it reports ready:
 * the partner-suggestion and brokers statements first (SLOW_PLANS), then for
 * every entity type one `entity` read selecting each of its relationship
 * fields; every list with its total; a search; and a page of `relations`.
 * They ask for an id no entity has, so Neo4j plans each compiled statement
 * and reads nothing.
 *
 * Why: on a freshly started Neo4j its planner has not been compiled by the JVM
 * yet, and the first statement of a new shape took 1.6–4.6 s to plan on the
 * 10,000-organization graph where the same planning takes about 0.35 s once
 * the planner has run for a while (docs/benchmarks.md, "Session 5", cold planning).
 * Planning these shapes first puts that cost before readiness instead of on
 * the first analyst. They are derived from the model, so a new relationship
 * field is warmed without a change here; they are not the shapes the
 * benchmark sends.
 */
export function plannerWarmUpOperations(): string[] {
  const entityReads = Object.entries(RELATION_FIELDS)
    .filter(([, fields]) => Object.keys(fields).length > 0)
    .map(([label, fields]) => {
      const selections = Object.entries(fields).map(([name, field]) => (field.kind === 'edges' ? `${name} { __typename }` : `${name} { id name }`));
      return `query WarmUp${label} { entity(id: "${NO_SUCH_ID}") { id name ... on ${label} { ${selections.join(' ')} } } }`;
    });
  const lists = LIST_LABELS.map((label) => LIST_NAMES[label]).map((list) => `query WarmUpList { ${list}(first: 1) { totalCount edges { cursor node { id name } } } }`);
  return [
    // first: the largest plans, which took 11–27 s to compile cold on the 1.05M-relationship graph (docs/suggestions.md)
    ...SLOW_PLANS,
    ...entityReads,
    ...lists,
    `query WarmUpSearch { search(query: "${NO_SUCH_ID}", first: 1) { score entity { id name } } }`,
    `query WarmUpRelations { entity(id: "${NO_SUCH_ID}") { relations { id type direction } } }`,
  ];
}

const NO_SUCH_ID = 'planner-warm-up';

/**
 * Operations whose statements are the slowest to plan: partner suggestions and
 * brokers (src/modules/paths/repository.ts). They answer NOT_FOUND for the
 * unknown id, after Neo4j has planned and run the statement, so the runner
 * counts NOT_FOUND as done. The arguments' shapes are the common request's (no
 * asOf, no group), as Neo4j caches a plan per parameter types.
 */
const SLOW_PLANS = [
  `query WarmUpSuggestions { suggestedPartners(id: "${NO_SUCH_ID}", first: 5) { score organization { id name } reasons { kind } } }`,
  `query WarmUpBrokers { brokers(between: ["${NO_SUCH_ID}", "${NO_SUCH_ID}-2"], first: 5) { score entity { id name } } }`,
];
/** Error codes a warm-up operation may answer and still have planned its statement. */
export const WARM_UP_ANSWERS = ['NOT_FOUND'] as const;

export interface PlannerWarmUpResult {
  /** Operations sent (all of them unless the budget ran out). */
  sent: number;
  /** Operations that answered with errors (each is logged by the caller's runner). */
  failed: number;
  elapsedMs: number;
}

/**
 * Sends `operations` through `run`, `concurrency` at a time, and stops starting
 * new ones after `budgetMs`. Never rejects: a failed operation counts in `failed`.
 */
export async function warmUpPlanner(
  operations: readonly string[],
  run: (query: string) => Promise<boolean>,
  { concurrency = 2, budgetMs = 20_000 }: { concurrency?: number; budgetMs?: number } = {},
): Promise<PlannerWarmUpResult> {
  const started = performance.now();
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < operations.length && performance.now() - started < budgetMs) {
      const query = operations[next++]!;
      const ok = await run(query).catch(() => false);
      if (!ok) failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { sent: next, failed, elapsedMs: Math.round(performance.now() - started) };
}
