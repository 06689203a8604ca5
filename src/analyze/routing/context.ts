// What every routing reader shares: the file being read, where signals go, and the one way a
// routing signal is built.
import type { Change, FileDiff, JsonPath, Scope, Signal } from '../../model.js';
import type { SignalKind } from '../signals.js';
import type { AnalyzeContext, Inventory } from '../types.js';
import { makeSignal, round as roundTo } from '../kit/signal.js';

export const DEFAULT_HEADROOM = 20;

export interface Ctx {
  f: FileDiff;
  /** Every file of the change: what one file withdraws another may still announce. */
  files: readonly FileDiff[];
  ctx: AnalyzeContext;
  out: Signal[];
  headroom: number;
}

/** A routing signal, located at the change `at` (its path may be the list or entry above it). */
export interface RoutingSignal {
  kind: SignalKind;
  direction: Signal['direction'];
  at: Change;
  path: JsonPath;
  scope: Scope;
  summary: string;
  data: Record<string, unknown>;
  missing?: string[];
  changes?: Change[];
  /** Where the signal points when not at `at` (a list whose entries were removed). */
  pathText?: string;
  line?: number;
}

/** Builds and records a routing signal. A safe signal never asks for missing facts. */
export function emit(x: Ctx, s: RoutingSignal): void {
  const missing = s.direction === 'safe' ? [] : [...new Set(s.missing ?? [])];
  x.out.push(
    makeSignal(
      {
        type: 'routing',
        kind: s.kind,
        direction: s.direction,
        file: x.f,
        document: s.at.document,
        path: s.path,
        pathText: s.pathText ?? s.at.pathText,
        line: s.line ?? s.at.line,
        changes: s.changes ?? [s.at],
        summary: s.summary,
        data: s.data,
        scope: s.scope,
        missing,
      },
      x.ctx.inventory,
    ),
  );
}

// Formatters are built once: `toLocaleString` with options builds one per call, which showed in profiles.
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const fmt = (n: number): string => (n < 10 ? ONE_DECIMAL : WHOLE).format(n);
export const round = (n: number): number => roundTo(n, 2);
export const same = (a: JsonPath, b: JsonPath): boolean => a.length === b.length && a.every((s, i) => s === b[i]);
export const startsWith = (p: JsonPath, prefix: JsonPath): boolean => prefix.length <= p.length && prefix.every((s, i) => p[i] === s);
export const stringKeys = (path: JsonPath): string[] => path.filter((s): s is string => typeof s === 'string');

export type Pool = NonNullable<Inventory['pools']>[string];

/** The inventory pool named by one of `names` (case-insensitive), tried in order. */
export function findPool(inv: Inventory | undefined, names: readonly string[]): { name: string; pool: Pool } | undefined {
  const pools = inv?.pools;
  if (!pools) return undefined;
  for (const n of names) {
    for (const [k, p] of Object.entries(pools)) if (k.toLowerCase() === n.toLowerCase()) return { name: k, pool: p };
  }
  return undefined;
}

export function docsOf(f: FileDiff, document: number): { before: unknown; after: unknown } {
  return { before: f.before?.documents[document], after: f.after?.documents[document] };
}

/** The path text of an ancestor `up` segments above: `servers[0]` → `servers`, `a.b.c` (2) → `a`. */
export function ancestorText(pathText: string, up: number): string {
  let text = pathText;
  for (let i = 0; i < up; i++) text = text.replace(/(?:\.[^.[\]]+|\[[^\]]*\])$/, '');
  return text;
}

/**
 * Where a list's signal points: the list itself at its line in the new file. A removed entry
 * keeps its line in the old file, which the new file may not have.
 */
export function listLocation(x: Ctx, c: Change, listPath: JsonPath): { pathText: string; line: number } {
  const pathText = ancestorText(c.pathText, c.path.length - listPath.length);
  try {
    return { pathText, line: x.f.after?.locate(c.document, listPath).line ?? c.line };
  } catch {
    return { pathText, line: c.line };
  }
}
