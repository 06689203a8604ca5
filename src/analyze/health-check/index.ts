// Health checks shared by a fleet: a load balancer's or target group's check, an upstream's or
// Envoy cluster's active check, a mesh's outlier detection. A rolling update never stages such
// a check: the new one judges every backend behind it at once, and a wrong path, status code or
// timeout marks them all unhealthy together. A Kubernetes probe of one workload is rolled out
// pod by pod and is not read here, unless it sits under a default every workload takes (a
// Helm `global`). Facts only: `health.fleet-wide` decides how wide is too wide.
import type { Change, FileDiff, JsonPath, Scope, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer, Inventory } from '../types.js';
import { defineBuiltinAnalyzer } from '../types.js';
import { getAt, isObject } from '../kit/paths.js';
import { matchKey, normKey } from '../kit/keys.js';
import { makeSignal } from '../kit/signal.js';
import { parseDuration, parseNumber } from '../kit/quantities.js';
import { pathToText } from '../../diff/index.js';
import {
  CHECK_OBJECTS, CONTAINER_CHECK_FIELDS, CRITERIA, FLAT_FIELDS, FLAT_PREFIX, FLEET_DEFAULTS, NAME_FIELDS, STRUCTURAL,
  TIGHTER_WHEN, WORKLOAD_CHECKS,
} from './vocabulary.js';
import { someEntry } from '../kit/entries.js';

type Effect = 'tighter' | 'looser' | 'changed';
interface FieldEffect {
  field: string;
  from: unknown;
  to: unknown;
  effect: Effect;
}
interface Check {
  document: number;
  path: JsonPath;
  changes: Change[];
  effects: FieldEffect[];
}

/** The field name a flat health-check key stands for (`HealthCheckPath` → `path`), or undefined. */
function flatField(key: string): string | undefined {
  const n = normKey(key).replace(/^.*\//, '');
  if (n.startsWith(FLAT_PREFIX) && n.length > FLAT_PREFIX.length) return n.slice(FLAT_PREFIX.length);
  return matchKey(n, FLAT_FIELDS) ? n : undefined;
}

function hasFlatCheck(obj: unknown): boolean {
  return isObject(obj) && Object.keys(obj).some((k) => normKey(k).replace(/^.*\//, '').startsWith(FLAT_PREFIX) && !isObject(obj[k]));
}

/** Where the check a change belongs to sits, and the field path inside it; undefined when none. */
function checkOf(c: Change, docs: { before: unknown; after: unknown }): { path: JsonPath; fields: string[]; label?: string } | undefined {
  let at = -1;
  for (let i = c.path.length - 1; i >= 0 && at === -1; i--) if (matchKey(c.path[i], CHECK_OBJECTS)) at = i;
  const fleetDefault = c.path.findIndex((s) => matchKey(s, FLEET_DEFAULTS));
  if (at === -1 && fleetDefault !== -1) {
    const probe = c.path.findIndex((s, i) => i > fleetDefault && matchKey(s, WORKLOAD_CHECKS));
    if (probe !== -1) at = probe;
  }
  if (at !== -1) {
    const path = c.path.slice(0, at + 1);
    if (isWorkloadCheck(path, docs, fleetDefault !== -1 && fleetDefault < at)) return undefined;
    return { path, fields: c.path.slice(at + 1).filter((s): s is string => typeof s === 'string') };
  }
  // A flat field (`HealthCheckPath`), or a value inside one (`Matcher.HttpCode`).
  for (let i = c.path.length - 1; i >= 0; i--) {
    const key = c.path[i];
    const field = typeof key === 'string' ? flatField(key) : undefined;
    if (!field) continue;
    const parent = c.path.slice(0, i);
    if (hasFlatCheck(getAt(docs.after, parent)) || hasFlatCheck(getAt(docs.before, parent))) return { path: parent, fields: [field], label: key as string };
  }
  return undefined;
}

/** A probe or a container's own check (compose `healthcheck: { test }`) is one workload's, rolled out with it. */
function isWorkloadCheck(path: JsonPath, docs: { before: unknown; after: unknown }, underDefault: boolean): boolean {
  if (underDefault) return false;
  if (path.some((s) => matchKey(s, WORKLOAD_CHECKS))) return true;
  const obj = getAt(docs.after, path) ?? getAt(docs.before, path);
  return isObject(obj) && Object.keys(obj).some((k) => matchKey(k, CONTAINER_CHECK_FIELDS));
}

function numberOf(field: string, v: unknown): number | undefined {
  return /time|interval|timeout/.test(field) ? parseDuration(v) : parseNumber(v);
}

/** Whether a value holds any field a traffic health check has (criteria or timing), at any depth. */
function hasCheckFields(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasCheckFields);
  if (!isObject(value)) return false;
  return someEntry(value, (k, v) => normKey(k) in TIGHTER_WHEN || matchKey(k, CRITERIA) || hasCheckFields(v));
}

/** What one changed field does to the check. */
function effectOf(fields: string[], c: Change, label?: string): FieldEffect | undefined {
  const at = fields.findIndex((f) => normKey(f) in TIGHTER_WHEN || matchKey(f, CRITERIA) || normKey(f) === 'enabled');
  const field = at === -1 ? undefined : normKey(fields[at]!);
  const shown = label ?? (at === -1 ? '(check)' : fields[at]!);
  if (field === undefined) {
    // A whole check added: a traffic check has criteria or timing fields; a list of object
    // references (Flux `healthChecks: [{ kind, name }]`, what a deploy waits for) has none.
    return fields.length === 0 && hasCheckFields(c.after) ? { field: shown, from: c.before, to: c.after, effect: 'changed' } : undefined;
  }
  if (field === 'enabled') {
    if (c.after === true) return { field: shown, from: c.before, to: c.after, effect: 'tighter' };
    return c.after === false ? { field: shown, from: c.before, to: c.after, effect: 'looser' } : undefined;
  }
  const way = TIGHTER_WHEN[field];
  if (way && c.kind === 'modified' && fields.length === 1) {
    const [b, a] = [numberOf(field, c.before), numberOf(field, c.after)];
    if (b === undefined || a === undefined) return { field: shown, from: c.before, to: c.after, effect: 'changed' };
    if (a === b) return undefined;
    return { field: shown, from: c.before, to: c.after, effect: (a < b) === (way === 'lower') ? 'tighter' : 'looser' };
  }
  return { field: shown, from: c.before, to: c.after, effect: 'changed' };
}

/** The checks a file's changes touch, with what each change does; checks of new pools are left out. */
function checksOf(file: FileDiff): Check[] {
  const checks = new Map<string, Check>();
  for (const c of file.changes) {
    const docs = { before: file.before?.documents[c.document], after: file.after?.documents[c.document] };
    const at = checkOf(c, docs);
    if (!at) continue;
    // A check added with the pool it checks is a new pool's, not a change to a running one.
    const owner = at.fields.length === 0 ? at.path.slice(0, -1) : at.path;
    if (c.kind === 'added' && !isObject(getAt(docs.before, owner))) continue;
    if (c.kind === 'removed' && at.fields.length === 0) continue;
    const effect = effectOf(at.fields, c, at.label);
    if (!effect) continue;
    const key = JSON.stringify([c.document, at.path]);
    const check = checks.get(key) ?? { document: c.document, path: at.path, changes: [], effects: [] };
    check.changes.push(c);
    check.effects.push(effect);
    checks.set(key, check);
  }
  return [...checks.values()];
}

/** The name of what a check belongs to: the nearest named list entry, else the nearest non-structural key. */
function checkName(doc: unknown, path: JsonPath): string {
  for (let i = path.length; i > 0; i--) {
    const v = getAt(doc, path.slice(0, i));
    if (typeof path[i] === 'number' || (i < path.length && typeof path[i - 1] === 'number')) {
      if (isObject(v)) for (const f of NAME_FIELDS) if (typeof v[f] === 'string') return v[f] as string;
    }
  }
  const host = getAt(doc, ['spec', 'host']) ?? getAt(doc, ['metadata', 'name']);
  if (typeof host === 'string') return host;
  for (let i = path.length - 1; i >= 0; i--) {
    const s = path[i];
    if (typeof s === 'string' && !matchKey(s, CHECK_OBJECTS) && !matchKey(s, STRUCTURAL)) return s;
  }
  return '(default)';
}

function show(v: unknown): string {
  return v === undefined ? '(unset)' : typeof v === 'string' ? v : JSON.stringify(v);
}

function reach(name: string, inventory?: Inventory): { scope?: Scope; missing: string[] } {
  const known = inventory?.healthChecks?.[name];
  if (known?.share !== undefined) return { scope: { dimension: 'backends', targets: [name], share: known.share, basis: 'inventory' }, missing: [] };
  return { missing: [`the reach of health check ${name}: inventory.healthChecks.${name}.share (percent of traffic behind it) would sharpen this`] };
}

function checkSignal(file: FileDiff, check: Check, inventory?: Inventory): Signal {
  const doc = file.after?.documents[check.document] ?? file.before?.documents[check.document];
  const name = checkName(doc, check.path);
  const risky = check.effects.some((e) => e.effect !== 'looser');
  const first = check.changes[0]!;
  const fields = check.effects.map((e) => `${e.field} ${show(e.from)} → ${show(e.to)}`);
  const backends = inventory?.healthChecks?.[name]?.backends;
  const what = risky ? 'changed' : 'loosened';
  const summary = `health check of ${name} ${what} (${fields.join(', ')}): every backend${backends ? ` (${backends})` : ''} behind it is judged by the new check at once`;
  const { scope, missing } = reach(name, inventory);
  return makeSignal(
    {
      type: 'health',
      kind: risky ? 'check-changed' : 'check-loosened',
      direction: risky ? 'risky' : 'safe',
      file,
      document: check.document,
      path: check.path,
      pathText: pathToText(check.path),
      line: first.line,
      changes: check.changes,
      summary,
      data: { check: name, fields: check.effects, tightened: check.effects.filter((e) => e.effect !== 'looser').map((e) => e.field), ...(backends ? { backends } : {}) },
      doc,
      ...(scope ? { scope } : {}),
      missing,
    },
    inventory,
  );
}

export const analyzeHealthChecks: Analyzer = (files, ctx: AnalyzeContext) => {
  const out: Signal[] = [];
  for (const file of files) {
    if (file.status === 'added' || !file.before || !file.after) continue;
    for (const check of checksOf(file)) out.push(checkSignal(file, check, ctx.inventory));
  }
  return out;
};

export default defineBuiltinAnalyzer({
  name: 'health-check',
  doc: 'Shared health checks (load balancer, target group, upstream, Envoy cluster, outlier detection) changed: path, codes, timeout, interval, thresholds.',
  signals: ['health'],
  analyze: analyzeHealthChecks,
});

