// Which config the base commit holds, told apart from "it could not be read": a base without a
// config is judged by the built-in defaults (and the report says so); a config that exists but
// cannot be read (a blob missing from a partial clone, a git failure) fails the step, since
// defaults in its place could pass what the base's own config blocks.
import { relative, resolve, sep } from 'node:path';
import { CONFIG_NAMES } from '../config/index.js';
import { InputError } from '../errors.js';
import { git } from '../git.js';

export type TrustedConfig =
  /** The base commit holds this config (an absolute path, as the checkout would have it). */
  | { kind: 'found'; path: string; shown: string }
  /** The base commit has none of the config names: the built-in defaults judge the change. */
  | { kind: 'absent'; looked: string[] };

/** The note the reports carry when the defaults were used. */
export function defaultsNote(config: TrustedConfig, base: string): string | undefined {
  if (config.kind === 'found') return undefined;
  return `The base commit ${base.slice(0, 7)} has no ${config.looked.join(' or ')}: the change was judged by the built-in defaults.`;
}

/**
 * The config of commit `sha` in the checkout at `cwd`: `named` (the `config` input) or the first of
 * `.configgate.yml` / `.configgate.yaml`. Its presence is read from the tree (trees are present in a
 * blobless partial clone); its content must then be readable, or an InputError fails the step.
 */
export async function locateGitConfig(cwd: string, top: string, sha: string, named?: string): Promise<TrustedConfig> {
  const candidates = named ? [named] : CONFIG_NAMES;
  const looked: string[] = [];
  for (const name of candidates) {
    const path = resolve(cwd, name);
    const rel = relative(top, path).split(sep).join('/');
    looked.push(rel);
    if (!(await inTree(top, sha, rel))) continue;
    const read = await git(top, ['cat-file', 'blob', `${sha}:${rel}`]);
    if (read.code !== 0) throw unreadable(rel, sha, firstLine(read.stderr) ?? `git cat-file exited ${read.code}`);
    return { kind: 'found', path, shown: rel };
  }
  if (named) throw new InputError(`${looked[0]}: config file not found in the base commit ${sha.slice(0, 7)} (input config)`);
  return { kind: 'absent', looked };
}

async function inTree(top: string, sha: string, rel: string): Promise<boolean> {
  const listed = await git(top, ['ls-tree', '-z', '--full-tree', sha, '--', rel]);
  if (listed.code !== 0) throw unreadable(rel, sha, firstLine(listed.stderr) ?? `git ls-tree exited ${listed.code}`);
  const entry = listed.stdout.toString('utf8').split('\0').find(Boolean);
  if (entry === undefined) return false;
  // `<mode> <type> <object>\t<path>`: a folder of that name is no config.
  return entry.split(' ')[1] === 'blob';
}

export function unreadable(rel: string, sha: string, why: string): InputError {
  return new InputError(
    `${rel}: the base commit ${sha.slice(0, 7)} has this config but it could not be read (${why}); the gate fails rather than judge by the defaults — fetch the base commit's files (actions/checkout with fetch-depth: 0 and no filter)`,
  );
}

function firstLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean)
    ?.replace(/^(fatal|error): /, '');
}
