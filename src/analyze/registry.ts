// The analyzer registry of one run: the built-in analyzers and the library's user analyzers,
// in one list with one shape, and the check of what the config says about them (`analyzers:`
// steering names, `analyzerOptions.<name>` against each analyzer's options schema).
import { inputError } from '../errors.js';
import { firstError, optionsValidator } from '../evaluate/schemas.js';
import type { AnalyzerDefinition } from './types.js';

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

/** The closest of `candidates` to `name` (edit distance at most 2, or a prefix), for a did-you-mean. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const c of candidates) {
    const d = c.startsWith(name) || name.startsWith(c) ? 1 : distance(name.toLowerCase(), c.toLowerCase());
    if (d <= 2 && (!best || d < best.d)) best = { name: c, d };
  }
  return best?.name;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

function unknownName(source: string, where: string, name: string, known: readonly string[]): Error {
  const guess = closest(name, known);
  const hint = guess ? ` (did you mean "${guess}"?)` : ` (known: ${known.join(', ')})`;
  return inputError(source, `${where}: unknown analyzer "${name}"${hint}`);
}

/** An option the analyzer's schema does not declare, with a did-you-mean over the declared ones. */
function optionError(source: string, a: AnalyzerDefinition, validate: ReturnType<typeof optionsValidator>): Error {
  const e = validate.errors?.[0];
  const extra = (e?.params as { additionalProperty?: string } | undefined)?.additionalProperty;
  if (e?.keyword === 'additionalProperties' && extra !== undefined && e.instancePath === '') {
    const declared = Object.keys((a.options?.properties as Record<string, unknown> | undefined) ?? {});
    const guess = closest(extra, declared);
    const hint = guess ? ` (did you mean "${guess}"?)` : declared.length ? ` (options: ${declared.join(', ')})` : ' (it takes no options)';
    return inputError(source, `analyzerOptions.${a.name}: unknown option "${extra}"${hint}`);
  }
  return inputError(source, `analyzerOptions.${a.name}: ${firstError(validate)}`);
}

/**
 * Checks the config's analyzer names and options against the registry; returns the options
 * by analyzer name. Unknown names and invalid options are input errors naming `source`.
 */
export function analyzerOptionsOf(config: AnalyzerConfig, registry: readonly AnalyzerDefinition[], source: string): Options {
  const byName = new Map(registry.map((a) => [a.name, a]));
  const known = [...byName.keys()];
  (config.analyzers ?? []).forEach((rule, i) => {
    if (!byName.has(rule.analyzer)) throw unknownName(source, `analyzers[${i}]`, rule.analyzer, known);
  });
  const out: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const [name, value] of Object.entries(config.analyzerOptions ?? {})) {
    const a = byName.get(name);
    if (!a) throw unknownName(source, 'analyzerOptions', name, known);
    const schema = a.options ?? { type: 'object', additionalProperties: false, properties: {} };
    const validate = optionsValidator(schema);
    if (!validate(value)) throw optionError(source, a, validate);
    out[name] = Object.freeze({ ...(value as Record<string, unknown>) });
  }
  return Object.freeze(out);
}
