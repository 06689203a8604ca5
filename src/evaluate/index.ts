import type { Change, FileDiff, Finding, PathSegment, Signal } from '../model.js';
import { appendKey } from '../diff/values.js';
import type { Inventory } from '../analyze/types.js';
import { InputError } from '../errors.js';
import { compilePathPattern, globMatcher } from '../match.js';
import { checkMessageId, validatePolicy } from './validate-policy.js';
import { interpolate } from './interpolate.js';
import { columnOf } from './column.js';
import type { Policy, PolicyContext, PolicyLevel, PolicyReport } from './types.js';

export type { Policy, PolicyContext, PolicyMeta, PolicyMatch, PolicyReport, PolicyExample, PolicyLevel } from './types.js';
export { loadDataPolicy } from './data-policy.js';
export { compilePathPattern } from '../match.js';
export { interpolate } from './interpolate.js';
export { GATE_CHECKS, gateFinding, type GateCheckId } from './gate-checks.js';
export { validatePolicy, POLICY_ID_PATTERN, POLICY_LEVELS } from './validate-policy.js';

/** A policy written in TypeScript: validated as a data policy is, and the same shape once loaded. */
export function definePolicy<Options = Record<string, unknown>>(
  policy: Omit<Policy<Options>, 'source'> & { source?: string },
): Policy<Options> {
  const defined: Policy<Options> = { ...policy, source: policy.source ?? 'api' };
  validatePolicy(defined);
  if (typeof defined.checkChange !== 'function' && typeof defined.checkSignal !== 'function') {
    throw new InputError(`${defined.source}: policy "${defined.id}": needs checkChange or checkSignal`, defined.source);
  }
  return defined;
}

/** One registry for every policy, built-in or user's, data or code. */
export class PolicyRegistry {
  readonly #policies = new Map<string, Policy>();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a policy of any options type
  add(policy: Policy<any>): void {
    const existing = this.#policies.get(policy.id);
    if (existing) {
      throw new InputError(`${policy.source}: policy id "${policy.id}" is already defined by ${existing.source}`);
    }
    this.#policies.set(policy.id, policy as Policy);
  }

  /** A user's policy with a built-in id replaces the built-in one (it is how a pack is customised). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a policy of any options type
  replace(policy: Policy<any>): void {
    this.#policies.set(policy.id, policy as Policy);
  }

  get(id: string): Policy | undefined {
    return this.#policies.get(id);
  }

  has(id: string): boolean {
    return this.#policies.has(id);
  }

  all(): Policy[] {
    return [...this.#policies.values()];
  }
}

/** How hard a policy is enforced on one file, with its options: the config's answer. */
export interface Binding {
  level: PolicyLevel;
  options: Record<string, unknown>;
}
export type ResolveBinding = (policy: Policy, file: string) => Binding;

interface Matcher {
  file: (path: string) => boolean;
  path: (change: Change) => boolean;
}

const matchers = new WeakMap<Policy, Matcher>();

function matcherFor(policy: Policy): Matcher {
  let m = matchers.get(policy);
  if (!m) {
    const files = policy.match?.files?.length ? globMatcher(policy.match.files) : () => true;
    const patterns = (policy.match?.paths ?? []).map(compilePathPattern);
    const kinds = policy.match?.kinds;
    m = {
      file: files,
      path: (change) =>
        (!kinds || kinds.includes(change.kind)) && (patterns.length === 0 || patterns.some((p) => p(change.path))),
    };
    matchers.set(policy, m);
  }
  return m;
}

/**
 * Runs every enabled policy over the changes (or, for signal policies, the signals) and
 * returns its findings at the level the config binds it to. Pure: no I/O.
 */
export function evaluatePolicies(
  policies: readonly Policy[],
  files: readonly FileDiff[],
  signals: readonly Signal[],
  resolve: ResolveBinding,
  inventory?: Inventory,
  /** Policies not run here whose thresholds a fallback still consults (a policy's examples run alone). */
  alsoClaiming: readonly Policy[] = [],
): Finding[] {
  const findings: Finding[] = [];
  const claimants = [...policies, ...alsoClaiming];
  const byPath = new Map(files.map((f) => [f.path, f]));
  // Specific policies first; fallbacks then skip what they already reported.
  const ordered = [...policies.filter((p) => !p.meta.fallback), ...policies.filter((p) => p.meta.fallback)];
  const reportedSignals = new Set<number>();
  const reportedPaths = new Set<string>();
  for (const policy of ordered) {
    const match = matcherFor(policy);
    const fallback = policy.meta.fallback === true;
    const run = (file: FileDiff, document: number, subject: { change?: Change; signal?: Signal; signalIndex?: number }) => {
      const binding = resolve(policy, file.path);
      if (binding.level === 'off') return;
      const level = binding.level;
      // A signal read from several changes has no single before → after to show.
      const anchor = subject.change ?? (subject.signal!.changes.length === 1 ? subject.signal!.changes[0] : undefined);
      const ctx: PolicyContext<Record<string, unknown>> = {
        ...contextOf(file, document, binding.options, inventory),
        report: (r: PolicyReport) => {
          checkMessageId(policy, r.messageId);
          if (subject.signalIndex !== undefined) reportedSignals.add(subject.signalIndex);
          for (const c of subject.signal?.changes ?? (subject.change ? [subject.change] : [])) {
            reportedPaths.add(`${c.file}\0${c.pathText}`);
          }
          const line = r.line ?? subject.signal?.line ?? subject.change?.line ?? 0;
          const column = r.column ?? (r.file === undefined || r.file === file.path ? columnOf(file, document, subject, line) : undefined);
          findings.push({
            policy: policy.id,
            level,
            messageId: r.messageId,
            file: r.file ?? file.path,
            path: r.path ?? subject.signal?.pathText ?? subject.change?.pathText ?? '',
            line,
            ...(column !== undefined ? { column } : {}),
            message: r.message ?? interpolate(policy.meta.messages[r.messageId] ?? r.messageId, r.data ?? {}),
            ...beforeAfter(r, anchor),
            ...(subject.signalIndex !== undefined ? { signal: subject.signalIndex } : {}),
          });
        },
      };
      if (subject.signal && claims(policy, subject.signal) && !policy.meta.threshold!.reached(subject.signal, ctx)) return;
      try {
        if (subject.signal) policy.checkSignal!(subject.signal, ctx);
        else policy.checkChange!(subject.change!, ctx);
      } catch (error) {
        if (error instanceof InputError) throw error;
        throw new Error(`policy ${policy.id} (${policy.source}) failed on ${file.path}: ${(error as Error).message}`, { cause: error });
      }
    };

    if (policy.match?.signals?.length || (policy.checkSignal && !policy.checkChange)) {
      const types = policy.match?.signals;
      signals.forEach((signal, signalIndex) => {
        if (types && !types.includes(signal.type)) return;
        if (fallback && reportedSignals.has(signalIndex)) return;
        const file = byPath.get(signal.file);
        if (!file || !match.file(file.path)) return;
        if (fallback && signal.changes.length > 0 && signal.changes.every((c) => reportedPaths.has(`${c.file}\0${c.pathText}`))) return;
        if (fallback && !countsForFallback(claimants, signal, file, resolve, inventory)) return;
        run(file, signal.document, { signal, signalIndex });
      });
    } else if (policy.checkChange) {
      for (const file of files) {
        if (!match.file(file.path)) continue;
        for (const change of file.changes) {
          for (const c of policy.match?.paths?.length ? expandSubtree(change, file) : [change]) {
            if (fallback && reportedPaths.has(`${file.path}\0${c.pathText}`)) continue;
            if (match.path(c)) run(file, c.document, { change: c });
          }
        }
      }
    }
  }
  return findings;
}

function contextOf(file: FileDiff, document: number, options: Record<string, unknown>, inventory?: Inventory) {
  return { options, inventory, file, oldDocument: file.before?.documents[document], newDocument: file.after?.documents[document] };
}

/** Whether `policy` declares a threshold for this signal's kind. */
function claims(policy: Policy, signal: Signal): boolean {
  const types = policy.match?.signals;
  return Boolean(policy.meta.threshold?.kinds.includes(signal.kind) && (!types || types.includes(signal.type)));
}

/**
 * A fallback (blast-radius.limit) speaks for a signal only where its size matters. The size is
 * the call of the specific policies that claim its kind, each at its own options for this file:
 * the signal counts when at least one enabled claimant's threshold is reached. A kind no policy
 * claims is the fallback's alone: then its reach is the only measure. A claimant bound `off`
 * reaches nothing, so turning a policy off silences its kind here too.
 */
function countsForFallback(
  policies: readonly Policy[],
  signal: Signal,
  file: FileDiff,
  resolve: ResolveBinding,
  inventory?: Inventory,
): boolean {
  const claimants = policies.filter((p) => !p.meta.fallback && claims(p, signal) && matcherFor(p).file(file.path));
  if (claimants.length === 0) return true;
  return claimants.some((p) => {
    const binding = resolve(p, file.path);
    if (binding.level === 'off') return false;
    const ctx = { ...contextOf(file, signal.document, binding.options, inventory), report: () => {} };
    return p.meta.threshold!.reached(signal, ctx);
  });
}

/**
 * A path policy must see inside what was added or removed whole: a new file, or a new block,
 * with `logLevel: debug` is a `logLevel` set to debug. The change itself comes first, then one
 * change per value below it.
 */
function* expandSubtree(change: Change, file: FileDiff): Generator<Change> {
  yield change;
  if (change.kind !== 'added' && change.kind !== 'removed') return;
  const root = change.kind === 'added' ? change.after : change.before;
  if (root === null || typeof root !== 'object') return;
  const located = change.kind === 'added' ? file.after : undefined;
  const stack: Array<{ value: unknown; path: PathSegment[]; text: string; depth: number }> = [
    { value: root, path: [...change.path], text: change.pathText, depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, text, depth } = stack.pop()!;
    if (value !== root) {
      yield {
        ...change,
        path,
        pathText: text,
        ...(change.kind === 'added' ? { after: value } : { before: value }),
        line: located ? located.locate(change.document, path).line : change.line,
      };
    }
    if (value === null || typeof value !== 'object' || depth > 64) continue;
    const entries: Array<[PathSegment, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (let k = entries.length - 1; k >= 0; k--) {
      const [seg, child] = entries[k];
      const childText = typeof seg === 'number' ? `${text}[${seg}]` : appendKey(text, seg);
      stack.push({ value: child, path: [...path, seg], text: childText, depth: depth + 1 });
    }
  }
}

function beforeAfter(r: PolicyReport, anchor: Change | undefined): Pick<Finding, 'before' | 'after'> {
  const out: Pick<Finding, 'before' | 'after'> = {};
  const before = 'before' in r ? r.before : anchor?.before;
  const after = 'after' in r ? r.after : anchor?.after;
  if (before !== undefined) out.before = before;
  if (after !== undefined) out.after = after;
  return out;
}
