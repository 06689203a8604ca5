import type { Change, Signal } from '../model.js';
import type { ConfigFile } from '../model.js';
import { inputError } from '../errors.js';
import { parseConfigFile } from '../load/index.js';
import { compileCel, compileTemplate, holds, toCelValue, type CompiledExpression, type CompiledTemplate } from './cel.js';
import { schemaValidator } from './schemas.js';
import { validatePolicy } from './validate-policy.js';
import { pointerToPath } from '../json-pointer.js';
import type { Policy, PolicyContext, PolicyExample } from './types.js';

interface DataPolicyDoc {
  id: string;
  description: string;
  rationale?: string;
  docs?: string;
  fallback?: boolean;
  level?: Policy['meta']['defaultLevel'];
  options?: Record<string, unknown>;
  optionsSchema?: object;
  match?: Policy['match'];
  when?: string | string[];
  message?: string;
  messageId?: string;
  nextStep?: string;
  rules?: Array<{ messageId: string; when: string | string[]; message: string; nextStep?: string }>;
  threshold?: { kinds: string[]; when: string | string[] };
  examples?: { valid?: PolicyExample[]; invalid?: PolicyExample[] };
}

interface CompiledRule {
  messageId: string;
  when: CompiledExpression[];
  message: CompiledTemplate;
  nextStep?: CompiledTemplate;
}

/** Parses, validates and compiles one policy file. Every problem is an InputError naming the file and line. */
export function loadDataPolicy(path: string, text: string): Policy {
  const file = parseConfigFile({ path, text, bytes: Buffer.byteLength(text) });
  const doc = file.documents[0];
  const validate = schemaValidator('policy.schema.json');
  if (!validate(doc)) {
    const error = validate.errors![0];
    const at = [...pointerToPath(error.instancePath)];
    throw inputError(path, `invalid policy: ${error.instancePath || '/'} ${error.message}`, file.locate(0, at).line);
  }
  return compileDataPolicy(doc as DataPolicyDoc, path, file);
}

function compileDataPolicy(doc: DataPolicyDoc, path: string, file: ConfigFile): Policy {
  const compile = <T>(fn: () => T, at: (string | number)[]): T => {
    try {
      return fn();
    } catch (error) {
      throw inputError(path, (error as Error).message, file.locate(0, at).line);
    }
  };
  const list = (when: string | string[]) => (Array.isArray(when) ? when : [when]);
  const rules: CompiledRule[] = doc.rules
    ? doc.rules.map((rule, i) => ({
        messageId: rule.messageId,
        when: list(rule.when).map((w, k) => compile(() => compileCel(w), ['rules', i, 'when', ...(Array.isArray(rule.when) ? [k] : [])])),
        message: compile(() => compileTemplate(rule.message), ['rules', i, 'message']),
        ...(rule.nextStep ? { nextStep: compile(() => compileTemplate(rule.nextStep!), ['rules', i, 'nextStep']) } : {}),
      }))
    : [
        {
          messageId: doc.messageId ?? 'default',
          when: list(doc.when!).map((w, k) => compile(() => compileCel(w), ['when', ...(Array.isArray(doc.when) ? [k] : [])])),
          message: compile(() => compileTemplate(doc.message!), ['message']),
          ...(doc.nextStep ? { nextStep: compile(() => compileTemplate(doc.nextStep!), ['nextStep']) } : {}),
        },
      ];

  const threshold = doc.threshold && {
    kinds: doc.threshold.kinds,
    when: list(doc.threshold.when).map((w, k) =>
      compile(() => compileCel(w), ['threshold', 'when', ...(Array.isArray(doc.threshold!.when) ? [k] : [])]),
    ),
  };

  const fire = (ctx: PolicyContext<Record<string, unknown>>, activation: Record<string, unknown>) => {
    for (const rule of rules) {
      if (rule.when.every((cond) => holds(cond, activation))) {
        const nextStep = rule.nextStep?.render(activation);
        ctx.report({ messageId: rule.messageId, message: rule.message.render(activation), ...(nextStep ? { nextStep } : {}) });
      }
    }
  };

  const messages = Object.fromEntries(
    doc.rules ? doc.rules.map((r) => [r.messageId, r.message]) : [[doc.messageId ?? 'default', doc.message!]],
  );
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
                return threshold.when.every((cond) => holds(cond, activation));
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
