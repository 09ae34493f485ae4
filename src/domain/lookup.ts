/**
 * `record[key]` when `key` is the record's own key, else undefined: a name a
 * client sent ("constructor", "__proto__", "toString") never reaches a value
 * inherited from Object.prototype. Use it wherever a key from a request picks
 * an entry of a model table.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
