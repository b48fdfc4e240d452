/** Helpers on lists. */

/** The positions where `b` does not hold the very object `a` holds (lists of one length): what an incremental step looks at. */
export function changedPositions<T>(a: readonly T[], b: readonly T[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

/** Whether two lists hold the very same objects in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Adds `value` to the list `map` holds under `key`, making the list when there is none. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
