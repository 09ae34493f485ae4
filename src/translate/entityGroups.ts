import { CypherBuilder, entityProjection, indentLines, sourceProjection } from './emit';
import type { EntityPlan } from './plan';
import type { CompiledQuery } from './roots';

/** Entities by id read with one plan: the entities at one place of an answer (a path's hops' ends, a payload's entity). */
export interface EntityGroup {
  plan: EntityPlan;
  ids: readonly string[];
}

/** Sources by id, cited somewhere in an answer without them (a path's hops). */
export interface SourceGroup {
  ids: readonly string[];
  statementCount: boolean;
}

/**
 * Several groups of entities by id, each read as its own plan, in one query
 * named `compiled/<name>`: one row with a column `g0`, `g1`, … per group, each
 * a list of `{id, entity}` for the ids that exist and are not retracted (the
 * caller restores order), and with `sources` a column `sources` of their
 * `{id, props[, statementCount]}`. Groups are independent subqueries, so one
 * id can be read differently in two places of the same answer.
 */
export function compileEntityGroups(name: string, groups: readonly EntityGroup[], sources: SourceGroup | null = null): CompiledQuery {
  const b = new CypherBuilder();
  const subquery = (read: string[]) => ['CALL () {', indentLines(read.join('\n')), '}'];
  const lines = groups.flatMap((group, i) =>
    subquery([
      `UNWIND ${b.param([...new Set(group.ids)])} AS id`,
      'MATCH (n:Entity {id: id})',
      'WHERE n.retracted IS NULL',
      `RETURN collect({id: id, entity: ${entityProjection('n', group.plan, b)}}) AS g${i}`,
    ]),
  );
  const columns = groups.map((_, i) => `g${i}`);
  if (sources) {
    lines.push(...subquery([`MATCH (s:Source) WHERE s.id IN ${b.param([...new Set(sources.ids)])}`, `RETURN collect(${sourceProjection('s', sources.statementCount, b)}) AS sources`]));
    columns.push('sources');
  }
  lines.push(`RETURN ${columns.join(', ')}`);
  return { name: `compiled/${name}`, text: lines.join('\n'), params: b.params };
}
