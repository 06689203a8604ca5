// The signal builder every analyzer shares: named fields in, a Signal with its blast radius out.
import type { SignalKind } from '../signals.js';
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { Inventory } from '../types.js';
import { scopeWithHints } from './scope.js';

/** One normalisation of key names for every analyzer: see kit/keys.ts. */
export { normKey as norm, normText } from './keys.js';

/** The document a change or path refers to: the after side unless only the before side has it. */
export function docOf(file: FileDiff, document: number, side: 'after' | 'before' = 'after'): unknown {
  const primary = side === 'after' ? file.after : file.before;
  const other = side === 'after' ? file.before : file.after;
  return primary?.documents[document] ?? other?.documents[document];
}

/** What an analyzer says of one signal, by name; `makeSignal` adds the blast radius. */
export interface SignalInit {
  type: Signal['type'];
  kind: SignalKind;
  direction: Signal['direction'];
  file: FileDiff;
  document: number;
  path: JsonPath;
  pathText: string;
  line: number;
  changes: Change[];
  summary: string;
  data: Record<string, unknown>;
  /** Document to read the scope from (default: the after document). */
  doc?: unknown;
  scope?: Signal['scope'];
  missing?: string[];
}

/** A signal's location taken from the change it was read from. */
export function locatedAt(
  change: Change,
  changes: Change[] = [change],
): Pick<SignalInit, 'document' | 'path' | 'pathText' | 'line' | 'changes'> {
  return { document: change.document, path: change.path, pathText: change.pathText, line: change.line, changes };
}

/** A signal with its blast radius computed from the path and the inventory. */
export function makeSignal(init: SignalInit, inventory?: Inventory): Signal {
  let scope = init.scope;
  let missing = init.missing ?? [];
  if (!scope) {
    const doc = init.doc ?? docOf(init.file, init.document);
    const hinted = scopeWithHints(init.file.path, init.path, doc, inventory);
    scope = hinted.scope;
    missing = [...missing, ...hinted.missing];
  }
  const signal: Signal = {
    type: init.type,
    kind: init.kind,
    direction: init.direction,
    file: init.file.path,
    document: init.document,
    path: init.path,
    pathText: init.pathText,
    line: init.line,
    changes: init.changes,
    scope,
    summary: init.summary,
    data: init.data,
  };
  if (missing.length > 0) signal.missing = missing;
  return signal;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

