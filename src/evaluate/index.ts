import picomatch from 'picomatch';
import type { Change, FileDiff, Finding, Level, Signal } from '../model.js';
import type { Inventory } from '../analyze/types.js';
import { InputError } from '../errors.js';
import { compilePathPattern } from './path-pattern.js';
import type { Policy, PolicyContext, PolicyReport } from './types.js';

export type { Policy, PolicyContext, PolicyMeta, PolicyMatch, PolicyReport, PolicyExample } from './types.js';
export { loadDataPolicy } from './data-policy.js';
export { compilePathPattern } from './path-pattern.js';

/** A policy written in TypeScript. The same shape as a data policy once loaded. */
export function definePolicy<Options = Record<string, unknown>>(
  policy: Omit<Policy<Options>, 'source'> & { source?: string },
): Policy<Options> {
  if (!policy.checkChange && !policy.checkSignal) {
    throw new InputError(`policy ${policy.id}: needs checkChange or checkSignal`);
  }
  return { source: 'api', ...policy };
}

/** One registry for every policy, built-in or user's, data or code. */
export class PolicyRegistry {
  readonly #policies = new Map<string, Policy>();

  add(policy: Policy<any>): void {
    const existing = this.#policies.get(policy.id);
    if (existing) {
      throw new InputError(`${policy.source}: policy id "${policy.id}" is already defined by ${existing.source}`);
    }
    this.#policies.set(policy.id, policy as Policy);
  }

  /** A user's policy with a built-in id replaces the built-in one (it is how a pack is customised). */
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
  level: Level;
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
    const files = policy.match?.files?.length ? picomatch(policy.match.files, { dot: true }) : () => true;
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
): Finding[] {
  const findings: Finding[] = [];
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const policy of policies) {
    const match = matcherFor(policy);
    const run = (file: FileDiff, document: number, subject: { change?: Change; signal?: Signal; signalIndex?: number }) => {
      const binding = resolve(policy, file.path);
      if (binding.level === 'off') return;
      const level = binding.level;
      const anchor = subject.change ?? subject.signal!.changes[0];
      const ctx: PolicyContext<Record<string, unknown>> = {
        options: binding.options,
        inventory,
        file,
        oldDocument: file.before?.documents[document],
        newDocument: file.after?.documents[document],
        report: (r: PolicyReport) => {
          findings.push({
            policy: policy.id,
            level,
            messageId: r.messageId,
            file: r.file ?? file.path,
            path: r.path ?? subject.signal?.pathText ?? subject.change?.pathText ?? '',
            line: r.line ?? subject.signal?.line ?? subject.change?.line ?? 0,
            message: r.message ?? interpolate(policy.meta.messages[r.messageId] ?? r.messageId, r.data ?? {}),
            ...beforeAfter(r, anchor),
            ...(subject.signalIndex !== undefined ? { signal: subject.signalIndex } : {}),
          });
        },
      };
      try {
        if (subject.signal) policy.checkSignal!(subject.signal, ctx);
        else policy.checkChange!(subject.change!, ctx);
      } catch (error) {
        if (error instanceof InputError) throw error;
        throw new Error(`policy ${policy.id} (${policy.source}) failed on ${file.path}: ${(error as Error).message}`);
      }
    };

    if (policy.match?.signals?.length || (policy.checkSignal && !policy.checkChange)) {
      const types = policy.match?.signals;
      signals.forEach((signal, signalIndex) => {
        if (types && !types.includes(signal.type)) return;
        const file = byPath.get(signal.file);
        if (!file || !match.file(file.path)) return;
        run(file, signal.document, { signal, signalIndex });
      });
    } else if (policy.checkChange) {
      for (const file of files) {
        if (!match.file(file.path)) continue;
        for (const change of file.changes) {
          if (match.path(change)) run(file, change.document, { change });
        }
      }
    }
  }
  return findings;
}

function beforeAfter(r: PolicyReport, anchor: Change | undefined): Pick<Finding, 'before' | 'after'> {
  const out: Pick<Finding, 'before' | 'after'> = {};
  const before = 'before' in r ? r.before : anchor?.before;
  const after = 'after' in r ? r.after : anchor?.after;
  if (before !== undefined) out.before = before;
  if (after !== undefined) out.after = after;
  return out;
}

/** `{{ name }}` / `{{ a.b }}` from the report's data (code policies' message templates). */
export function interpolate(template: string, data: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
    let value: unknown = data;
    for (const part of name.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
    if (value === undefined) return `{{${name}}}`;
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}
