import { basename, dirname, join, resolve as resolvePath } from 'node:path';
import { existsSync } from 'node:fs';
import type { FailOn, JsonPath, Level, RolloutCheck, RolloutScope, RolloutStage, Waiver } from '../model.js';
import type { Inventory } from '../analyze/types.js';
import { InputError, inputError } from '../errors.js';
import { parseConfigFile } from '../load/index.js';
import type { LoadLimits } from '../load/index.js';
import { parseInventory } from '../analyze/inventory.js';
import { analyzerOptionsOf, analyzersWith, type AnalyzerDefinition } from '../analyze/index.js';
import { didYouMean } from '../suggest.js';
import { globMatcher } from '../match.js';
import { builtinPackDocs, builtinPolicyDir } from '../assets.js';
import { GATE_CHECKS, loadDataPolicy, PolicyRegistry, type Binding, type Policy, type ResolveBinding } from '../evaluate/index.js';
import { firstError, firstErrorPath, optionsValidator, schemaValidator } from '../ajv.js';
import { CONFIG_NAMES, fsReader, type TrustedReader } from './reader.js';
import { DEFAULT_STAGES } from '../decide.js';
import { filterFor, type FileFilter } from '../sources/index.js';

export { CONFIG_NAMES, fsReader, gitReader, type TrustedReader } from './reader.js';

type RuleSetting = Level | [Level, Record<string, unknown>?] | { level?: Level; options?: Record<string, unknown> };

/** `.configgate.yml` as written (validated against schemas/config.schema.json). */
export interface ConfigFileData {
  /** Stop here: a nested config is not merged over the configs above it. */
  root?: boolean;
  files?: string[];
  ignore?: string[];
  builtin?: boolean;
  policies?: string[];
  rules?: Record<string, RuleSetting>;
  overrides?: Array<{ files: string[]; rules: Record<string, RuleSetting> }>;
  identity?: { keys?: string[]; paths?: Array<{ path: string; key: string }> };
  inventory?: string;
  waivers?: Array<Omit<Waiver, 'id'> & { id?: string }>;
  failOn?: FailOn;
  limits?: Partial<LoadLimits>;
  analyzers?: Array<{ files?: string[]; path: string; analyzer: string }>;
  /** Options per analyzer name, validated against each analyzer's schema when the analyzers run. */
  analyzerOptions?: Record<string, Record<string, unknown>>;
  headroom?: number;
  schemas?: Array<{ files: string[]; schema: string }>;
  rollout?: { plan?: string; stages?: ConfigRolloutStage[] };
}

/** A stage of the config's default plan: `{ name, share, bakeMinutes }`, or a plan stage (`scope`, `bake`, `checks`). */
export interface ConfigRolloutStage {
  name: string;
  share?: number;
  bakeMinutes?: number;
  bake?: string;
  scope?: RolloutScope;
  checks?: RolloutCheck[];
  rollback?: string;
}

/** The files that count as configuration: the config's `files` and `ignore`, over the defaults. */
export function fileFilterOf(setup: GateSetup): FileFilter {
  return filterFor(setup.data.files, setup.data.ignore);
}

/** Everything the gate needs that comes from the trusted side: config, policies, inventory. */
export interface GateSetup {
  /** Path of the config file read, or undefined when defaults are used. */
  configPath?: string;
  /** The paths (as shown to users) of the gate's own files: a change to them is reported. */
  ownFiles: string[];
  data: ConfigFileData;
  policies: Policy[];
  resolve: ResolveBinding;
  waivers: Waiver[];
  inventory?: Inventory;
  schemas: Array<{ files: string[]; schema: object; source: string }>;
  stages: RolloutStage[];
  readerLabel: string;
  /** The library's analyzers, and every analyzer's options from `analyzerOptions` (validated). */
  analyzers?: readonly AnalyzerDefinition[];
  analyzerOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface SetupOptions {
  reader: TrustedReader;
  /** Absolute path of the config file; when absent, defaults apply. */
  configPath?: string;
  /** Policies given through the API, added after the built-in and configured ones. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a policy of any options type
  extraPolicies?: Policy<any>[];
  /** Analyzers given through the API, run after the built-in ones (and steerable by name). */
  extraAnalyzers?: readonly AnalyzerDefinition[];
  /** A config already read (nested configs merged, see tree.ts): used instead of reading `configPath`. */
  config?: LoadedConfig;
}

/** A config as read: its data, where each part of it is written, and the config files it came from. */
export interface LoadedConfig {
  data: ConfigFileData;
  /** `file:line` of a path in the data, for messages. */
  at(path: JsonPath): string;
  /** The config files (absolute), nearest first. */
  files: string[];
  /** Whether a path is written by a config above the nearest (a rule for a policy this one does not load is then no error). */
  inherited?(path: JsonPath): boolean;
}

let builtinPack: Promise<Policy[]> | undefined;

/** The built-in pack, read and compiled once per process: every config of a run (nested ones) shares it. */
function builtinPolicies(): Promise<Policy[]> {
  builtinPack ??= (async () => {
    const builtin = fsReader(builtinPolicyDir());
    const paths = (await builtin.list(builtinPolicyDir())).filter((path) => /\.ya?ml$/.test(path));
    const parsed = builtinPackDocs();
    return Promise.all(
      paths.map(async (path) => {
        const text = (await builtin.read(path))!;
        const copy = parsed[basename(path)];
        return loadDataPolicy(`builtin:${basename(path)}`, text, copy?.text === text ? { doc: copy.doc } : undefined);
      }),
    );
  })();
  return builtinPack;
}

/** Finds `.configgate.yml` from `dir` upward (stopping at the repository root or the filesystem root). */
export function findConfig(dir: string): string | undefined {
  let current = dir;
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(current, name);
      if (existsSync(candidate)) return candidate;
    }
    if (existsSync(join(current, '.git'))) return undefined;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * The config file a trusted reader holds: the one named, else `.configgate.yml` (or `.yaml`)
 * in `cwd` if that commit has one, else none (the defaults apply).
 */
export async function findTrustedConfig(reader: TrustedReader, cwd: string, named?: string): Promise<string | undefined> {
  if (named) return resolvePath(cwd, named);
  for (const name of CONFIG_NAMES) {
    const candidate = resolvePath(cwd, name);
    if ((await reader.read(candidate)) !== undefined) return candidate;
  }
  return undefined;
}

/** Loads the config at `configPath` through `reader` (or the defaults), its policies, inventory, schemas and waivers; every problem is an InputError naming the file and line. */
export async function loadSetup(opts: SetupOptions): Promise<GateSetup> {
  const { reader } = opts;
  let data: ConfigFileData = {};
  const ownFiles: string[] = [];
  let at = (_: JsonPath) => '(defaults)';
  let analyzerOptions: GateSetup['analyzerOptions'] = {};
  if (opts.config) {
    ({ data, at } = opts.config);
    analyzerOptions = analyzerOptionsOf(data, analyzersWith(opts.extraAnalyzers ?? []), at);
    ownFiles.push(...opts.config.files.map((f) => reader.display(f)));
  } else if (opts.configPath) {
    const text = await reader.read(opts.configPath);
    if (text === undefined) throw new InputError(`${reader.display(opts.configPath)}: config file not found`);
    ({ data, at, analyzerOptions } = readConfig(reader.display(opts.configPath), text, opts.extraAnalyzers));
    ownFiles.push(reader.display(opts.configPath));
  }
  const registry = new PolicyRegistry();
  for (const check of Object.values(GATE_CHECKS)) registry.add(check);
  if (data.builtin !== false) for (const policy of await builtinPolicies()) registry.add(policy);
  for (const dir of data.policies ?? []) {
    const abs = reader.resolve(opts.configPath!, dir);
    for (const path of await reader.list(abs)) {
      if (!/\.ya?ml$/.test(path)) continue;
      const shown = reader.display(path);
      ownFiles.push(shown);
      registry.replace(loadDataPolicy(shown, (await reader.read(path))!));
    }
  }
  for (const policy of opts.extraPolicies ?? []) registry.replace(policy);

  let inventory: Inventory | undefined;
  if (data.inventory) {
    const abs = reader.resolve(opts.configPath!, data.inventory);
    const shown = reader.display(abs);
    const text = await reader.read(abs);
    if (text === undefined) throw new InputError(`${shown}: inventory file not found (named in ${reader.display(opts.configPath!)})`);
    const file = parseConfigFile({ path: shown, text, bytes: Buffer.byteLength(text) });
    inventory = parseInventory(file.documents[0] ?? {}, shown, (path) => file.locate(0, path).line);
    ownFiles.push(shown);
  }

  const schemas: GateSetup['schemas'] = [];
  for (const entry of data.schemas ?? []) {
    const abs = reader.resolve(opts.configPath!, entry.schema);
    const shown = reader.display(abs);
    const text = await reader.read(abs);
    if (text === undefined) throw new InputError(`${shown}: schema file not found`);
    const file = parseConfigFile({ path: shown, text, bytes: Buffer.byteLength(text) });
    schemas.push({ files: entry.files, schema: file.documents[0] as object, source: shown });
    ownFiles.push(shown);
  }

  const policies = registry.all();
  const configName = opts.configPath ? reader.display(opts.configPath) : '(defaults)';
  checkRules(data, registry, at, opts.config?.inherited);
  return {
    configPath: opts.configPath,
    ownFiles,
    data,
    policies,
    resolve: bindingResolver(data, configName),
    waivers: (data.waivers ?? []).map((w, i) => ({ ...w, id: w.id ?? `${w.policy}#${i + 1}` })),
    inventory,
    schemas,
    stages: data.rollout?.stages ? data.rollout.stages.map((s) => ({ name: s.name, share: s.share ?? s.scope?.share ?? 100, bakeMinutes: s.bakeMinutes ?? 60 })) : DEFAULT_STAGES,
    readerLabel: reader.label,
    analyzers: opts.extraAnalyzers ?? [],
    analyzerOptions,
  };
}

/** Parses and validates `.configgate.yml`; every problem names the file and line. */
export function parseConfig(path: string, text: string): ConfigFileData {
  return readConfig(path, text).data;
}

export interface ReadConfig {
  data: ConfigFileData;
  /** `file:line` of a path in the config, for messages. */
  at(path: JsonPath): string;
  analyzerOptions: GateSetup['analyzerOptions'];
}

export function readConfig(path: string, text: string, extraAnalyzers: readonly AnalyzerDefinition[] = []): ReadConfig {
  const file = parseConfigFile({ path, text, bytes: Buffer.byteLength(text) });
  const doc = file.documents[0] ?? {};
  const validate = schemaValidator('config.schema.json');
  if (!validate(doc)) {
    throw inputError(path, `invalid config: ${firstError(validate)}`, file.locate(0, firstErrorPath(validate)).line);
  }
  const data = doc as ConfigFileData;
  const at = (where: JsonPath) => (file.documents.length ? `${path}:${file.locate(0, where).line}` : path);
  // Analyzer names (built-in and the library's) and each analyzer's options, against its schema.
  const analyzerOptions = analyzerOptionsOf(data, analyzersWith(extraAnalyzers), at);
  return { data, at, analyzerOptions };
}

/** A rule as written (`block`, `[block, {…}]` or `{ level, options }`) as a level and options. */
export function normalizeRule(setting: RuleSetting): { level?: Level; options?: Record<string, unknown> } {
  if (typeof setting === 'string') return { level: setting };
  if (Array.isArray(setting)) return { level: setting[0], ...(setting[1] ? { options: setting[1] } : {}) };
  return setting;
}

/** Every policy the config names exists, and the options it gives are ones the policy declares and accepts. */
function checkRules(data: ConfigFileData, registry: PolicyRegistry, at: (path: JsonPath) => string, inherited?: (path: JsonPath) => boolean): void {
  const named: Array<[JsonPath, Record<string, RuleSetting>]> = [
    [['rules'], data.rules ?? {}],
    ...(data.overrides ?? []).map((o, i): [JsonPath, Record<string, RuleSetting>] => [['overrides', i, 'rules'], o.rules]),
  ];
  for (const [where, rules] of named) {
    for (const id of Object.keys(rules)) {
      const policy = registry.get(id);
      if (!policy && inherited?.([...where, id])) continue;
      if (!policy) {
        throw new InputError(`${at([...where, id])}: unknown policy "${id}" in rules${didYouMean(id, registry.all().map((p) => p.id))}`);
      }
      const options = normalizeRule(rules[id]).options;
      if (options) checkOptions(policy, options, `${at([...where, id])}: options of "${id}"`);
    }
  }
}

function checkOptions(policy: Policy, options: Record<string, unknown>, where: string): void {
  const declared = declaredOptions(policy);
  for (const key of declared ? Object.keys(options) : []) {
    if (!declared!.includes(key)) {
      const known = declared!.length ? `; it takes ${declared!.join(', ')}` : '; it takes none';
      throw new InputError(`${where}: unknown option "${key}"${didYouMean(key, declared!)}${known}`);
    }
  }
  if (policy.optionsSchema) {
    const validate = optionsValidator(policy.optionsSchema);
    if (!validate({ ...(policy.defaultOptions ?? {}), ...options })) throw new InputError(`${where}: ${firstError(validate)}`);
  }
}

/** The option names a policy declares (schema properties and defaults); undefined when its schema leaves them open. */
function declaredOptions(policy: Policy): string[] | undefined {
  const properties = (policy.optionsSchema as { properties?: object } | undefined)?.properties;
  if (policy.optionsSchema && !properties) return undefined;
  return [...new Set([...Object.keys(properties ?? {}), ...Object.keys(policy.defaultOptions ?? {})])];
}

/** The level and options of a policy on a file: defaults, then `rules`, then matching `overrides` in order. */
function bindingResolver(data: ConfigFileData, _configName: string): ResolveBinding {
  const overrides = (data.overrides ?? []).map((o) => ({ test: globMatcher(o.files), rules: o.rules }));
  const cache = new Map<string, Binding>();
  return (policy, file) => {
    const key = `${policy.id}\0${file}`;
    const hit = cache.get(key);
    if (hit) return hit;
    let level = policy.meta.defaultLevel;
    let options = { ...(policy.defaultOptions ?? {}) } as Record<string, unknown>;
    const apply = (setting: RuleSetting | undefined) => {
      if (setting === undefined) return;
      const rule = normalizeRule(setting);
      if (rule.level) level = rule.level;
      if (rule.options) options = { ...options, ...rule.options };
    };
    apply(data.rules?.[policy.id]);
    for (const o of overrides) if (o.test(file)) apply(o.rules[policy.id]);
    const binding = { level, options };
    cache.set(key, binding);
    return binding;
  };
}
