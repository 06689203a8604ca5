// Nested configs, as data: a config placed at its folder (its globs and file names made relative
// to the tree's root), and a config merged over the one above it. Pure functions.
import type { ConfigFileData } from './index.js';

/**
 * The config as its folder `dir` (relative to the tree's root, '' at the root) reads: every glob
 * is prefixed with the folder, every file it names resolved (`resolve`) to an absolute path, and
 * each waiver scoped to the folder and given an id that names it.
 */
export function placeConfig(data: ConfigFileData, dir: string, resolve: (path: string) => string): ConfigFileData {
  const globs = (list: string[] | undefined) => list?.map((g) => prefixGlob(dir, g));
  const placed: ConfigFileData = { ...data };
  if (data.files) placed.files = globs(data.files);
  if (data.ignore) placed.ignore = globs(data.ignore);
  if (data.policies) placed.policies = data.policies.map(resolve);
  if (data.inventory) placed.inventory = resolve(data.inventory);
  if (data.overrides) placed.overrides = data.overrides.map((o) => ({ ...o, files: globs(o.files)! }));
  if (data.schemas) placed.schemas = data.schemas.map((s) => ({ files: s.files.map((g) => prefixBasenameGlob(dir, g)), schema: resolve(s.schema) }));
  if (data.analyzers) placed.analyzers = data.analyzers.map((a) => (a.files ? { ...a, files: globs(a.files) } : dir ? { ...a, files: [`${dir}/**`] } : a));
  if (data.waivers) {
    placed.waivers = data.waivers.map((w, i) => ({
      ...w,
      id: w.id ?? `${dir ? `${dir}/` : ''}${w.policy}#${i + 1}`,
      ...(w.files?.length ? { files: globs(w.files) } : dir ? { files: [`${dir}/**`] } : {}),
    }));
  }
  return placed;
}

/**
 * `child` over `parent`, as EditorConfig and ESLint's cascading configs merge: lists of entries
 * (ignore, policies, overrides, waivers, schemas, analyzers) add up, `rules` and
 * `analyzerOptions` merge per name with the child's winning, and every single value (files,
 * inventory, failOn, limits, identity, headroom, rollout, builtin) is the nearest one set.
 */
export function mergeConfigs(parent: ConfigFileData, child: ConfigFileData): ConfigFileData {
  const merged: ConfigFileData = { ...parent, ...child };
  for (const key of LISTS) {
    const both = [...((parent[key] as unknown[] | undefined) ?? []), ...((child[key] as unknown[] | undefined) ?? [])];
    if (both.length) (merged as Record<string, unknown>)[key] = both;
  }
  if (parent.rules || child.rules) merged.rules = { ...parent.rules, ...child.rules };
  if (parent.analyzerOptions || child.analyzerOptions) {
    const options: Record<string, Record<string, unknown>> = { ...parent.analyzerOptions };
    for (const [name, value] of Object.entries(child.analyzerOptions ?? {})) options[name] = { ...options[name], ...value };
    merged.analyzerOptions = options;
  }
  delete (merged as { root?: boolean }).root;
  return merged;
}

const LISTS = ['ignore', 'policies', 'overrides', 'waivers', 'schemas', 'analyzers'] as const;

/** `services/**` in `teams/b` → `teams/b/services/**`; a negation keeps its `!` in front. */
export function prefixGlob(dir: string, glob: string): string {
  if (glob.startsWith('!')) return `!${prefixGlob(dir, glob.slice(1))}`;
  const bare = glob.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  return dir ? `${dir}/${bare}` : bare;
}

/** A schema's glob without a slash matches a file name anywhere below the folder (`deploy.yaml`). */
function prefixBasenameGlob(dir: string, glob: string): string {
  return dir && !glob.includes('/') ? `${dir}/**/${glob}` : prefixGlob(dir, glob);
}
