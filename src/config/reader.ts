import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { git, gitMaybe, gitText } from '../git.js';

/**
 * Where the gate's own files (config, policies, inventory, schemas) are read from: the
 * working tree, or a git commit. A pull request is judged by its base commit's files, so a
 * change cannot relax the gate that judges it.
 */
export interface TrustedReader {
  /** e.g. "working tree" or "base 1a2b3c4". */
  label: string;
  read(path: string): Promise<string | undefined>;
  /** Files below a folder, recursively, as paths the reader accepts. */
  list(dir: string): Promise<string[]>;
  /** Join a path relative to the folder of `from`. */
  resolve(from: string, path: string): string;
  /** The path as a user reads it in messages. */
  display(path: string): string;
  /** Every `.configgate.yml` (or `.yaml`) at or below a folder, as absolute paths; a reader without it has no nested configs. */
  configsBelow?(dir: string): Promise<string[]>;
}

/** The names a config file goes by, in order of preference within one folder. */
export const CONFIG_NAMES = ['.configgate.yml', '.configgate.yaml'];

const isConfigName = (path: string) => CONFIG_NAMES.includes(path.slice(path.lastIndexOf('/') + 1));
/** Folders no configuration lives in, skipped when a folder is walked without git. */
const NOT_WALKED = new Set(['.git', 'node_modules']);

/** A reader of the gate's own files from the working tree; paths are shown relative to `cwd`. */
export function fsReader(cwd: string): TrustedReader {
  return {
    label: 'working tree',
    async read(path) {
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code})`);
      }
    },
    async list(dir) {
      try {
        if (!(await stat(dir)).isDirectory()) return [dir];
      } catch {
        throw new InputError(`${this.display(dir)}: policy folder not found`);
      }
      const entries = await readdir(dir, { recursive: true, withFileTypes: true });
      return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
    },
    resolve: (from, path) => (isAbsolute(path) ? path : resolve(dirname(from), path)),
    display: (path) => relative(cwd, path) || path,
    configsBelow: workingTreeConfigs,
  };
}

/** In a git work tree, the tracked and untracked (not ignored) config files; elsewhere, a walk. */
async function workingTreeConfigs(dir: string): Promise<string[]> {
  const listed = await git(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...CONFIG_NAMES.map((n) => `:(glob)**/${n}`)]);
  if (listed.code === 0) {
    const paths = listed.stdout.toString('utf8').split('\0').filter(Boolean);
    return [...new Set(paths)].map((p) => join(dir, p)).sort();
  }
  const out: string[] = [];
  const visit = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.isDirectory() && !NOT_WALKED.has(entry.name)) await visit(join(folder, entry.name));
      else if (entry.isFile() && CONFIG_NAMES.includes(entry.name)) out.push(join(folder, entry.name));
    }
  };
  await visit(dir);
  return out.sort();
}

/** A reader of the gate's own files from one git commit (a pull request's base), never the working tree. */
export async function gitReader(cwd: string, ref: string): Promise<TrustedReader> {
  const sha = await gitMaybe(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!sha) throw new InputError(`${ref}: unknown git revision`);
  // A bare repository (a mirror that backtest replays) has no top level: paths are relative to it.
  const top = (await gitMaybe(cwd, ['rev-parse', '--show-toplevel'])) || resolve(cwd);
  // Paths are absolute, as in the working tree, and mapped to repository paths in the commit.
  const toRepo = (path: string) => relative(top, resolve(cwd, path)).split('\\').join('/');
  return {
    label: `${/^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 7) : ref} (trusted base)`,
    async read(path) {
      const result = await git(cwd, ['show', `${sha}:${toRepo(path)}`]);
      return result.code === 0 ? result.stdout.toString('utf8') : undefined;
    },
    async list(dir) {
      const out = await gitText(cwd, ['ls-tree', '--full-tree', '-r', '-z', '--name-only', sha, '--', toRepo(dir) || '.']);
      return out.split('\0').filter(Boolean).map((p) => join(top, p));
    },
    resolve: (from, path) => (isAbsolute(path) ? path : resolve(dirname(from), path)),
    display: (path) => toRepo(path),
    async configsBelow(dir) {
      const out = await gitText(cwd, ['ls-tree', '--full-tree', '-r', '-z', '--name-only', sha, '--', toRepo(dir) || '.']);
      return out.split('\0').filter((p) => p && isConfigName(p)).map((p) => join(top, p)).sort();
    },
  };
}
