// Deletion jobs: a cleanup, purge or deprovisioning job's own settings, where a one-line change
// turns "mark these app installs for deletion" into "permanently delete these sites". Read only
// in a deletion context (the file, the keys on the way, or the job's name, action or kind say
// delete, purge, cleanup…). Four facts: soft → permanent (a mode or switch), the dry run dropped,
// the kind of target widened (an app install → a whole site, up TARGET_RANKS; also `app_ids`
// renamed `site_ids`), and the number of targets grown (an id list, a per-run limit). Facts only:
// `deletion.job-permanent` and `deletion.job-scope` decide.
import type { Change, FileDiff, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer } from '../types.js';
import { defineBuiltinAnalyzer } from '../types.js';
import { getAt, isObject, lastKey } from '../kit/paths.js';
import { matchKey, matchValue, matchWords } from '../kit/keys.js';
import { locatedAt, makeSignal } from '../kit/signal.js';
import { parseNumber } from '../kit/quantities.js';
import { pathToText } from '../../diff/index.js';
import {
  DELETION_WORDS, DRY_RUN_FLAGS, DRY_RUN_KEYS, DRY_VALUES, HARD_SWITCHES, HARD_VALUES, MODE_KEYS, NAME_FIELDS, SOFT_SWITCHES,
  SOFT_VALUES, TARGET_LIMITS, TARGET_LISTS, TARGET_OBJECT_TYPE_KEYS, TARGET_OBJECTS, TARGET_RANKS, TARGET_TYPE_KEYS,
} from './vocabulary.js';

type Kind = 'job-permanent' | 'dry-run-dropped' | 'job-target-widened' | 'job-targets-grew';
interface Fact {
  kind: Kind;
  change: Change;
  changes?: Change[];
  summary: string;
  data: Record<string, unknown>;
}

/** Whether a change sits in a deletion job: the file, the keys on the way or the job's names say so. */
function inDeletionContext(file: FileDiff, c: Change): boolean {
  const texts = [file.path, ...c.path.filter((s): s is string => typeof s === 'string')];
  const doc = file.after?.documents[c.document] ?? file.before?.documents[c.document];
  for (let i = 0; i <= c.path.length; i++) {
    const obj = getAt(doc, c.path.slice(0, i));
    if (!isObject(obj)) continue;
    for (const f of NAME_FIELDS) {
      const v = obj[f];
      if (typeof v === 'string') texts.push(v);
      else if (Array.isArray(v)) texts.push(...v.filter((x): x is string => typeof x === 'string'));
    }
    if (isObject(obj.metadata) && typeof obj.metadata.name === 'string') texts.push(obj.metadata.name);
  }
  return matchWords(texts, DELETION_WORDS);
}

const show = (v: unknown) => (v === undefined ? '(unset)' : JSON.stringify(v));
const truthy = (v: unknown) => v === true || (typeof v === 'string' && ['true', 'yes', '1', 'on'].includes(v.toLowerCase()));

/** The key a value belongs to: the last key, or for an env entry (`{ name: DRY_RUN, value }`) its name. */
function keyOf(file: FileDiff, c: Change): string {
  const key = lastKey(c.path);
  if (key !== 'value') return key;
  const parent = getAt(file.after?.documents[c.document] ?? file.before?.documents[c.document], c.path.slice(0, -1));
  return isObject(parent) && typeof parent.name === 'string' ? parent.name : key;
}

function permanent(key: string, c: Change): Fact | undefined {
  const data = { key, from: c.before ?? null, to: c.after ?? null };
  const summary = `${c.pathText}: ${show(c.before)} → ${show(c.after)}: the job now deletes permanently (nothing left to restore)`;
  if (matchKey(key, MODE_KEYS) && matchValue(c.before, SOFT_VALUES) && matchValue(c.after, HARD_VALUES)) return { kind: 'job-permanent', change: c, summary, data };
  if (matchKey(key, HARD_SWITCHES) && truthy(c.after) && !truthy(c.before)) return { kind: 'job-permanent', change: c, summary, data };
  if (matchKey(key, SOFT_SWITCHES) && truthy(c.before) && !truthy(c.after) && c.kind !== 'added') return { kind: 'job-permanent', change: c, summary, data };
  return undefined;
}

function isDryRunFlag(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const [flag, value] = v.trim().toLowerCase().split('=');
  return DRY_RUN_FLAGS.includes(flag!) && (value === undefined || truthy(value));
}

function dryRunDropped(key: string, c: Change): Fact | undefined {
  const summary = `${c.pathText}: ${show(c.before)} → ${show(c.after)}: the job no longer runs as a dry run; it deletes`;
  const data = { key, from: c.before ?? null, to: c.after ?? null };
  if (matchKey(key, DRY_RUN_KEYS) && truthy(c.before) && !truthy(c.after)) return { kind: 'dry-run-dropped', change: c, summary, data };
  if (matchKey(key, MODE_KEYS) && matchValue(c.before, DRY_VALUES) && c.after !== undefined && !matchValue(c.after, DRY_VALUES)) return { kind: 'dry-run-dropped', change: c, summary, data };
  if (isDryRunFlag(c.before) && !isDryRunFlag(c.after) && typeof c.path[c.path.length - 1] === 'number') return { kind: 'dry-run-dropped', change: c, summary, data: { key: 'args', from: c.before, to: c.after ?? null } };
  return undefined;
}

/** The rank of a target kind on TARGET_RANKS (words of the value, the widest wins), or -1. */
function rankOf(value: unknown): number {
  if (typeof value !== 'string') return -1;
  let rank = -1;
  TARGET_RANKS.forEach((words, i) => {
    if (matchValue(value, words) || matchWords([value], words)) rank = Math.max(rank, i);
  });
  return rank;
}

function isTargetType(key: string, c: Change): boolean {
  if (matchKey(key, TARGET_TYPE_KEYS)) return true;
  const parent = c.path[c.path.length - 2];
  return matchKey(key, TARGET_OBJECT_TYPE_KEYS) && matchKey(parent, TARGET_OBJECTS);
}

function widened(key: string, c: Change): Fact | undefined {
  if (c.kind !== 'modified' || !isTargetType(key, c)) return undefined;
  const [from, to] = [rankOf(c.before), rankOf(c.after)];
  if (from === -1 || to <= from) return undefined;
  return { kind: 'job-target-widened', change: c, summary: `${c.pathText}: targets ${show(c.before)} → ${show(c.after)}: the job now deletes a wider kind of thing`, data: { key, from: c.before, to: c.after, fromRank: from, toRank: to } };
}

/** A target list renamed after a wider kind (`app_ids` → `site_ids`) in one object. */
function renamedLists(file: FileDiff): Fact[] {
  const removed = file.changes.filter((c) => c.kind === 'removed' && Array.isArray(c.before) && matchKey(lastKey(c.path), TARGET_LISTS));
  const out: Fact[] = [];
  for (const r of removed) {
    const parent = JSON.stringify(r.path.slice(0, -1));
    const added = file.changes.find((c) => c.kind === 'added' && Array.isArray(c.after) && JSON.stringify(c.path.slice(0, -1)) === parent && matchKey(lastKey(c.path), TARGET_LISTS));
    if (!added) continue;
    const [from, to] = [rankOf(splitKey(lastKey(r.path))), rankOf(splitKey(lastKey(added.path)))];
    if (from === -1 || to <= from) continue;
    out.push({ kind: 'job-target-widened', change: added, changes: [r, added], summary: `${pathToText(r.path)} → ${pathToText(added.path)}: the job now deletes ${lastKey(added.path)} instead of ${lastKey(r.path)}`, data: { key: lastKey(added.path), from: lastKey(r.path), to: lastKey(added.path), fromRank: from, toRank: to } });
  }
  return out;
}

/** `site_ids` → `site ids`, `appInstallIds` → `app Install Ids`: words for the rank ladder. */
function splitKey(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
}

/** Target lists and per-run limits that grew. */
function grown(file: FileDiff): Fact[] {
  const lists = new Map<string, { changes: Change[]; path: Change['path']; document: number }>();
  const out: Fact[] = [];
  for (const c of file.changes) {
    const at = c.path.findIndex((s, i) => matchKey(s, TARGET_LISTS) && typeof c.path[i + 1] === 'number');
    if (at !== -1 && (c.kind === 'added' || c.kind === 'removed')) {
      const path = c.path.slice(0, at + 1);
      const key = JSON.stringify([c.document, path]);
      const entry = lists.get(key) ?? { changes: [], path, document: c.document };
      entry.changes.push(c);
      lists.set(key, entry);
    } else if (c.kind === 'modified' && matchKey(lastKey(c.path), TARGET_LIMITS)) {
      const [b, a] = [parseNumber(c.before), parseNumber(c.after)];
      if (b !== undefined && a !== undefined && b > 0 && a > b) out.push(growth(c, [c], pathToText(c.path), b, a));
    }
  }
  for (const { changes, path, document } of lists.values()) {
    const [b, a] = [getAt(file.before?.documents[document], path), getAt(file.after?.documents[document], path)];
    if (Array.isArray(b) && Array.isArray(a) && b.length > 0 && a.length > b.length) out.push(growth(changes[0]!, changes, pathToText(path), b.length, a.length));
  }
  return out;
}

function growth(change: Change, changes: Change[], list: string, before: number, after: number): Fact {
  const factor = Math.round((after / before) * 100) / 100;
  return { kind: 'job-targets-grew', change, changes, summary: `${list}: the job's targets ${before} → ${after} (×${factor})`, data: { list, before, after, factor } };
}

function factsOf(file: FileDiff): Fact[] {
  const facts: Fact[] = [];
  for (const c of file.changes) {
    if (c.kind === 'moved') continue;
    const key = keyOf(file, c);
    const fact = permanent(key, c) ?? dryRunDropped(key, c) ?? widened(key, c);
    if (fact) facts.push(fact);
  }
  return [...facts, ...renamedLists(file), ...grown(file)].filter((f) => inDeletionContext(file, f.change));
}

export const analyzeDeletionJobs: Analyzer = (files, ctx: AnalyzeContext) => {
  const out: Signal[] = [];
  for (const file of files) {
    if (file.status === 'added' || file.status === 'deleted' || !file.before || !file.after) continue;
    for (const f of factsOf(file)) {
      out.push(makeSignal({ type: 'deletion', kind: f.kind, direction: 'risky', file, ...locatedAt(f.change, f.changes), summary: f.summary, data: f.data }, ctx.inventory));
    }
  }
  return out;
};

export default defineBuiltinAnalyzer({
  name: 'deletion-job',
  doc: 'Deletion jobs: soft to permanent deletion, the dry run dropped, the kind of target widened (an app install → a site), the number of targets grown.',
  signals: ['deletion'],
  analyze: analyzeDeletionJobs,
});


