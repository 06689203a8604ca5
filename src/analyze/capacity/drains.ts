// Hosts taken out of service by name or pattern: `drain: [web-3, web-4]`, a maintenance selector
// widened from four named hosts to `idx-use1-*`. Widening is counted against the inventory's host
// registry when there is one (capacity-dropped, from hosts in service before to after);
// without it, the hosts named are counted and a pattern is reported as of unknown reach.
import type { Change, FileDiff, JsonPath, Scope, Signal } from '../../model.js';
import type { AnalyzeContext, Inventory } from '../types.js';
import { getAt, isObject, lastKey } from '../kit/paths.js';
import { findKey, matchKey, matchValue } from '../kit/keys.js';
import { makeSignal, round } from '../kit/signal.js';
import { globMatcher } from '../../match.js';
import { ALL_HOSTS, DRAIN_LIST_KEYS, DRAIN_SELECTOR_FIELDS, GLOB_CHARS, NAMED_HOST_SHARE, SWITCH_WORDS } from './vocabulary.js';
import { entriesOf } from '../kit/entries.js';

const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : []);

/** The host names or patterns a drain key holds: a name, a list of names, or an object with a hosts / selector field. */
function patternsAt(v: unknown): string[] {
  const raw = isObject(v) ? strings(findKey(v, DRAIN_SELECTOR_FIELDS)?.[1]) : strings(v);
  return raw.filter((p) => !matchValue(p, SWITCH_WORDS)).map((p) => (matchValue(p, ALL_HOSTS) ? '*' : p));
}

/** Drain lists in a document, by path. */
function drainLists(doc: unknown, path: JsonPath = [], out: Array<{ path: JsonPath; patterns: string[] }> = []): typeof out {
  if (Array.isArray(doc)) doc.forEach((v, i) => drainLists(v, [...path, i], out));
  else if (isObject(doc)) {
    for (const [k, v] of entriesOf(doc)) {
      const patterns = matchKey(k, DRAIN_LIST_KEYS) ? patternsAt(v) : [];
      if (patterns.length) out.push({ path: [...path, k], patterns });
      else drainLists(v, [...path, k], out);
    }
  }
  return out;
}

/** Whether a host is named by a drain list of the document, and where those lists are. */
export function drainedMatcher(doc: unknown): { test: (name: string) => boolean; paths: JsonPath[] } {
  const lists = drainLists(doc);
  const all = lists.flatMap((l) => l.patterns);
  const match = globMatcher(all);
  return { test: (name) => all.length > 0 && match(name), paths: lists.map((l) => l.path) };
}

const matched = (hosts: string[], patterns: string[]): Set<string> => {
  const m = globMatcher(patterns);
  return new Set(patterns.length ? hosts.filter((h) => m(h)) : []);
};

/** Hosts of the pools the newly drained hosts serve in (all hosts when the registry names no pools). */
function hostsInReach(inv: Inventory, drained: Set<string>): string[] {
  const all = Object.keys(inv.hosts ?? {});
  const pools = new Set([...drained].map((h) => inv.hosts![h]?.pool).filter((p): p is string => Boolean(p)));
  return pools.size ? all.filter((h) => pools.has(inv.hosts![h]?.pool ?? '')) : all;
}

/** With a host registry: hosts in service before and after, as a capacity drop. */
function countedDrop(f: FileDiff, ctx: AnalyzeContext, c: Change, path: JsonPath, pb: string[], pa: string[]): Signal | undefined {
  const inv = ctx.inventory!;
  const hosts = Object.keys(inv.hosts!);
  const [mb, ma] = [matched(hosts, pb), matched(hosts, pa)];
  const fresh = new Set([...ma].filter((h) => !mb.has(h)));
  if (fresh.size === 0) return undefined;
  const reach = hostsInReach(inv, fresh);
  const from = reach.filter((h) => !mb.has(h)).length;
  const to = reach.filter((h) => !ma.has(h)).length;
  const dropPercent = from > 0 ? round(((from - to) / from) * 100, 2) : 0;
  const widened = pa.filter((p) => GLOB_CHARS.test(p) && !pb.includes(p));
  const scope: Scope = { dimension: 'hosts', targets: [...fresh].slice(0, 10), share: hosts.length ? round((fresh.size / hosts.length) * 100, 2) : 100, basis: 'inventory' };
  return makeSignal({
    type: 'capacity', kind: 'capacity-dropped', direction: 'risky', file: f, document: c.document, path, pathText: c.pathText, line: c.line, changes: [c], scope,
    summary: `${lastKey(path)}: ${widened.length ? `${widened.join(', ')} matches` : 'now names'} ${fresh.size} more host${fresh.size === 1 ? '' : 's'} (${[...fresh].slice(0, 5).join(', ')}${fresh.size > 5 ? ', …' : ''}): ${from} → ${to} in service (−${dropPercent}%)`,
    data: { key: lastKey(path), from, to, absolute: from - to, dropPercent, drained: [...fresh], widened },
  }, inv);
}

/** Without a registry: the names added are counted; a pattern's reach is unknown. */
function uncountedDrain(f: FileDiff, ctx: AnalyzeContext, c: Change, path: JsonPath, pb: string[], pa: string[]): Signal | undefined {
  const added = pa.filter((p) => !pb.includes(p));
  if (added.length === 0) return undefined;
  const globs = added.filter((p) => GLOB_CHARS.test(p));
  const scope: Scope = globs.length
    ? { dimension: 'hosts', targets: globs, share: 100, basis: 'assumed' }
    : { dimension: 'hosts', targets: added, share: Math.min(100, added.length * NAMED_HOST_SHARE), basis: 'config' };
  return makeSignal({
    type: 'capacity', kind: 'hosts-drained', direction: 'risky', file: f, document: c.document, path, pathText: c.pathText, line: c.line, changes: [c], scope,
    summary: globs.length
      ? `${lastKey(path)} widened from named hosts to ${globs.join(', ')}: how many hosts that takes out of service is not known`
      : `${lastKey(path)}: ${added.length} host${added.length === 1 ? '' : 's'} taken out of service (${added.slice(0, 5).join(', ')})`,
    data: { key: lastKey(path), added, globs, hosts: globs.length ? undefined : added.length },
    missing: [`the host registry (inventory hosts: name → pool, capacity) to count what ${lastKey(path)} takes out of service`],
  }, ctx.inventory);
}

/** Drain lists of a file that now take more hosts out of service. */
export function hostsDrained(f: FileDiff, ctx: AnalyzeContext): Signal[] {
  const out: Signal[] = [];
  if (!f.before || !f.after) return out;
  const seen = new Set<string>();
  for (const c of f.changes) {
    const k = c.path.findIndex((s) => matchKey(s, DRAIN_LIST_KEYS));
    if (k < 0) continue;
    const path = c.path.slice(0, k + 1);
    const id = `${c.document}:${JSON.stringify(path)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const pb = patternsAt(getAt(f.before.documents[c.document], path));
    const pa = patternsAt(getAt(f.after.documents[c.document], path));
    if (pa.length === 0 || (pa.length === pb.length && pa.every((p) => pb.includes(p)))) continue;
    const s = ctx.inventory?.hosts ? countedDrop(f, ctx, c, path, pb, pa) : uncountedDrain(f, ctx, c, path, pb, pa);
    if (s) out.push(s);
  }
  return out;
}
