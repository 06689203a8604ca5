// The base's configuration files that a change does not touch, searched by text. Asked only when
// an analyzer needs it (a pool, an upstream or a BGP peer deleted with nothing in the change to
// say whether it is still used), so a change that deletes nothing routable never pays for it.
// Git: one `git grep -l -F` over the base tree, then `git cat-file` for the few files kept.
// Folders: the before folder's configuration files, read once and searched in memory.
import { readFileSync } from 'node:fs';
import type { ChangeSet, UnchangedBaseSearch } from '../model.js';
import { gitSync } from '../git.js';
import { decodeText } from '../load/index.js';
import { classify, type FileFilter } from './filter.js';

/** Largest file read for a search: configuration that routes is small; a bigger file is left out. */
export const UNCHANGED_MAX_BYTES = 1024 * 1024;
/** Most output `git grep -l` may give (paths only). */
const GREP_MAX_BUFFER = 16 * 1024 * 1024;

/** Every path the change names (both names of a rename, skipped files too): the rest is unchanged. */
export function changedPaths(set: Pick<ChangeSet, 'files' | 'skipped'>, more: Iterable<string> = []): Set<string> {
  const out = new Set<string>(more);
  for (const f of set.files) {
    out.add(f.path);
    if (f.oldPath) out.add(f.oldPath);
  }
  for (const s of set.skipped) out.add(s.path);
  return out;
}

const usable = (needles: readonly string[]): string[] => [...new Set(needles.filter((n) => n.length > 0 && !/[\0\n]/.test(n)))];

/** The unchanged base of a git change: `tree` is the diff's base side (a commit or tree sha). */
export function gitUnchangedBase(cwd: string, tree: string, filter: FileFilter, changed: ReadonlySet<string>): UnchangedBaseSearch {
  return {
    find(needles) {
      const fixed = usable(needles);
      if (fixed.length === 0) return [];
      const r = gitSync(cwd, ['grep', '-l', '-z', '-I', '-i', '-F', '--no-color', ...fixed.flatMap((n) => ['-e', n]), tree, '--'], GREP_MAX_BUFFER);
      // 1: nothing matched; anything else but 0: the search itself failed, so nobody knows.
      if (r.code === 1) return [];
      if (r.code !== 0) return undefined;
      const prefix = `${tree}:`;
      return r.stdout
        .toString('utf8')
        .split('\0')
        .map((p) => (p.startsWith(prefix) ? p.slice(prefix.length) : p))
        .filter((p) => p !== '' && !changed.has(p) && classify(p, filter) === 'config');
    },
    read(path) {
      const size = gitSync(cwd, ['cat-file', '-s', `${tree}:${path}`]);
      if (size.code !== 0 || Number(size.stdout.toString('utf8')) > UNCHANGED_MAX_BYTES) return undefined;
      const r = gitSync(cwd, ['cat-file', 'blob', `${tree}:${path}`]);
      return r.code === 0 ? textOf(path, r.stdout) : undefined;
    },
  };
}

/** The unchanged base of two folders: `files` maps each before-side path to the file to read. */
export function folderUnchangedBase(files: ReadonlyMap<string, { abs?: string; size?: number }>, filter: FileFilter, changed: ReadonlySet<string>): UnchangedBaseSearch {
  const texts = new Map<string, string | undefined>();
  const read = (path: string): string | undefined => {
    if (texts.has(path)) return texts.get(path);
    const f = files.get(path);
    let text: string | undefined;
    if (f?.abs && (f.size ?? 0) <= UNCHANGED_MAX_BYTES) {
      try {
        text = textOf(path, readFileSync(f.abs));
      } catch {
        text = undefined;
      }
    }
    texts.set(path, text);
    return text;
  };
  const candidates = [...files.keys()].filter((p) => !changed.has(p) && classify(p, filter) === 'config').sort();
  return {
    find(needles) {
      const fixed = usable(needles);
      if (fixed.length === 0) return [];
      const lower = fixed.map((n) => n.toLowerCase());
      return candidates.filter((p) => {
        const text = read(p)?.toLowerCase();
        return text !== undefined && lower.some((n) => text.includes(n));
      });
    },
    read,
  };
}

/** The unchanged base of an in-memory change: the before texts the change leaves as they are. */
export function memoryUnchangedBase(before: Readonly<Record<string, string>>, filter: FileFilter, changed: ReadonlySet<string>): UnchangedBaseSearch {
  const paths = Object.keys(before).filter((p) => !changed.has(p) && classify(p, filter) === 'config').sort();
  return {
    find: (needles) => {
      const lower = usable(needles).map((n) => n.toLowerCase());
      return paths.filter((p) => lower.some((n) => before[p]!.toLowerCase().includes(n)));
    },
    read: (path) => (paths.includes(path) ? before[path] : undefined),
  };
}

function textOf(path: string, bytes: Uint8Array): string | undefined {
  try {
    return decodeText(path, bytes).text;
  } catch {
    return undefined;
  }
}
