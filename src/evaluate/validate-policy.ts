import { inputError } from '../errors.js';
import { firstError, optionsValidator } from '../ajv.js';
import type { Policy, PolicyLevel } from './types.js';
import { SIGNAL_CATALOGUE } from '../analyze/signals.js';

/** The levels a policy may default to. */
export const POLICY_LEVELS: readonly PolicyLevel[] = ['off', 'notice', 'warn', 'rollout', 'block'];

/** Dotted, lower-case, at least two parts: `verbosity.global-raise`. */
export const POLICY_ID_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

/**
 * The one check every policy passes once built, data or code: a stable id, a known default
 * level, an options schema that compiles, default options it accepts, at least one message.
 * Throws an InputError `<source>: policy <id>: <problem>`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a policy of any options type
export function validatePolicy(policy: Policy<any>): void {
  const source = policy.source;
  const fail = (problem: string): never => {
    throw inputError(source, `policy ${typeof policy.id === 'string' ? `"${policy.id}"` : '(no id)'}: ${problem}`);
  };
  if (typeof policy.id !== 'string' || !POLICY_ID_PATTERN.test(policy.id)) {
    fail(`id must be dotted lower-case words (${POLICY_ID_PATTERN.source})`);
  }
  const meta = policy.meta;
  if (!meta || typeof meta !== 'object') return fail('meta is required');
  if (!POLICY_LEVELS.includes(meta.defaultLevel)) {
    fail(`meta.defaultLevel must be one of ${POLICY_LEVELS.join('|')}, got ${JSON.stringify(meta.defaultLevel)}`);
  }
  if (!meta.messages || typeof meta.messages !== 'object' || Object.keys(meta.messages).length === 0) {
    fail('meta.messages must declare at least one message id');
  }
  for (const kind of meta.threshold?.kinds ?? []) {
    const known = Object.values(SIGNAL_CATALOGUE).some((type) => Object.hasOwn(type.kinds, kind));
    if (!known) fail(`threshold.kinds: unknown signal kind "${kind}"`);
  }
  // The built-in policies' schemas and defaults are checked by their tests, not compiled on every run.
  if (policy.optionsSchema !== undefined && !policy.source.startsWith('builtin:')) {
    let validate;
    try {
      validate = optionsValidator(policy.optionsSchema);
    } catch (error) {
      return fail(`optionsSchema does not compile: ${(error as Error).message}`);
    }
    if (!validate(policy.defaultOptions ?? {})) fail(`defaultOptions do not match optionsSchema: ${firstError(validate)}`);
  }
}

/** A report by a message id the policy never declared is the policy's bug: said at report time. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a policy of any options type
export function checkMessageId(policy: Policy<any>, messageId: string): void {
  if (!Object.hasOwn(policy.meta.messages, messageId)) {
    const declared = Object.keys(policy.meta.messages).join(', ');
    throw inputError(policy.source, `policy "${policy.id}" reported undeclared messageId "${messageId}" (declared: ${declared})`);
  }
}
