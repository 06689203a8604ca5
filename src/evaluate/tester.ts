import { dump } from 'js-yaml';
import type { FileDiff, Finding } from '../model.js';
import { parseConfigFile } from '../load/index.js';
import { diffFile } from '../diff/index.js';
import { canonicalJson } from '../diff/values.js';
import { analyze } from '../analyze/index.js';
import { parseInventory } from '../analyze/inventory.js';
import { evaluatePolicies } from './index.js';
import type { Policy, PolicyExample } from './types.js';

export interface ExampleOutcome {
  kind: 'valid' | 'invalid';
  index: number;
  example: PolicyExample;
  findings: Finding[];
  /** Empty when the example behaved as declared. */
  problems: string[];
}

/**
 * Runs a policy's examples, as ESLint's RuleTester runs a rule's cases: inputs (documents,
 * changes, signals, inventory, options) are frozen,
 * a valid example must raise nothing, an invalid one the declared message ids (or at least
 * one finding), every expected message id must be declared, and no case may repeat another's
 * name or input. A policy that throws (a write to a frozen input, an undeclared report) fails its case.
 * `pack`: the policies whose thresholds a fallback consults (see `PolicyThreshold`), at their defaults.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a policy of any options type
export function runPolicyExamples(policy: Policy<any>, pack: readonly Policy<any>[] = []): ExampleOutcome[] {
  const examples = policy.meta.examples ?? { valid: [], invalid: [] };
  const seenInputs = new Set<string>();
  const seenNames = new Set<string>();
  const outcomes: ExampleOutcome[] = [];
  for (const kind of ['valid', 'invalid'] as const) {
    examples[kind].forEach((example, index) => {
      const problems = caseProblems(policy, example, seenInputs, seenNames);
      let findings: Finding[] = [];
      try {
        findings = evaluateExample(policy, example, pack);
      } catch (error) {
        problems.push(`policy failed: ${(error as Error).message}`);
        outcomes.push({ kind, index, example, findings, problems });
        return;
      }
      const ids = findings.map((f) => f.messageId);
      if (kind === 'valid' && findings.length > 0) {
        problems.push(`expected no finding, got ${findings.map((f) => `${f.messageId}: ${f.message}`).join('; ')}`);
      }
      if (kind === 'invalid') {
        if (findings.length === 0) problems.push('expected a finding, got none');
        else if (example.expect && canonicalJson(example.expect) !== canonicalJson(ids)) {
          problems.push(`expected message ids ${JSON.stringify(example.expect)}, got ${JSON.stringify(ids)}`);
        }
      }
      outcomes.push({ kind, index, example, findings, problems });
    });
  }
  return outcomes;
}

/** What is wrong with a case before it runs: a repeated name or input, an undeclared expected message id. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a policy of any options type
function caseProblems(policy: Policy<any>, example: PolicyExample, seenInputs: Set<string>, seenNames: Set<string>): string[] {
  const problems: string[] = [];
  if (example.name !== undefined) {
    if (seenNames.has(example.name)) problems.push(`duplicate example name "${example.name}"`);
    seenNames.add(example.name);
  }
  const { expect: _expect, name: _name, ...input } = example;
  const key = canonicalJson({ ...input, options: input.options ?? {} });
  if (seenInputs.has(key)) problems.push('duplicate example: same before/after/options as an earlier one');
  seenInputs.add(key);
  for (const id of example.expect ?? []) {
    if (!Object.hasOwn(policy.meta.messages, id)) problems.push(`expect names unknown message id "${id}"`);
  }
  return problems;
}

/** One example through the real pipeline stages: YAML text → load → diff → analyze → evaluate. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a policy of any options type
export function evaluateExample(policy: Policy<any>, example: PolicyExample, pack: readonly Policy<any>[] = []): Finding[] {
  const file = example.file ?? 'config.yaml';
  const side = (value: unknown) => {
    const text = file.endsWith('.json') ? JSON.stringify(deepFreeze(value), null, 2) : dump(deepFreeze(value));
    return parseConfigFile({ path: file, text, bytes: Buffer.byteLength(text) });
  };
  const status = example.before === null || example.before === undefined ? 'added' : 'modified';
  const before = status === 'added' ? undefined : side(example.before);
  const diff: FileDiff = diffFile(status, file, { before, after: side(example.after) });
  const inventory = example.inventory ? deepFreeze(parseInventory(deepFreeze(example.inventory), `${policy.id} example inventory`)) : undefined;
  const schemas = example.schema ? [{ files: [file], schema: example.schema, source: `${policy.id} example schema` }] : [];
  const signals = analyze([diff], { inventory, options: { schemas } });
  const options = deepFreeze({ ...(policy.defaultOptions ?? {}), ...(example.options ?? {}) });
  // What the policy sees is frozen: a policy that writes to its input fails (TypeError in strict code).
  for (const side of [diff.before, diff.after]) if (side) deepFreeze(side.documents);
  for (const change of diff.changes) deepFreeze(change);
  deepFreeze(signals);
  const level = policy.meta.defaultLevel === 'off' ? 'warn' : policy.meta.defaultLevel;
  const resolve = (p: Policy) => (p === policy ? { level, options } : { level: p.meta.defaultLevel, options: p.defaultOptions ?? {} });
  return evaluatePolicies([policy], [diff], signals, resolve, inventory, pack.filter((p) => p.id !== policy.id));
}

// Object.freeze is shallow: an object that comes frozen may hold writable ones, so the walk goes
// on below it (`seen`, not isFrozen, ends it, and keeps a cycle from looping).
function deepFreeze<T>(value: T, seen = new WeakSet<object>()): T {
  if (value !== null && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v, seen);
  }
  return value;
}
