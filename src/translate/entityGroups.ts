import { compiled, cypher, fixedVariable, indent, join, lines, param, type CompiledQuery, type Fragment } from './cypher';
import { entityProjection, sourceProjection } from './emit';
import type { EntityPlan } from './plan';

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
  const n = fixedVariable('n');
  const id = fixedVariable('id');
  const s = fixedVariable('s');
  const subquery = (read: Fragment[]) => [cypher`CALL () {`, indent(lines(read)), cypher`}`];
  const columns = groups.map((_, i) => fixedVariable(`g${i}`));
  const statement = groups.flatMap((group, i) =>
    subquery([
      cypher`UNWIND ${param([...new Set(group.ids)])} AS ${id}`,
      cypher`MATCH (${n}:Entity {id: ${id}})`,
      cypher`WHERE ${n}.retracted IS NULL`,
      cypher`RETURN collect({id: ${id}, entity: ${entityProjection(n, group.plan)}}) AS ${columns[i]!}`,
    ]),
  );
  if (sources) {
    const column = fixedVariable('sources');
    statement.push(...subquery([cypher`MATCH (${s}:Source) WHERE ${s}.id IN ${param([...new Set(sources.ids)])}`, cypher`RETURN collect(${sourceProjection(s, sources.statementCount)}) AS ${column}`]));
    columns.push(column);
  }
  statement.push(cypher`RETURN ${join(columns, ', ')}`);
  return compiled(name, lines(statement));
}
