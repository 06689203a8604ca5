// Indices waiting under their item's content, taken first in, first out, each in O(1). A long
// unkeyed list is matched through one of these: a scalar item is its own key (no string made
// per item), an object or list its canonical JSON; an index waits as a bare number until a
// second equal item joins it. A list of a million addresses costs a Map of a million entries.
import { canonicalJson } from './values.js';

interface Queue {
  items: number[];
  next: number;
}

export class ContentIndex {
  readonly #scalars = new Map<unknown, number | Queue>();
  readonly #composites = new Map<string, number | Queue>();

  push(value: unknown, index: number): void {
    const [map, key] = this.#slot(value);
    const waiting = map.get(key);
    if (waiting === undefined) map.set(key, index);
    else if (typeof waiting === 'number') map.set(key, { items: [waiting, index], next: 0 });
    else waiting.items.push(index);
  }

  take(value: unknown): number | undefined {
    const [map, key] = this.#slot(value);
    const waiting = map.get(key);
    if (waiting === undefined) return undefined;
    if (typeof waiting === 'number') {
      map.delete(key);
      return waiting;
    }
    return waiting.next < waiting.items.length ? waiting.items[waiting.next++] : undefined;
  }

  #slot(value: unknown): [Map<unknown, number | Queue>, unknown] {
    // Map keys compare as SameValueZero: 1 and "1" stay apart, NaN finds NaN, 0 finds -0 (as deepEqual).
    if (value === null || typeof value !== 'object') return [this.#scalars, value];
    return [this.#composites, canonicalJson(value)];
  }
}
