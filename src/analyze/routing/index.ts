// Routing: where traffic goes. Weights (generic, Istio VirtualService, Envoy
// weighted_clusters, weighted DNS records, Knative traffic), route targets and failover
// targets, drained / disabled backends, pools / backends / upstream servers, route and
// prefix announcements (BGP networks, announce flags), and order-sensitive rule lists
// (firewall / WAF / route-policy terms). What it recognises is in vocabulary.ts; the
// signals and their data are in README.md.
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer } from '../types.js';
import { defineBuiltinAnalyzer, optionsFor } from '../types.js';
import { forcedPaths, getAt, isObject, lastKey } from '../kit/paths.js';
import { matchKey } from '../kit/keys.js';
import { type Ctx, DEFAULT_HEADROOM, docsOf, same, startsWith } from './context.js';
import { isDrainKey } from './entries.js';
import { analyzeWeights, weightedListPath } from './weights.js';
import { analyzeDrain } from './drains.js';
import { analyzeTargetSwitch, isTargetKey } from './targets.js';
import { analyzeAdded, analyzeList } from './lists.js';
import { analyzeRules } from './rules.js';
import { analyzeAnnounceOff, isAnnounceOff, withdrawnWith } from './announce.js';
import { analyzeSelectors } from './selectors.js';
import { analyzeFailoverRecords } from './records.js';
import { analyzeRemovedDeclarations } from './removed.js';
import { analyzePeerRemovals } from './peers.js';
import { POOL_LISTS, ROUTE_LISTS, RULE_LISTS } from './vocabulary.js';

export { DEFAULT_HEADROOM } from './context.js';

/** One file's walk: the context, and the lists already read (a list is read once, whatever changed in it). */
class FileWalk {
  readonly x: Ctx;
  private readonly done = new Set<string>();
  /** The weighted list of the previous change: the items of one list follow each other. */
  private lastWeighted: { doc: number; path: JsonPath } | undefined;

  private readonly forcedAt: ((path: JsonPath) => boolean) | undefined;

  constructor(f: FileDiff, files: readonly FileDiff[], ctx: AnalyzeContext, out: Signal[], headroom: number) {
    this.x = { f, files, ctx, out, headroom };
    this.forcedAt = forcedPaths(ctx.options, f.path, 'routing');
  }

  once(tag: string, doc: number, p: JsonPath): boolean {
    const id = `${tag}:${doc}:${JSON.stringify(p)}`;
    if (this.done.has(id)) return false;
    this.done.add(id);
    return true;
  }

  groupOf(doc: number, p: JsonPath): Change[] {
    return this.x.f.changes.filter((y) => y.document === doc && startsWith(y.path, p));
  }

  /** Whether this change is in the weighted list the previous change was in (then it is read already). */
  sameWeightedList(doc: number, path: JsonPath): boolean {
    if (this.lastWeighted?.doc === doc && same(this.lastWeighted.path, path)) return true;
    this.lastWeighted = { doc, path };
    return false;
  }

  forced(path: JsonPath): boolean {
    return this.forcedAt?.(path) ?? false;
  }

  get anyForced(): boolean {
    return this.forcedAt !== undefined;
  }
}

/** The innermost list of backends or routes on a path, or -1. */
function listIndex(path: JsonPath): number {
  for (let i = path.length - 1; i >= 0; i--) {
    const s = path[i];
    if (typeof s === 'string' && (matchKey(s, POOL_LISTS) || matchKey(s, ROUTE_LISTS))) return i;
  }
  return -1;
}

/**
 * The rule list a change is in: the innermost rule-list key on its path holding a list, or a map of
 * named lists (`route-map: { EXPORT: [ … ] }`), then the list under the name.
 */
function ruleListPath(path: JsonPath, after: unknown): JsonPath | undefined {
  for (let ri = path.length - 1; ri >= 0; ri--) {
    if (!matchKey(path[ri], RULE_LISTS)) continue;
    const lp = path.slice(0, ri + 1);
    const v = getAt(after, lp);
    if (Array.isArray(v)) return lp;
    if (isObject(v) && typeof path[ri + 1] === 'string' && Array.isArray(v[path[ri + 1] as string])) return path.slice(0, ri + 2);
  }
  return undefined;
}

/** Reads one change: a weighted list, else rule order, then a drain, a target switch or a list. */
function readChange(w: FileWalk, c: Change): void {
  const { before, after } = docsOf(w.x.f, c.document);
  const wl = weightedListPath(c, before, after);
  if (wl) {
    if (!w.sameWeightedList(c.document, wl) && w.once('w', c.document, wl)) analyzeWeights(w.x, c, wl, before, after, w.groupOf(c.document, wl));
    return;
  }
  const lp = ruleListPath(c.path, after);
  if (lp && w.once('r', c.document, lp)) analyzeRules(w.x, c, lp, before, after, w.groupOf(c.document, lp));
  if (c.kind === 'removed' && isObject(c.before) && withdrawnWith(w.x, c, 'entry removed')) return;
  if (isAnnounceOff(w.x, c, after)) return analyzeAnnounceOff(w.x, c, after);
  const key = lastKey(c.path);
  if (c.kind === 'modified' && typeof c.path[c.path.length - 1] === 'string' && isDrainKey(key)) {
    const ep = c.path.slice(0, -1);
    if (w.once('d', c.document, ep)) analyzeDrain(w.x, c, ep, before, after);
    return;
  }
  if (c.kind === 'modified' && typeof c.before === 'string' && typeof c.after === 'string') {
    const forced = w.forced(c.path);
    if (forced || isTargetKey(key)) return analyzeTargetSwitch(w.x, c, after, forced);
  }
  readLists(w, c, before, after);
}

/** Backend / route lists shrinking or emptied (a forced list too); new routes. */
function readLists(w: FileWalk, c: Change, before: unknown, after: unknown): void {
  let li = listIndex(c.path);
  if (li < 0 && w.anyForced) li = c.path.findIndex((_, i) => i < c.path.length - 1 && w.forced(c.path.slice(0, i + 1)) && Array.isArray(getAt(before, c.path.slice(0, i + 1))));
  if (li < 0) return;
  const lp = c.path.slice(0, li + 1);
  if (c.kind === 'added' && (c.path.length === li + 2 || c.path.length === li + 1) && matchKey(c.path[li], ROUTE_LISTS) && !same(lp, c.path)) {
    analyzeAdded(w.x, c, before, after);
    return;
  }
  if ((c.kind === 'removed' || c.kind === 'modified') && w.once('l', c.document, lp)) analyzeList(w.x, c, lp, before, after, w.groupOf(c.document, lp));
}

/** Routing signals of a change set. */
export const analyzeRouting: Analyzer = (files, ctx: AnalyzeContext) => {
  const out: Signal[] = [];
  const headroom = optionsFor<{ headroom?: number }>(ctx, 'routing').headroom ?? ctx.options.headroom ?? DEFAULT_HEADROOM;
  for (const f of files) {
    if (!f.before) continue;
    const w = new FileWalk(f, files, ctx, out, headroom);
    for (const c of f.changes) {
      if (c.kind === 'removed' && c.path.length === 0) withdrawnWith(w.x, c, f.after ? 'document removed' : 'file deleted');
      else if (f.after && c.path.length > 0) readChange(w, c);
    }
    analyzeSelectors(w.x);
    analyzeFailoverRecords(w.x);
  }
  analyzeRemovedDeclarations(files, { files, ctx, out, headroom });
  analyzePeerRemovals(files, { files, ctx, out, headroom });
  return out;
};

export default defineBuiltinAnalyzer({
  name: 'routing',
  doc: 'Where traffic goes: weights, route and failover targets, pools and backends, announcements, rule order.',
  signals: ['routing'],
  options: {
    type: 'object',
    additionalProperties: false,
    properties: {
      headroom: { type: 'number', minimum: 0, maximum: 100, description: 'Percent of a receiving pool kept free (default: the config\'s `headroom`, else 20).' },
    },
  },
  analyze: analyzeRouting,
});
