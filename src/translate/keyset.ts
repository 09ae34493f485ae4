import { cypher, join, type Fragment, type Parameter } from './cypher';

/** One ordered column of a keyset: a Cypher expression (never null) and its direction. */
export interface KeysetColumn {
  expression: Fragment;
  direction: 'ASC' | 'DESC';
}

/**
 * The keyset condition "after the row whose column values are `after`" (a list
 * parameter, one value per column in order), each column compared in its own
 * direction: lexicographic, so pages never skip or repeat a row as long as the
 * last column is unique.
 */
export function keysetCondition(columns: readonly KeysetColumn[], after: Parameter): Fragment {
  const terms = columns.map((c, i) => {
    const equal = columns.slice(0, i).map((p, j) => cypher`${p.expression} = ${after}[${j}]`);
    return cypher`(${join([...equal, cypher`${c.expression} ${c.direction === 'ASC' ? cypher`>` : cypher`<`} ${after}[${i}]`], ' AND ')})`;
  });
  return join(terms, ' OR ');
}
