/** Lower-case, width-folded, without spaces, punctuation or marks such as ®: the key two names clash on. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}
