/** One ordered column of a keyset: a Cypher expression (never null) and its direction. */
export interface KeysetColumn {
  expression: string;
  direction: 'ASC' | 'DESC';
}

/**
 * The keyset condition "after the row whose column values are `$after`" (a list
 * parameter, one value per column in order), each column compared in its own
 * direction: lexicographic, so pages never skip or repeat a row as long as the
 * last column is unique.
 */
export function keysetCondition(columns: readonly KeysetColumn[], after: string): string {
  const terms = columns.map((c, i) => {
    const equal = columns.slice(0, i).map((p, j) => `${p.expression} = ${after}[${j}]`);
    return [...equal, `${c.expression} ${c.direction === 'ASC' ? '>' : '<'} ${after}[${i}]`].join(' AND ');
  });
  return terms.map((t) => `(${t})`).join(' OR ');
}
