import picomatch from 'picomatch';
import { basename, dirname, join, resolve as resolvePath } from 'node:path';
import { existsSync } from 'node:fs';
import type { FailOn, Level, RolloutStage, Waiver } from '../model.js';
import type { Inventory } from '../analyze/types.js';
import { InputError, inputError } from '../errors.js';
import { parseConfigFile } from '../load/index.js';
import type { LoadLimits } from '../load/index.js';
import { parseInventory } from '../analyze/inventory.js';
import { builtinPolicyDir } from '../assets.js';
import { loadDataPolicy, PolicyRegistry, type Binding, type Policy, type ResolveBinding } from '../evaluate/index.js';
import { firstError, optionsValidator, schemaValidator } from '../evaluate/schemas.js';
import { fsReader, type TrustedReader } from './reader.js';
import { DEFAULT_STAGES } from '../decide.js';
import { pointerToPath } from '../json-pointer.js';
import { filterFor, type FileFilter } from '../sources/index.js';

export { fsReader, gitReader, type TrustedReader } from './reader.js';

export const CONFIG_NAMES = ['.configgate.yml', '.configgate.yaml'];

type RuleSetting = Level | [Level, Record<string, unknown>?] | { level?: Level; options?: Record<string, unknown> };

/** `.configgate.yml` as written (validated against schemas/config.schema.json). */
export interface ConfigFileData {
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
  headroom?: number;
  schemas?: Array<{ files: string[]; schema: string }>;
  rollout?: { stages?: Array<{ name: string; share: number; bakeMinutes?: number }> };
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
}

export interface SetupOptions {
  reader: TrustedReader;
  /** Absolute path of the config file; when absent, defaults apply. */
  configPath?: string;
  /** Policies given through the API, added after the built-in and configured ones. */
  extraPolicies?: Policy<any>[];
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

export async function loadSetup(opts: SetupOptions): Promise<GateSetup> {
  const { reader } = opts;
  let data: ConfigFileData = {};
  const ownFiles: string[] = [];
  if (opts.configPath) {
    const text = await reader.read(opts.configPath);
    if (text === undefined) throw new InputError(`${reader.display(opts.configPath)}: config file not found`);
    data = parseConfig(reader.display(opts.configPath), text);
    ownFiles.push(reader.display(opts.configPath));
  }
  const registry = new PolicyRegistry();
  if (data.builtin !== false) {
    const builtin = fsReader(builtinPolicyDir());
    for (const path of await builtin.list(builtinPolicyDir())) {
      if (!/\.ya?ml$/.test(path)) continue;
      registry.add(loadDataPolicy(`builtin:${basename(path)}`, (await builtin.read(path))!));
    }
  }
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
    inventory = parseInventory(file.documents[0] ?? {}, shown);
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
  checkRuleIds(data, registry, configName);
  return {
    configPath: opts.configPath,
    ownFiles,
    data,
    policies,
    resolve: bindingResolver(data, configName),
    waivers: (data.waivers ?? []).map((w, i) => ({ ...w, id: w.id ?? `${w.policy}#${i + 1}` })),
    inventory,
    schemas,
    stages: (data.rollout?.stages ?? DEFAULT_STAGES).map((s) => ({ bakeMinutes: 60, ...s })),
    readerLabel: reader.label,
  };
}

/** Parses and validates `.configgate.yml`; every problem names the file and line. */
export function parseConfig(path: string, text: string): ConfigFileData {
  const file = parseConfigFile({ path, text, bytes: Buffer.byteLength(text) });
  const doc = file.documents[0] ?? {};
  const validate = schemaValidator('config.schema.json');
  if (!validate(doc)) {
    throw inputError(path, `invalid config: ${firstError(validate)}`, file.locate(0, pointerToPath(validate.errors![0].instancePath)).line);
  }
  return doc as ConfigFileData;
}

function normalizeRule(setting: RuleSetting): { level?: Level; options?: Record<string, unknown> } {
  if (typeof setting === 'string') return { level: setting };
  if (Array.isArray(setting)) return { level: setting[0], options: setting[1] };
  return setting;
}

function checkRuleIds(data: ConfigFileData, registry: PolicyRegistry, configName: string): void {
  const named = [data.rules ?? {}, ...(data.overrides ?? []).map((o) => o.rules)];
  for (const rules of named) {
    for (const id of Object.keys(rules)) {
      if (!registry.has(id) && !id.startsWith('gate.') && !id.startsWith('waiver.')) {
        throw new InputError(`${configName}: unknown policy "${id}" in rules`);
      }
      const policy = registry.get(id);
      const options = normalizeRule(rules[id]).options;
      if (policy?.optionsSchema && options) {
        const validate = optionsValidator(policy.optionsSchema);
        if (!validate({ ...(policy.defaultOptions ?? {}), ...options })) {
          throw new InputError(`${configName}: options of "${id}": ${firstError(validate)}`);
        }
      }
    }
  }
}

/** The level and options of a policy on a file: defaults, then `rules`, then matching `overrides` in order. */
function bindingResolver(data: ConfigFileData, _configName: string): ResolveBinding {
  const overrides = (data.overrides ?? []).map((o) => ({ test: picomatch(o.files, { dot: true }), rules: o.rules }));
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

/** The level of one of the gate's own checks (`gate.*`, `waiver.*`), which are not policies. */
export function builtinCheckLevel(data: ConfigFileData, id: string, fallback: Level): Level {
  const setting = data.rules?.[id];
  return setting === undefined ? fallback : (normalizeRule(setting).level ?? fallback);
}
