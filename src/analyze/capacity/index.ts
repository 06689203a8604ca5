// Capacity and quota: replicas, autoscaler bounds, instance / node counts, desired
// capacity; resource requests and limits, rate limits, connection limits, quotas.
// A lowered value is risky, a raised one safe; quotas are compared with current usage
// from the inventory when it is known.
import type { Change, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer, Inventory } from '../types.js';
import { defineAnalyzer } from '../types.js';
import { getAt, isObject, lastKey } from '../kit/paths.js';
import { locatedAt, makeSignal, norm, round } from '../kit/signal.js';
import { parseDuration, parseQuantity } from '../kit/quantities.js';

// ── vocabularies ───────────────────────────────────────────────────────────

/** Keys whose number is an amount of serving capacity (instances, replicas, nodes). */
export const CAPACITY_KEYS = new Set([
  'replicas', 'replicacount', 'minreplicas', 'maxreplicas', 'minreplicacount', 'maxreplicacount',
  'instances', 'instancecount', 'mininstances', 'maxinstances', 'mininstancecount', 'maxinstancecount', 'totalinstances',
  'desiredcapacity', 'mincapacity', 'maxcapacity', 'minsize', 'maxsize', 'desiredsize',
  'nodecount', 'initialnodecount', 'minnodecount', 'maxnodecount', 'numnodes', 'nodes', 'minnodes', 'maxnodes',
  'mincount', 'maxcount', 'desiredcount', 'numworkers', 'workers', 'workercount', 'minworkers', 'maxworkers',
  'capacity', 'parallelism', 'servers', 'numservers', 'hosts', 'numhosts', 'hostcount', 'taskcount', 'numtasks',
]);

/** Keys whose number is a limit on what callers or workloads may use. */
export const QUOTA_KEYS = new Set([
  'ratelimit', 'rps', 'qps', 'requestspersecond', 'requestsperminute', 'requestsperhour', 'requestsperday',
  'requestsperunit', 'burst', 'maxburst', 'average', 'maxconnections', 'connectionlimit', 'maxconns', 'maxconn',
  'maxrequests', 'maxconcurrentrequests', 'concurrency', 'maxconcurrency', 'maxpoolsize', 'poolsize',
  'connectionpoolsize', 'maxpendingrequests', 'maxrequestsperconnection', 'http1maxpendingrequests',
  'http2maxrequests', 'maxinflight', 'maxinflightrequests', 'quota', 'dailyquota', 'monthlyquota', 'hourlyquota',
  'limit', 'maxtokens', 'tokensperfill', 'maxretries', 'throttle', 'throttlerate', 'throttlingburstlimit',
  'throttlingratelimit', 'ratelimitpersecond', 'callspersecond', 'callsperminute',
]);

/** Ancestor keys under which every numeric leaf is a quota or limit. */
const QUOTA_ANCESTOR = /ratelimit|quota|throttl|^requests$|^hard$|limits?$/;

/** Leaves under a quota ancestor that are not amounts. */
const NOT_AMOUNT = new Set([
  'window', 'period', 'interval', 'per', 'unit', 'timewindow', 'duration', 'fillinterval', 'timeout', 'seconds',
  'priority', 'weight', 'port', 'version', 'enabled', 'ttl', 'retryafter', 'statuscode', 'code', 'httpstatus',
]);

const COUNT_KEYS = ['requests', 'limit', 'count', 'tokensperfill', 'requestsperunit', 'average', 'rate', 'quota', 'maxrequests', 'calls', 'max'];
const WINDOW_KEYS = ['window', 'period', 'interval', 'per', 'unit', 'timewindow', 'duration', 'fillinterval', 'timeunit'];

type Category = 'capacity' | 'quota';

function categorize(path: JsonPath): Category | undefined {
  const key = norm(lastKey(path));
  if (key === '') return undefined;
  if (NOT_AMOUNT.has(key) || /timeout|interval|period|duration|ttl|delay|window|seconds|percent|ratio/.test(key)) return undefined;
  const ancestors = path.slice(0, -1).filter((s): s is string => typeof s === 'string').map(norm);
  // resources.limits.cpu / resources.requests.memory / spec.hard.pods — quota, even when the key says "pods".
  if (ancestors.some((a) => QUOTA_ANCESTOR.test(a))) return 'quota';
  if (CAPACITY_KEYS.has(key)) return 'capacity';
  if (QUOTA_KEYS.has(key) || /ratelimit|quota|maxconn/.test(key)) return 'quota';
  return undefined;
}

/** A rate limit written as count + window (`{ requests: 100, window: 1m }`): the rate per second. */
function windowedRate(obj: unknown): { rate: number; count: number; window: number } | undefined {
  if (!isObject(obj)) return undefined;
  const byNorm = new Map(Object.entries(obj).map(([k, v]) => [norm(k), v]));
  const countKey = COUNT_KEYS.find((k) => parseQuantity(byNorm.get(k)) !== undefined);
  const windowKey = WINDOW_KEYS.find((k) => parseDuration(byNorm.get(k)) !== undefined);
  if (!countKey || !windowKey) return undefined;
  const count = parseQuantity(byNorm.get(countKey))!;
  const window = parseDuration(byNorm.get(windowKey))!;
  return { rate: count / window, count, window };
}

function isWorkload(doc: unknown): boolean {
  const kind = isObject(doc) ? doc.kind : undefined;
  return typeof kind === 'string' && /^(Deployment|StatefulSet|ReplicaSet|ReplicationController)$/.test(kind);
}

/** Current usage of a quota from the inventory: by `file:path`, path text, dotted path, or a suffix of the path. */
export function usageFor(inventory: Inventory | undefined, file: string, pathText: string, path: JsonPath): number | undefined {
  const usage = inventory?.usage;
  if (!usage) return undefined;
  const dotted = path.map(String).join('.');
  for (const key of [`${file}:${pathText}`, `${file}#${pathText}`, `${file}:${dotted}`, pathText, dotted]) {
    const v = usage[key];
    if (v !== undefined) return parseQuantity(v);
  }
  let best: { key: string; value: number } | undefined;
  for (const [key, value] of Object.entries(usage)) {
    const hit = [pathText, dotted].some((p) => p.endsWith(`.${key}`) || p.endsWith(`]${key}`) || p === key);
    if (hit && (!best || key.length > best.key.length)) best = { key, value };
  }
  return best ? parseQuantity(best.value) : undefined;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(round(n, 3));
}

function shown(raw: unknown, n: number): string {
  return typeof raw === 'string' && raw.trim() !== String(n) ? raw : fmt(n);
}

function parentText(pathText: string): string {
  const m = /^(.*?)(?:\.[^.[\]]+|\[[^\]]*\])$/.exec(pathText);
  return m ? m[1]! : pathText;
}

export const analyzeCapacity: Analyzer = (files, ctx: AnalyzeContext) => {
  const out: Signal[] = [];
  for (const file of files) {
    const seenRates = new Set<string>();
    for (const change of file.changes) {
      const category = categorize(change.path);
      const parentPath = change.path.slice(0, -1);
      const beforeDoc = file.before?.documents[change.document];
      const afterDoc = file.after?.documents[change.document];

      // Rate limits written as count + window: compare the rates, once per limit object.
      if (change.kind === 'modified' && parentPath.length > 0) {
        const afterParent = getAt(afterDoc, parentPath);
        const beforeParent = getAt(beforeDoc, parentPath);
        const a = windowedRate(afterParent);
        const b = windowedRate(beforeParent);
        if (a && b) {
          const key = JSON.stringify([change.document, parentPath]);
          if (seenRates.has(key)) continue;
          seenRates.add(key);
          if (a.rate === b.rate) continue;
          const changes = file.changes.filter(
            (c) => c.document === change.document && JSON.stringify(c.path.slice(0, -1)) === JSON.stringify(parentPath),
          );
          out.push(quotaSignal(file, ctx, change, changes, parentPath, parentText(change.pathText), b.rate, a.rate, undefined, undefined, 'per second'));
          continue;
        }
      }
      if (!category) continue;

      let from: number | undefined;
      let to: number | undefined;
      if (change.kind === 'modified') {
        from = parseQuantity(change.before);
        to = parseQuantity(change.after);
      } else if (change.kind === 'removed' && category === 'capacity' && lastKey(change.path) === 'replicas' && isWorkload(beforeDoc) && change.path.length === 2) {
        // A Deployment without `replicas` runs one pod.
        from = parseQuantity(change.before);
        to = 1;
      }
      if (from === undefined || to === undefined || from === to) continue;
      if (typeof change.before === 'boolean' || typeof change.after === 'boolean') continue;

      if (category === 'capacity') {
        out.push(capacitySignal(file, ctx, change, from, to));
      } else {
        out.push(quotaSignal(file, ctx, change, [change], change.path, change.pathText, from, to, change.before, change.after));
      }
    }
  }
  return out;
};

function capacitySignal(file: FileDiff, ctx: AnalyzeContext, change: Change, from: number, to: number): Signal {
  const dropped = to < from;
  const absolute = Math.abs(from - to);
  const dropPercent = dropped ? round(((from - to) / from) * 100) : 0;
  const growthPercent = !dropped && from > 0 ? round(((to - from) / from) * 100) : undefined;
  const key = lastKey(change.path);
  const data: Record<string, unknown> = {
    key,
    from,
    to,
    absolute,
    dropPercent,
    ...(growthPercent !== undefined ? { growthPercent } : {}),
  };
  const summary = dropped
    ? `${change.pathText}: capacity ${fmt(from)} → ${fmt(to)} (−${dropPercent}%, −${fmt(absolute)})`
    : `${change.pathText}: capacity ${fmt(from)} → ${fmt(to)} (+${fmt(absolute)})`;
  return makeSignal(
    {
      type: 'capacity',
      kind: dropped ? 'capacity-dropped' : 'capacity-added',
      direction: dropped ? 'risky' : 'safe',
      file,
      ...locatedAt(change),
      summary,
      data,
      doc: change.kind === 'removed' ? file.before?.documents[change.document] : undefined,
    },
    ctx.inventory,
  );
}

function quotaSignal(
  file: FileDiff,
  ctx: AnalyzeContext,
  change: Change,
  changes: Change[],
  path: JsonPath,
  pathText: string,
  from: number,
  to: number,
  rawFrom?: unknown,
  rawTo?: unknown,
  unit?: string,
): Signal {
  const lowered = to < from;
  const absolute = Math.abs(from - to);
  const dropPercent = lowered && from > 0 ? round(((from - to) / from) * 100) : 0;
  const usage = usageFor(ctx.inventory, file.path, pathText, path);
  const data: Record<string, unknown> = {
    key: lastKey(path),
    from,
    to,
    absolute,
    dropPercent,
  };
  if (rawFrom !== undefined && typeof rawFrom === 'string') data.fromText = rawFrom;
  if (rawTo !== undefined && typeof rawTo === 'string') data.toText = rawTo;
  if (unit) data.unit = unit;
  const missing: string[] = [];
  if (usage !== undefined) {
    data.usage = usage;
    data.belowUsage = to < usage;
    data.utilization = to > 0 ? round((usage / to) * 100) : null;
  } else {
    data.belowUsage = false;
    if (lowered) missing.push(`current usage of ${pathText} (inventory usage["${pathText}"]) to compare the new limit with`);
  }
  const fromText = shown(rawFrom, from);
  const toText = shown(rawTo, to);
  let summary = lowered
    ? `${pathText}: limit ${fromText} → ${toText} (−${dropPercent}%)`
    : `${pathText}: limit ${fromText} → ${toText} (raised)`;
  if (unit) summary += ` ${unit}`;
  if (usage !== undefined && lowered) summary += data.belowUsage ? `, below current usage ${fmt(usage)}` : `, current usage ${fmt(usage)}`;
  return makeSignal(
    {
      type: 'quota',
      kind: lowered ? 'quota-lowered' : 'quota-raised',
      direction: lowered ? 'risky' : 'safe',
      file,
      document: change.document,
      path,
      pathText,
      line: change.line,
      changes,
      summary,
      data,
      missing,
    },
    ctx.inventory,
  );
}

export default defineAnalyzer({
  name: 'capacity',
  doc: 'Replicas, autoscaling bounds, instance counts; quotas and rate limits against usage.',
  signals: ['capacity', 'quota'],
  analyze: analyzeCapacity,
});
