// Nested configs: the nearest `.configgate.yml` above a file governs it, merged over the configs
// above it up to one that says `root: true`, whatever the working directory. The tree is read
// through a TrustedReader, so a pull request's configs come from its base like every policy.
import { basename, dirname, relative, sep } from 'node:path';
import type { JsonPath, Waiver } from '../model.js';
import type { AnalyzerDefinition } from '../analyze/types.js';
import type { Policy } from '../evaluate/index.js';
import { InputError } from '../errors.js';
import { filterFor, type FileFilter } from '../sources/filter.js';
import { loadSetup, readConfig, type ConfigFileData, type GateSetup, type LoadedConfig } from './index.js';
import { CONFIG_NAMES, type TrustedReader } from './reader.js';
import { mergeConfigs, placeConfig } from './place.js';

/** One config file of the tree. */
export interface ConfigNode {
  /** Absolute path of the file. */
  path: string;
  /** The folder it governs, relative to the tree's root ('' for a config at or above the root). */
  dir: string;
  /** As written, validated. */
  own: ConfigFileData;
  /** Placed at its folder (see place.ts). */
  placed: ConfigFileData;
  at(path: JsonPath): string;
  /** The config it is merged over: the nearest above it, unless it says `root: true`. */
  parent?: ConfigNode;
}

export interface ConfigTree {
  /** The folder paths are relative to: the repository's top, or the folder compared. */
  root: string;
  nodes: readonly ConfigNode[];
  /** The config that governs a root-relative path; undefined when none does (built-in defaults). */
  governing(path: string): ConfigNode | undefined;
  /** Which files count as configuration, each by the config that governs it. */
  filter: FileFilter;
  /** The setup (policies, inventory, levels) of a config merged over its parents; cached. */
  setupOf(node: ConfigNode | undefined): Promise<GateSetup>;
  /** The setups loaded so far. */
  loadedSetups(): Promise<GateSetup[]>;
  /** Each waiver of the given configs and their parents once, kept off the files of a `root: true` config below. */
  waiversOf(nodes: ReadonlyArray<ConfigNode | undefined>): Waiver[];
}

export interface TreeOptions {
  reader: TrustedReader;
  /** Absolute folder the change's paths are relative to. */
  root: string;
  /** A config at or above the root, found beside the compared folder (its `dir` is ''). */
  outer?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a policy of any options type
  extraPolicies?: Policy<any>[];
  extraAnalyzers?: readonly AnalyzerDefinition[];
}

/** Reads every config at or below `root` (and `outer`), validating each against its own lines. */
export async function loadConfigTree(opts: TreeOptions): Promise<ConfigTree> {
  const { reader, root } = opts;
  const found = new Set([...(opts.outer ? [opts.outer] : []), ...((await reader.configsBelow?.(root)) ?? [])]);
  const byDir = new Map<string, ConfigNode>();
  for (const path of [...found].sort(byPreference)) {
    const rel = relative(root, dirname(path)).split(sep).join('/');
    const dir = rel.startsWith('..') ? '' : rel;
    if (byDir.has(dir)) continue;
    const text = await reader.read(path);
    if (text === undefined) throw new InputError(`${reader.display(path)}: config file not found`);
    const { data, at } = readConfig(reader.display(path), text, opts.extraAnalyzers);
    byDir.set(dir, { path, dir, own: data, placed: placeConfig(data, dir, (p) => reader.resolve(path, p)), at });
  }
  for (const node of byDir.values()) if (node.own.root !== true) node.parent = nearestAbove(byDir, node.dir);
  return makeTree(opts, byDir);
}

function makeTree(opts: TreeOptions, byDir: Map<string, ConfigNode>): ConfigTree {
  const nodes = [...byDir.values()];
  const governing = (path: string) => nearestAbove(byDir, path);
  const filters = new Map<ConfigNode | undefined, FileFilter>();
  const filterOf = (node: ConfigNode | undefined) => {
    let filter = filters.get(node);
    if (!filter) {
      const data = node ? mergedData(node).data : {};
      filter = filterFor(data.files, data.ignore);
      filters.set(node, filter);
    }
    return filter;
  };
  const base = filterOf(governing('.'));
  const setups = new Map<ConfigNode | undefined, Promise<GateSetup>>();
  return {
    root: opts.root,
    nodes,
    governing,
    filter: nodes.some((n) => n.dir !== '') ? { ...base, route: (path) => filterOf(governing(path)) } : base,
    setupOf(node) {
      let setup = setups.get(node);
      if (!setup) {
        const config = node ? mergedData(node) : undefined;
        setup = loadSetup({ reader: opts.reader, configPath: node?.path, config, extraPolicies: opts.extraPolicies, extraAnalyzers: opts.extraAnalyzers });
        setups.set(node, setup);
      }
      return setup;
    },
    waiversOf: (used) => treeWaivers(nodes, used),
    loadedSetups: () => Promise.all(setups.values()),
  };
}

/** The nearest config in a folder strictly above `path`'s own name (a folder or a file). */
function nearestAbove(byDir: Map<string, ConfigNode>, path: string): ConfigNode | undefined {
  let dir = path;
  while (dir !== '') {
    const cut = dir.lastIndexOf('/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
    const node = byDir.get(dir);
    if (node) return node;
  }
  return undefined;
}

/** A config merged over its parents, with where each part of it is written. */
function mergedData(node: ConfigNode): LoadedConfig {
  const chain: ConfigNode[] = [];
  for (let n: ConfigNode | undefined = node; n; n = n.parent) chain.push(n);
  const data = chain.reduceRight<ConfigFileData>((merged, n) => (n === chain.at(-1) ? n.placed : mergeConfigs(merged, n.placed)), {});
  return {
    data,
    at: (path) => {
      const writer = writerOf(chain, path);
      return writer.node.at(writer.path);
    },
    files: chain.map((n) => n.path),
    inherited: (path) => writerOf(chain, path).node !== chain[0],
  };
}

/** Which config of the chain writes a path of the merged data, and where in it (overrides counted through). */
function writerOf(chain: readonly ConfigNode[], path: JsonPath): { node: ConfigNode; path: JsonPath } {
  if (path[0] === 'overrides' && typeof path[1] === 'number') {
    let index = path[1];
    for (const node of [...chain].reverse()) {
      const count = node.own.overrides?.length ?? 0;
      if (index < count) return { node, path: ['overrides', index, ...path.slice(2)] };
      index -= count;
    }
  }
  return { node: chain.find((n) => writes(n.own, path)) ?? chain[0], path };
}

function writes(data: ConfigFileData, path: JsonPath): boolean {
  let value: unknown = data;
  for (const key of path.slice(0, 2)) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return false;
    value = (value as Record<string, unknown>)[key as string];
  }
  return true;
}

/** Each config's waivers once, for the configs in use and their parents; none reaches below a `root: true` config. */
function treeWaivers(nodes: readonly ConfigNode[], used: ReadonlyArray<ConfigNode | undefined>): Waiver[] {
  const chain = new Set<ConfigNode>();
  for (const start of used) for (let n = start; n; n = n.parent) chain.add(n);
  const roots = nodes.filter((n) => n.own.root === true && n.dir !== '');
  // Nearest first: a file's own team's waiver is the one that covers it.
  const nearestFirst = [...chain].sort((a, b) => depth(b.dir) - depth(a.dir) || a.dir.localeCompare(b.dir));
  return nearestFirst.flatMap((n) => {
    const fenced = roots.filter((r) => r !== n && (n.dir === '' || r.dir.startsWith(`${n.dir}/`))).map((r) => `${r.dir}/**`);
    return (n.placed.waivers ?? []).map((w) => ({ ...(w as Waiver), ...(fenced.length ? { exclude: fenced } : {}) }));
  });
}

const depth = (dir: string) => (dir === '' ? 0 : dir.split('/').length);

/** By folder, and `.configgate.yml` before `.configgate.yaml` in one folder. */
function byPreference(a: string, b: string): number {
  return dirname(a).localeCompare(dirname(b)) || CONFIG_NAMES.indexOf(basename(a)) - CONFIG_NAMES.indexOf(basename(b));
}
