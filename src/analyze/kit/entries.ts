// The walks of a document, without building every pair first. `Object.entries(obj)` makes one
// array of [key, value] pairs for the whole object before the first is read: a map of 262,144
// keys, read by a dozen analyzers on both sides, made 400 MB of pairs that all outlived the
// young generation. These hand out one entry (or one item) at a time, so what a walk leaves
// behind dies young.

/** The own entries of an object, one at a time (as `Object.entries`, lazily). */
export function* entriesOf<T>(obj: Record<string, T>): Generator<[string, T]> {
  for (const key in obj) if (Object.hasOwn(obj, key)) yield [key, obj[key]];
}

/** The entries of a list (index, item) or of an object (key, value), one at a time; nothing for a scalar. */
export function* childrenOf(value: unknown): Generator<[string | number, unknown]> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield [i, value[i]];
  } else if (value !== null && typeof value === 'object') {
    yield* entriesOf(value as Record<string, unknown>);
  }
}

/** Whether some own entry of an object passes `test` (as `Object.entries(obj).some`, without the pairs). */
export function someEntry<T>(obj: Record<string, T>, test: (key: string, value: T) => boolean): boolean {
  for (const key in obj) if (Object.hasOwn(obj, key) && test(key, obj[key])) return true;
  return false;
}
