import type { Change, Signal } from '../model.js';
import type { ConfigFile, JsonPath } from '../model.js';
import { inputError } from '../errors.js';
import { parseConfigFile } from '../load/index.js';
import { CelChecker, comparedLiterals, compileTemplate, evaluate, toCelValue, type CompiledExpression, type CompiledTemplate } from './cel.js';
import { optionsType, policyVariables } from './cel-variables.js';
import { firstError, firstErrorPath, schemaValidator } from '../ajv.js';
import { SIGNAL_CATALOGUE } from '../analyze/signals.js';
import { didYouMean } from '../suggest.js';
import { validatePolicy } from './validate-policy.js';
import type { Policy, PolicyContext, PolicyExample } from './types.js';

interface DataPolicyDoc {
  id: string;
  description: string;
  rationale?: string;
  docs?: string;
  fallback?: boolean;
  level?: Policy['meta']['defaultLevel'];
  failurePolicy?: FailurePolicy;
  options?: Record<string, unknown>;
  optionsSchema?: object;
  match?: Policy['match'];
  when?: string | string[];
  message?: string;
  messageId?: string;
  rules?: Array<{ messageId: string; when: string | string[]; message: string }>;
  threshold?: { kinds: string[]; when: string | string[] };
  examples?: { valid?: PolicyExample[]; invalid?: PolicyExample[] };
}

/** What a data policy does when a condition cannot be evaluated (Kubernetes admission's `failurePolicy`). */
export type FailurePolicy = 'fail' | 'ignore';

/** The message id of the finding a data policy raises when it cannot be evaluated (`failurePolicy: fail`). */
export const EVALUATION_FAILED = 'evaluation-failed';

interface CompiledRule {
  messageId: string;
  when: Array<{ text: string; run: CompiledExpression }>;
  message: CompiledTemplate;
}

/**
 * Parses, validates and compiles one policy file. Every problem is an InputError naming the file and line.
 * `parsed` is the document already read (the built-in pack's build-time copy, dist/builtin-pack.json):
 * the text is then parsed only if a line is wanted for an error.
 */
export function loadDataPolicy(path: string, text: string, parsed?: { doc: unknown }): Policy {
  let file: ConfigFile | undefined;
  const fileOf = () => (file ??= parseConfigFile({ path, text, bytes: Buffer.byteLength(text) }));
  const doc = parsed ? parsed.doc : fileOf().documents[0];
  const lineOf = (where: JsonPath) => fileOf().locate(0, where).line;
  // The built-in pack is checked by its tests (test/policies), not on every run: a run that
  // changes nothing never compiles the policy schema or a CEL expression.
  if (isBuiltin(path)) return compileDataPolicy(doc as DataPolicyDoc, path, lineOf);
  const validate = schemaValidator('policy.schema.json');
  if (!validate(doc)) {
    throw inputError(path, `invalid policy: ${firstError(validate)}`, lineOf(firstErrorPath(validate)));
  }
  return compileDataPolicy(doc as DataPolicyDoc, path, lineOf);
}

function compileDataPolicy(doc: DataPolicyDoc, path: string, lineOf: (where: JsonPath) => number): Policy {
  const at = (where: (string | number)[], problem: string) => inputError(path, problem, lineOf(where));
  const checker = new CelChecker(policyVariables(optionsType(doc.optionsSchema, doc.options ?? {}), Boolean(doc.match?.signals?.length)));
  const compile = <T>(fn: () => T, where: (string | number)[]): T => {
    try {
      return fn();
    } catch (error) {
      throw at(where, (error as Error).message);
    }
  };
  const conditions = (when: string | string[], where: (string | number)[]) =>
    (Array.isArray(when) ? when : [when]).map((text, k) => {
      const here = Array.isArray(when) ? [...where, k] : where;
      const run = compile(() => checker.compile(text, 'bool'), here);
      const unknown = unknownLiteral(text, doc.match?.signals);
      if (unknown) throw at(here, `CEL error in "${text}": ${unknown}`);
      return { text, run };
    });
  const ruleDocs = doc.rules ?? [{ messageId: doc.messageId ?? 'default', when: doc.when!, message: doc.message! }];
  const base = doc.rules ? (i: number) => ['rules', i] : () => [];
  const compileRules = (): CompiledRule[] =>
    ruleDocs.map((rule, i) => {
      if (rule.messageId === EVALUATION_FAILED) throw at([...base(i), 'messageId'], `messageId "${EVALUATION_FAILED}" is reserved`);
      return {
        messageId: rule.messageId,
        when: conditions(rule.when, [...base(i), 'when']),
        message: compile(() => compileTemplate(rule.message, checker), [...base(i), 'message']),
      };
    });
  // A threshold that cannot be evaluated (a field missing) counts as reached: an unmeasured size is not small.
  const compileThreshold = () => doc.threshold && conditions(doc.threshold.when, ['threshold', 'when']);
  // A user's policy compiles here, so that its errors are load errors; the built-in pack's when first evaluated.
  let rulesOnce = isBuiltin(path) ? undefined : compileRules();
  let thresholdOnce = isBuiltin(path) ? undefined : compileThreshold();
  const rulesOf = () => (rulesOnce ??= compileRules());
  const thresholdOf = () => (thresholdOnce ??= compileThreshold())!;
  const failurePolicy = doc.failurePolicy ?? 'fail';
  const threshold = doc.threshold && { kinds: doc.threshold.kinds };
  const fire = (ctx: PolicyContext<Record<string, unknown>>, activation: Record<string, unknown>) => {
    for (const rule of rulesOf()) {
      const outcome = ruleOutcome(rule, activation);
      if (outcome === true) ctx.report({ messageId: rule.messageId, message: rule.message.render(activation) });
      else if (outcome !== false && failurePolicy === 'fail') {
        ctx.report({ messageId: EVALUATION_FAILED, message: `could not be evaluated: "${outcome.expression}": ${outcome.reason}` });
      }
    }
  };

  const messages: Record<string, string> = Object.fromEntries(ruleDocs.map((r) => [r.messageId, r.message]));
  if (failurePolicy === 'fail') messages[EVALUATION_FAILED] = 'the policy could not be evaluated: {{ reason }}';
  const policy: Policy = {
    id: doc.id,
    source: path,
    meta: {
      description: doc.description,
      rationale: doc.rationale,
      docs: doc.docs,
      ...(doc.fallback ? { fallback: true } : {}),
      ...(threshold
        ? {
            threshold: {
              kinds: threshold.kinds,
              reached: (signal: Signal, ctx: PolicyContext<Record<string, unknown>>) => {
                const activation = activationFor(ctx, undefined, signal);
                return ruleOutcome({ when: thresholdOf() } as CompiledRule, activation) !== false;
              },
            },
          }
        : {}),
      defaultLevel: doc.level ?? 'warn',
      messages,
      examples: doc.examples ? { valid: doc.examples.valid ?? [], invalid: doc.examples.invalid ?? [] } : undefined,
    },
    optionsSchema: doc.optionsSchema,
    defaultOptions: doc.options ?? {},
    match: doc.match,
  };
  if (doc.match?.signals?.length) {
    policy.checkSignal = (signal, ctx) => fire(ctx, activationFor(ctx, undefined, signal));
  } else {
    policy.checkChange = (change, ctx) => fire(ctx, activationFor(ctx, change, undefined));
  }
  validatePolicy(policy);
  return policy;
}

const isBuiltin = (source: string): boolean => source.startsWith('builtin:');

/** All conditions hold (true), one does not (false), or one could not be evaluated. */
function ruleOutcome(rule: CompiledRule, activation: Record<string, unknown>): boolean | { expression: string; reason: string } {
  for (const condition of rule.when) {
    const result = evaluate(condition.run, activation);
    if (!result.ok) return { expression: condition.text, reason: result.reason };
    if (typeof result.value !== 'boolean') return { expression: condition.text, reason: `gave ${typeof result.value}, not a bool` };
    if (!result.value) return false;
  }
  return true;
}

const CHANGE_KINDS = ['added', 'removed', 'modified', 'moved'];
const DIRECTIONS = ['risky', 'safe', 'neutral'];
const FILE_STATUSES = ['added', 'deleted', 'modified', 'renamed'];

/**
 * A string compared with a field that has a fixed vocabulary must be in it: `signal.kind ==
 * 'level-raise'` would never hold. Signal kinds are those of the types the policy matches.
 */
function unknownLiteral(expression: string, types: readonly string[] | undefined): string | undefined {
  const catalogue = SIGNAL_CATALOGUE as Record<string, { kinds: Record<string, unknown> }>;
  const kinds = (types?.length ? types : Object.keys(catalogue)).flatMap((t) => Object.keys(catalogue[t]?.kinds ?? {}));
  const vocabularies: Array<[string, string, readonly string[], string]> = [
    ['signal', 'kind', kinds, `signal kind of ${types?.length ? `[${types.join(', ')}]` : 'any type'}`],
    ['signal', 'type', Object.keys(catalogue), 'signal type'],
    ['signal', 'direction', DIRECTIONS, 'direction'],
    ['change', 'kind', CHANGE_KINDS, 'change kind'],
    ['file', 'status', FILE_STATUSES, 'file status'],
  ];
  for (const [variable, field, known, what] of vocabularies) {
    for (const literal of comparedLiterals(expression, variable, field)) {
      if (!known.includes(literal)) return `unknown ${what} "${literal}"${didYouMean(literal, known)}`;
    }
  }
  return undefined;
}

/** What CEL sees. Documents are passed as parsed (plain data already); the rest is cleaned of undefined. */
export function activationFor(
  ctx: PolicyContext<Record<string, unknown>>,
  change: Change | undefined,
  signal: Signal | undefined,
): Record<string, unknown> {
  const activation: Record<string, unknown> = {
    options: celOnce(ctx.options),
    file: { path: ctx.file.path, status: ctx.file.status, ...(ctx.file.oldPath ? { oldPath: ctx.file.oldPath } : {}) },
    inventory: ctx.inventory ? celOnce(ctx.inventory) : {},
    old: ctx.oldDocument ?? null,
    new: ctx.newDocument ?? null,
  };
  if (change) activation.change = toCelValue(changeView(change));
  if (signal) {
    const { changes, ...rest } = signal;
    activation.signal = toCelValue(rest);
    if (changes[0]) activation.change = toCelValue(changeView(changes[0]));
  }
  return activation;
}

const celValues = new WeakMap<object, unknown>();

/** Options and the inventory are shared by every evaluation: converted for CEL once each. */
function celOnce(value: object): unknown {
  let converted = celValues.get(value);
  if (converted === undefined) {
    converted = toCelValue(value);
    celValues.set(value, converted);
  }
  return converted;
}

function changeView(change: Change): Record<string, unknown> {
  const key = change.path.length > 0 ? change.path[change.path.length - 1] : '';
  return {
    file: change.file,
    path: [...change.path],
    pathText: change.pathText,
    key: typeof key === 'number' ? String(key) : key,
    kind: change.kind,
    line: change.line,
    ...(change.kind !== 'added' ? { before: change.before ?? null } : {}),
    ...(change.kind !== 'removed' ? { after: change.after ?? null } : {}),
  };
}
