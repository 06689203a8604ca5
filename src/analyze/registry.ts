// The analyzer registry of one run: the built-in analyzers and the library's user analyzers,
// in one list with one shape, and the check of what the config says about them (`analyzers:`
// steering names, `analyzerOptions.<name>` against each analyzer's options schema).
import type { JsonPath } from '../model.js';
import { InputError } from '../errors.js';
import { firstError, optionsValidator, type ValidateFunction } from '../ajv.js';
import { didYouMean } from '../suggest.js';
import type { AnalyzerDefinition } from './types.js';

const NO_OPTIONS = Object.freeze({ type: 'object', additionalProperties: false, properties: {} });

type Options = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** What `.configgate.yml` says about analyzers. */
export interface AnalyzerConfig {
  analyzers?: ReadonlyArray<{ analyzer: string }>;
  analyzerOptions?: Readonly<Record<string, unknown>>;
}

/** The built-in analyzers followed by the user's; a name given twice is an error. */
export function registryWith(builtin: readonly AnalyzerDefinition[], extra: readonly AnalyzerDefinition[]): readonly AnalyzerDefinition[] {
  if (extra.length === 0) return builtin;
  const names = new Set(builtin.map((a) => a.name));
  for (const a of extra) {
    if (names.has(a.name)) throw new Error(`analyzer "${a.name}" is registered twice`);
    names.add(a.name);
  }
  return [...builtin, ...extra];
}

/** `file:line` of a path in the config, for messages. */
export type ConfigAt = (path: JsonPath) => string;

function unknownName(at: string, where: string, name: string, known: readonly string[]): Error {
  return new InputError(`${at}: unknown analyzer "${name}" in ${where}${didYouMean(name, known)}; known: ${known.join(', ')}`);
}

/** An option the analyzer's schema does not declare, with a did-you-mean over the declared ones. */
function optionError(at: string, a: AnalyzerDefinition, validate: ValidateFunction): Error {
  const e = validate.errors?.[0];
  const extra = (e?.params as { additionalProperty?: string } | undefined)?.additionalProperty;
  if (e?.keyword === 'additionalProperties' && extra !== undefined && e.instancePath === '') {
    const declared = Object.keys((a.options?.properties as Record<string, unknown> | undefined) ?? {});
    const known = declared.length ? `; it takes ${declared.join(', ')}` : '; it takes none';
    return new InputError(`${at}: unknown option "${extra}" of analyzer "${a.name}"${didYouMean(extra, declared)}${known}`);
  }
  return new InputError(`${at}: options of analyzer "${a.name}": ${firstError(validate)}`);
}

/**
 * Checks the config's analyzer names (`analyzers:` steering, `analyzerOptions` keys) and each
 * analyzer's options against its schema; returns the options by analyzer name. Every problem
 * is one input error at its `file:line`.
 */
export function analyzerOptionsOf(config: AnalyzerConfig, registry: readonly AnalyzerDefinition[], at: ConfigAt): Options {
  const byName = new Map(registry.map((a) => [a.name, a]));
  const known = [...byName.keys()];
  (config.analyzers ?? []).forEach((rule, i) => {
    if (!byName.has(rule.analyzer)) throw unknownName(at(['analyzers', i, 'analyzer']), 'analyzers', rule.analyzer, known);
  });
  const out: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const [name, value] of Object.entries(config.analyzerOptions ?? {})) {
    const a = byName.get(name);
    if (!a) throw unknownName(at(['analyzerOptions', name]), 'analyzerOptions', name, known);
    const validate = optionsValidator(a.options ?? NO_OPTIONS);
    if (!validate(value)) throw optionError(at(['analyzerOptions', name]), a, validate);
    out[name] = Object.freeze({ ...(value as Record<string, unknown>) });
  }
  return Object.freeze(out);
}
