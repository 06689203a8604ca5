// The line of every item of one list, in one table: what `locate(doc, [...list, i]).line`
// gives for each i, without walking the path once per item. The diff asks for it when a list
// has many moved items. Kept apart from the parser so the diff can use it without js-yaml,
// and outside the model: a ConfigFile made elsewhere simply has none.
import type { ConfigFile, JsonPath } from '../model.js';

export type ListLines = (doc: number, path: JsonPath) => Int32Array | undefined;

const tables = new WeakMap<ConfigFile, ListLines>();

export function registerListLines(file: ConfigFile, lines: ListLines): void {
  tables.set(file, lines);
}

/** Line of each item of the list at `path`, or undefined when the loader cannot tell them apart. */
export function listItemLines(file: ConfigFile, doc: number, path: JsonPath): Int32Array | undefined {
  return tables.get(file)?.(doc, path);
}
