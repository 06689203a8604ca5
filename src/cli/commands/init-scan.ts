// What `configgate init` learns from a repository: its configuration files, the tooling files
// among them, and the scopes their paths and contents name. Facts only; init.ts writes them.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfigFile } from '../../load/index.js';
import { gitText } from '../../git.js';
import { globMatcher } from '../../match.js';
import { DEFAULT_FILTER, classify, filterFor } from '../../sources/filter.js';
import {
  AZURE_REGIONS, CALLER_CONTAINERS, ENVIRONMENTS, ENVIRONMENT_KEYS, NAME_FIELDS, POOL_CONTAINERS, REGION_KEYS, REGION_PATTERNS, TOOLING_GLOBS,
} from './init-vocabulary.js';


/** At most this many files are read for scopes, and none larger than this. */
const READ_LIMIT = { files: 2000, bytes: 1 << 20, perScope: 40, depth: 24 };

export type ScopeKind = 'regions' | 'environments' | 'pools' | 'callers';

export interface RepoScan {
  /** Configuration files, repository-relative, sorted. */
  configFiles: string[];
  /** Tooling globs that match at least one file, with how many. */
  tooling: Array<{ glob: string; count: number }>;
  /** Scope name → the first file that names it, per kind. */
  scopes: Record<ScopeKind, Map<string, string>>;
}

export async function scanRepository(root: string): Promise<RepoScan> {
  const all = (await gitFiles(root)) ?? (await walk(root));
  // init writes `files:` out, and a config naming `files` decides: so the tooling files the
  // defaults leave out are found here and written to `ignore:` by name.
  const named = filterFor(DEFAULT_FILTER.files, []);
  const candidates = all.filter((path) => classify(path, named) === 'config').sort();
  const tooling: RepoScan['tooling'] = [];
  const isTooling = new Set<string>();
  for (const glob of TOOLING_GLOBS) {
    const test = globMatcher(glob);
    const hits = candidates.filter((path) => test(path));
    if (hits.length === 0) continue;
    tooling.push({ glob, count: hits.length });
    for (const hit of hits) isTooling.add(hit);
  }
  const configFiles = candidates.filter((path) => !isTooling.has(path));
  return { configFiles, tooling, scopes: await inferScopes(root, configFiles) };
}

/** Tracked and untracked-but-not-ignored files, when `root` is in a git work tree. */
async function gitFiles(root: string): Promise<string[] | undefined> {
  try {
    return (await gitText(root, ['ls-files', '-z', '-co', '--exclude-standard'])).split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

async function walk(root: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string, rel: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory() && entry.name !== '.git' && entry.name !== 'node_modules') await visit(join(dir, entry.name), path);
      else if (entry.isFile()) out.push(path);
    }
  };
  await visit(root, '');
  return out;
}

async function inferScopes(root: string, files: string[]): Promise<RepoScan['scopes']> {
  const scopes: RepoScan['scopes'] = { regions: new Map(), environments: new Map(), pools: new Map(), callers: new Map() };
  const add = (kind: ScopeKind, name: string, file: string) => {
    if (name && !scopes[kind].has(name) && scopes[kind].size < READ_LIMIT.perScope) scopes[kind].set(name, file);
  };
  for (const file of files.slice(0, READ_LIMIT.files)) {
    for (const segment of file.split('/').slice(0, -1)) {
      if (isRegion(segment)) add('regions', segment, file);
      if (ENVIRONMENTS.has(segment.toLowerCase())) add('environments', segment, file);
    }
    const documents = await readDocuments(join(root, file), file);
    for (const doc of documents) visitValue(doc, undefined, 0, (kind, name) => add(kind, name, file));
  }
  return scopes;
}

async function readDocuments(abs: string, path: string): Promise<unknown[]> {
  try {
    if ((await stat(abs)).size > READ_LIMIT.bytes) return [];
    const text = await readFile(abs, 'utf8');
    return parseConfigFile({ path, text, bytes: Buffer.byteLength(text) }).documents;
  } catch {
    return []; // a file init cannot parse names no scope; `check` will report it when it changes
  }
}

function isRegion(name: string): boolean {
  return REGION_PATTERNS.some((p) => p.test(name)) || AZURE_REGIONS.has(name);
}

type Found = (kind: ScopeKind, name: string) => void;

/** `key` names the value, or the list holding it (`inList`): `regions: [a, b]` names two regions. */
function visitValue(value: unknown, key: string | undefined, depth: number, found: Found, inList = false): void {
  if (depth > READ_LIMIT.depth || value === null || typeof value !== 'object') {
    if (typeof value === 'string') stringValue(value, key, found);
    return;
  }
  if (key !== undefined && !inList && POOL_CONTAINERS.has(key)) entryNames(value).forEach((n) => found('pools', n));
  if (key !== undefined && !inList && CALLER_CONTAINERS.has(key)) entryNames(value).forEach((n) => found('callers', n));
  if (Array.isArray(value)) {
    for (const item of value) visitValue(item, key, depth + 1, found, true);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (isRegion(k)) found('regions', k);
    visitValue(v, k, depth + 1, found);
  }
}

function stringValue(value: string, key: string | undefined, found: Found): void {
  if (isRegion(value) || (key !== undefined && REGION_KEYS.has(key) && /^[a-z][a-z0-9-]{1,30}$/i.test(value))) {
    found('regions', value);
  }
  if (key !== undefined && ENVIRONMENT_KEYS.has(key) && ENVIRONMENTS.has(value.toLowerCase())) found('environments', value);
}

/** The names of a container's entries: map keys, or list items' name/id/key (or plain strings). */
function entryNames(container: object): string[] {
  if (!Array.isArray(container)) return Object.keys(container);
  return container.flatMap((item) => {
    if (typeof item === 'string') return [item];
    if (item && typeof item === 'object') {
      for (const field of NAME_FIELDS) {
        const name = (item as Record<string, unknown>)[field];
        if (typeof name === 'string') return [name];
      }
    }
    return [];
  });
}
