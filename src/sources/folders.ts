import { readFile, readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import type { ChangeSet, FileBlob, FileDelta, SkippedFile } from '../model.js';
import { InputError } from '../errors.js';
import { decodeText } from '../load/index.js';
import { classify, ignoresFolder, type FileFilter } from './filter.js';

/**
 * Two files, or two folders walked recursively. A file on one side only is added or deleted;
 * identical content is no change. Paths are relative to the folders (for two files, the after
 * file's name). No git needed. `cwd`: what the labels and messages are relative to.
 */
export async function compareSources(before: string, after: string, filter: FileFilter, cwd = process.cwd()): Promise<ChangeSet> {
  const [b, a] = await Promise.all([statOrFail(before, cwd), statOrFail(after, cwd)]);
  const baseLabel = label(before, b, cwd);
  const headLabel = label(after, a, cwd);
  if (b.isFile() && a.isFile()) {
    // Two files named on purpose: compared whatever their names, as the after file's name.
    const name = basename(after);
    const [old, cur] = await Promise.all([readFile(before), readFile(after)]);
    const set: ChangeSet = { baseLabel, headLabel, files: [], skipped: [] };
    if (old.equals(cur)) return set;
    const beforeBlob = blob(name, old, false);
    const afterBlob = blob(name, cur, true);
    if (beforeBlob.binary || afterBlob.binary) set.skipped.push({ path: name, reason: 'binary' });
    else set.files.push({ status: 'modified', path: name, before: beforeBlob, after: afterBlob });
    return set;
  }
  if (!b.isDirectory() || !a.isDirectory()) {
    const [file, folder] = b.isDirectory() ? [after, before] : [before, after];
    throw new InputError(`${file}: is a file but ${folder} is a folder; compare two files or two folders`);
  }
  const [left, right] = await Promise.all([walk(before, filter), walk(after, filter)]);
  const paths = [...new Set([...left, ...right])].sort();
  const files: FileDelta[] = [];
  const skipped: SkippedFile[] = [];
  await forEachLimit(paths, 16, async (path) => {
    const inBefore = left.has(path);
    const inAfter = right.has(path);
    const [old, cur] = await Promise.all([
      inBefore ? readFile(join(before, path)) : undefined,
      inAfter ? readFile(join(after, path)) : undefined,
    ]);
    if (old && cur && old.equals(cur)) return;
    const kind = classify(path, filter);
    if (kind !== 'config') {
      skipped.push({ path, reason: kind });
      return;
    }
    const beforeBlob = old && blob(path, old, false);
    const afterBlob = cur && blob(path, cur, true);
    if (beforeBlob?.binary || afterBlob?.binary) {
      skipped.push({ path, reason: 'binary' });
      return;
    }
    const status = !old ? 'added' : !cur ? 'deleted' : 'modified';
    files.push({ status, path, ...(beforeBlob ? { before: beforeBlob } : {}), ...(afterBlob ? { after: afterBlob } : {}) });
  });
  const byPath = (x: { path: string }, y: { path: string }) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
  const set: ChangeSet = { baseLabel, headLabel, files: files.sort(byPath), skipped: skipped.sort(byPath) };
  if (files.some((f) => f.status === 'deleted')) set.baseConfigFiles = [...left].filter((p) => classify(p, filter) === 'config').length;
  return set;
}

async function statOrFail(path: string, cwd: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch {
    throw new InputError(`${shown(path, cwd)}: no such file or folder`);
  }
}

function shown(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function label(path: string, stats: Stats, cwd: string): string {
  const name = shown(path, cwd).split(sep).join('/');
  return stats.isDirectory() && !name.endsWith('/') ? `${name}/` : name;
}

/**
 * Text of one side. The after side must be valid UTF-8 (an InputError names the file); a
 * before side that is not is kept without text, so a fix is compared as a new file.
 */
export function blob(path: string, bytes: Uint8Array, strict: boolean): FileBlob {
  if (strict) {
    const decoded = decodeText(path, bytes);
    return decoded.binary ? { path, bytes: bytes.length, binary: true } : { path, text: decoded.text, bytes: bytes.length };
  }
  try {
    const decoded = decodeText(path, bytes);
    return decoded.binary ? { path, bytes: bytes.length, binary: true } : { path, text: decoded.text, bytes: bytes.length };
  } catch (error) {
    if (error instanceof InputError) return { path, bytes: bytes.length };
    throw error;
  }
}

/** Regular files below `root`, as forward-slash paths relative to it; ignored folders are not entered. */
async function walk(root: string, filter: FileFilter): Promise<Set<string>> {
  const out = new Set<string>();
  const visit = async (dir: string, rel: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    const sub: Promise<void>[] = [];
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name === '.git' || ignoresFolder(path, filter)) continue;
        sub.push(visit(join(dir, entry.name), path));
      } else if (entry.isFile()) {
        out.add(path);
      }
    }
    await Promise.all(sub);
  };
  await visit(root, '');
  return out;
}

async function forEachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
