import { CypherBuilder, entityProjection, indentLines } from './emit';
import type { EntityPlan } from './plan';
import type { CompiledQuery } from './roots';

/** Entities by id read with one plan: the entities at one place of an answer (a path's hops' ends, a payload's entity). */
export interface EntityGroup {
  plan: EntityPlan;
  ids: readonly string[];
}

/**
 * Several groups of entities by id, each read as its own plan, in one query
 * named `compiled/<name>`: one row with a column `g0`, `g1`, … per group, each
 * a list of `{id, entity}` for the ids that exist and are not retracted (the
 * caller restores order). Groups are independent subqueries, so one id can be
 * read differently in two places of the same answer.
 */
export function compileEntityGroups(name: string, groups: readonly EntityGroup[]): CompiledQuery {
  const b = new CypherBuilder();
  const lines = groups.flatMap((group, i) => {
    const ids = b.param([...new Set(group.ids)]);
    const read = [`UNWIND ${ids} AS id`, 'MATCH (n:Entity {id: id})', 'WHERE n.retracted IS NULL', `RETURN collect({id: id, entity: ${entityProjection('n', group.plan, b)}}) AS g${i}`];
    return ['CALL () {', indentLines(read.join('\n')), '}'];
  });
  lines.push(`RETURN ${groups.map((_, i) => `g${i}`).join(', ')}`);
  return { name: `compiled/${name}`, text: lines.join('\n'), params: b.params };
}
