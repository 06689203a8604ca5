// The pool-margin signal: a change that touches a pool set (a pool removed, drained, its
// capacity or its peak load declared differently) reported with the set's load against its
// capacity in service and after losing its largest pool, before and after.
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext } from '../types.js';
import { makeSignal } from '../kit/signal.js';
import { dotted } from '../kit/paths.js';
import { drainedMatcher } from './drains.js';
import { type Margin, type PoolSet, documentPairs, findSets, hasNumbers, loadOf, marginOf, readSet } from './pools.js';
import { NOTHING_LEFT } from './vocabulary.js';

const startsWith = (p: JsonPath, prefix: JsonPath): boolean => prefix.length <= p.length && prefix.every((s, i) => p[i] === s);
const fmt = (n: number): string => n.toLocaleString('en-US');
const share = (p: number | undefined): string => (p === undefined ? '?' : p >= NOTHING_LEFT ? 'nothing left' : `${p}%`);

/** The first change of the document that touches the set (its entries, its declared load) or a drain list. */
function changeFor(f: FileDiff, document: number, set: JsonPath, drainPaths: JsonPath[]): Change | undefined {
  const owner = set.slice(0, -1);
  return f.changes.find((c) => c.document === document && (startsWith(c.path, owner) || drainPaths.some((d) => startsWith(c.path, d))));
}

/** The set's line in the new file: a removed entry's line is in the old one. */
function lineOf(f: FileDiff, document: number, path: JsonPath, c: Change): number {
  try {
    return f.after?.locate(document, path).line ?? c.line;
  } catch {
    return c.line;
  }
}

function summary(set: PoolSet, b: Margin, a: Margin): string {
  const pools = `${set.label}: ${b.inService} → ${a.inService} in service`;
  if (a.load === undefined || a.capacity === undefined) return `${pools}; the load it carries against its capacity is not known`;
  const steady = `peak ${fmt(a.load)} ${set.unit} against ${fmt(a.capacity)} (${share(a.steadyPercent)}, was ${share(b.steadyPercent)})`;
  const n1 = a.n1Lost ? `; losing ${a.n1Lost} would put the rest at ${share(a.n1Percent)} (was ${share(b.n1Percent)})` : '';
  return `${pools}, ${steady}${n1}`;
}

function direction(b: Margin, a: Margin): Signal['direction'] | undefined {
  const worse = (x?: number, y?: number) => x !== undefined && y !== undefined && y > x;
  if (worse(b.n1Percent, a.n1Percent) || worse(b.steadyPercent, a.steadyPercent) || a.inService < b.inService) return 'risky';
  if (worse(a.n1Percent, b.n1Percent) || worse(a.steadyPercent, b.steadyPercent)) return 'safe';
  return undefined;
}

/** One side's numbers; unknown ones left out, so a policy asks `has(...)`. */
function sideData(m: Margin): Record<string, unknown> {
  const all = { inService: m.inService, capacity: m.capacity, steadyPercent: m.steadyPercent, n1Percent: m.n1Percent, n1Lost: m.n1Lost };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
}

/** Pool-margin signals of one file. */
export function poolMargins(f: FileDiff, ctx: AnalyzeContext): Signal[] {
  const out: Signal[] = [];
  if (!f.before || !f.after) return out;
  for (const { document, before, after } of documentPairs(f)) {
    const drainedB = drainedMatcher(before);
    const drainedA = drainedMatcher(after);
    for (const path of findSets(after)) {
      const sb = readSet(before, path, ctx.inventory, drainedB.test);
      const sa = readSet(after, path, ctx.inventory, drainedA.test);
      if (!sb || !sa || (!hasNumbers(sb) && !hasNumbers(sa))) continue;
      const load = loadOf(sb, sa);
      const [b, a] = [marginOf(sb, load), marginOf(sa, load)];
      const dir = direction(b, a);
      const c = dir && changeFor(f, document, path, [...drainedB.paths, ...drainedA.paths]);
      if (!dir || !c) continue;
      out.push(makeSignal({
        type: 'capacity', kind: 'pool-margin', direction: dir, file: f, document, path, pathText: dotted(path), line: lineOf(f, document, path, c), changes: [c],
        summary: summary(sa, b, a), missing: dir === 'risky' ? a.missing : [],
        data: { set: sa.label, unit: sa.unit, ...(a.load !== undefined ? { load: a.load } : {}), before: sideData(b), after: sideData(a) },
      }, ctx.inventory));
    }
  }
  return out;
}
