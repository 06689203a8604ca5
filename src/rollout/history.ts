// Progressive (GitOps) mode, the reading half: which settings a change widens, and since when the
// base branch has carried their current, narrower stage — the first-parent commit it landed at.
// Only this file and git-history.ts read the base branch; progressive.ts judges what they found.
import { isDeepStrictEqual } from 'node:util';
import type { Finding, JsonPath, Signal } from '../model.js';
import type { Inventory } from '../analyze/types.js';
import { getAt, isObject, lastKey } from '../analyze/kit/paths.js';
import { scopeForPath } from '../analyze/kit/scope.js';
import type { SettingStep, StepPoint } from './progressive.js';
import { environmentRank, PRODUCTION_RANK, SCOPE_MARKER_TOKENS } from './vocabulary.js';

/** The base branch as progressive mode reads it. */
export interface BaseHistory {
  /** Repository-relative paths of the configuration files in the base commit. */
  files(): Promise<string[]>;
  /** The documents of `file` in the base commit; undefined when absent or not parseable. */
  documents(file: string): Promise<unknown[] | undefined>;
  /** First-parent commits of the base that changed `file`, newest first, with its documents after each. */
  commits(file: string): Promise<HistoryCommit[]>;
}

/** One first-parent commit of the base branch that changed a file, with the file as it left it. */
export interface HistoryCommit {
  sha: string;
  /** Committer time, ISO: when the commit landed on the first-parent line. */
  at: string;
  documents?: unknown[];
}

/** A copy of a setting somewhere in the base: file, document, path, and how far it reaches. */
interface Location {
  file: string;
  document: number;
  path: JsonPath;
  point: StepPoint;
}

/** The settings the rollout-level findings widen, with the base's facts about each. */
export async function settingSteps(
  signals: readonly Signal[],
  findings: readonly Finding[],
  history: BaseHistory,
  inventory?: Inventory,
): Promise<SettingStep[]> {
  const wanted = new Set(findings.flatMap((f) => (f.level === 'rollout' && !f.waivedBy && f.signal !== undefined ? [f.signal] : [])));
  const steps: SettingStep[] = [];
  for (const index of [...wanted].sort((a, b) => a - b)) {
    const signal = signals[index];
    if (signal.direction !== 'risky') continue;
    const step = (await valueStep(index, signal, history)) ?? (await copyStep(index, signal, history, inventory));
    steps.push(step);
  }
  return steps;
}

/** Shares carried by the value itself: a flag percentage, a receiving destination's weight. */
function valueShares(signal: Signal): { from: number; to: number; setting: string } | undefined {
  const d = signal.data;
  if (signal.type === 'flag' && typeof d.from === 'number' && typeof d.to === 'number') return { from: d.from, to: d.to, setting: `flag ${String(d.flag)}` };
  if (signal.type === 'routing' && signal.kind === 'traffic-shifted' && isObject(d.before) && isObject(d.after)) {
    const before = d.before as Record<string, number>;
    const after = d.after as Record<string, number>;
    const receiver = Object.keys(after).reduce((a, b) => ((after[b] ?? 0) - (before[b] ?? 0) > (after[a] ?? 0) - (before[a] ?? 0) ? b : a));
    return { from: before[receiver] ?? 0, to: after[receiver] ?? 0, setting: `${typeof d.list === 'string' && d.list ? d.list : signal.pathText} → ${receiver}` };
  }
  return undefined;
}

/** A widening in place (1% → 10%, 99/1 → 90/10): the current value's run on the base says when its stage landed. */
async function valueStep(index: number, signal: Signal, history: BaseHistory): Promise<SettingStep | undefined> {
  const shares = valueShares(signal);
  if (!shares || shares.from <= 0) return undefined;
  const paths = probePaths(signal);
  const probe = (docs?: unknown[]) => paths.map((p) => getAt(docs?.[p.document], p.path));
  const base = await history.documents(signal.file);
  const before = probe(base);
  const after = signal.changes.map((c) => c.after);
  const inPlace = paths.length === signal.changes.length && paths.every((p, i) => isDeepStrictEqual(p.path, signal.changes[i].path));
  const run = landing(await history.commits(signal.file), (docs) => isDeepStrictEqual(probe(docs), before));
  const step: SettingStep = {
    signal: index,
    setting: shares.setting,
    from: { share: shares.from, label: `${fmt(shares.from)}%` },
    to: { share: shares.to, label: `${fmt(shares.to)}%` },
    // Restoring weights the base branch had before its current stage is a rollback.
    rollback: shares.to < shares.from || (inPlace && run.older.some((c) => isDeepStrictEqual(probe(c.documents), after))),
  };
  if (run.landed) step.landed = { sha: run.landed.sha, at: run.landed.at, file: signal.file };
  return step;
}

/**
 * Where the stage of a value lives: a flag's whole object (switch and percentage: a flag switched
 * on at 1% is a new stage even where the percentage was already 1), else the changed values.
 */
function probePaths(signal: Signal): Array<{ document: number; path: JsonPath }> {
  const name = signal.data.flag;
  if (signal.type === 'flag' && typeof name === 'string') {
    const at = signal.path.findIndex((seg) => seg === name);
    if (at >= 0) return [{ document: signal.document, path: signal.path.slice(0, at + 1) }];
  }
  return signal.changes.map((c) => ({ document: c.document, path: c.path }));
}

/** A widening across copies (canary override → region → global, staging → production). */
async function copyStep(index: number, signal: Signal, history: BaseHistory, inventory?: Inventory): Promise<SettingStep> {
  const change = signal.changes.find((c) => c.kind !== 'removed') ?? signal.changes[0];
  const key = lastKey(change.path);
  const target: Location = { file: signal.file, document: change.document, path: change.path, point: pointOf(signal.file, change.path, signal.scope.share, signal.scope.targets) };
  const step: SettingStep = { signal: index, setting: key || signal.pathText, from: { share: 0, label: 'nowhere' }, to: target.point, rollback: false };
  const copy = await narrowestWider(target, key, change.after, history, inventory);
  if (!copy) return step;
  step.from = copy.point;
  const run = landing(await history.commits(copy.file), (docs) => isDeepStrictEqual(getAt(docs?.[copy.document], copy.path), change.after));
  if (run.landed) step.landed = { sha: run.landed.sha, at: run.landed.at, file: copy.file };
  return step;
}

/** Of the base's copies of `key` holding `value` that reach less than `target`, the widest. */
async function narrowestWider(target: Location, key: string, value: unknown, history: BaseHistory, inventory?: Inventory): Promise<Location | undefined> {
  if (!key || value === undefined) return undefined;
  const family = familyOf(target.file, inventory);
  const files = (await history.files()).filter((f) => f === target.file || familyOf(f, inventory) === family);
  const copies: Location[] = [];
  for (const file of files) {
    const docs = (await history.documents(file)) ?? [];
    docs.forEach((doc, document) => {
      for (const path of pathsOf(doc, key, value)) {
        if (file === target.file && isDeepStrictEqual(path, target.path)) continue;
        const scope = scopeForPath(file, path, doc, inventory);
        copies.push({ file, document, path, point: pointOf(file, path, scope.share, scope.targets) });
      }
    });
  }
  const narrower = copies.filter((c) => reach(c.point) < reach(target.point));
  return narrower.sort((a, b) => reach(b.point) - reach(a.point))[0];
}

/** Order of reach: environment rank first (staging before production), then share. */
function reach(point: StepPoint): number {
  const rank = point.environment ? (environmentRank(point.environment) ?? PRODUCTION_RANK) : PRODUCTION_RANK;
  return rank * 1000 + point.share;
}

function pointOf(file: string, path: JsonPath, share: number, targets: readonly string[]): StepPoint {
  const names = [...file.split(/[/._-]/), ...path.filter((s): s is string => typeof s === 'string')];
  const environment = names.find((n) => {
    const rank = environmentRank(n);
    return rank !== undefined && rank < PRODUCTION_RANK;
  });
  const where = targets.length === 1 && targets[0] === '*' ? 'everyone' : targets.join(', ');
  const point: StepPoint = { share, label: `${where} (${fmt(share)}%, ${file})` };
  if (environment) point.environment = environment.toLowerCase();
  return point;
}

/** A file's family: its path without the names that scope a copy (environments, regions, canary, overrides). */
function familyOf(file: string, inventory?: Inventory): string {
  const scopeNames = new Set(Object.values(inventory?.traffic ?? {}).flatMap((m) => Object.keys(m).map((n) => n.toLowerCase())));
  return file
    .toLowerCase()
    .split('/')
    .map((segment) => segment.split(/[._]/).filter((t) => !(environmentRank(t) !== undefined || SCOPE_MARKER_TOKENS.includes(t) || scopeNames.has(t))).join('.'))
    .filter(Boolean)
    .join('/');
}

/** Every path in `doc` whose last key is `key` and whose value equals `value` (bounded depth). */
function pathsOf(doc: unknown, key: string, value: unknown, path: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  if (path.length > 12) return out;
  if (Array.isArray(doc)) doc.forEach((v, i) => pathsOf(v, key, value, [...path, i], out));
  else if (isObject(doc)) {
    for (const [k, v] of Object.entries(doc)) {
      if (k === key && isDeepStrictEqual(v, value)) out.push([...path, k]);
      else pathsOf(v, key, value, [...path, k], out);
    }
  }
  return out;
}

/** The latest unbroken run of commits (newest first) whose state `holds`: its oldest commit landed it. */
function landing(commits: readonly HistoryCommit[], holds: (docs?: unknown[]) => boolean): { landed?: HistoryCommit; older: HistoryCommit[] } {
  let i = 0;
  while (i < commits.length && holds(commits[i].documents)) i++;
  return i === 0 ? { older: [...commits] } : { landed: commits[i - 1], older: commits.slice(i) };
}

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}
