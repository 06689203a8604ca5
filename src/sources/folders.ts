import { open, readFile, readdir, readlink, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import type { ChangeSet, FileBlob, Readers } from '../model.js';
import { InputError, systemInputError } from '../errors.js';
import { DEFAULT_LIMITS } from '../load/index.js';
import { admitDelta, classify, ignoresFolder, pairMoves, type FileFilter } from './filter.js';
import { overMemory, textBlob, tooLarge, unreadableBlob } from './blob.js';
import { addedFiles, baseListing, nameOf, READER_LIMITS, readersOf } from './placement.js';
import { changedPaths, folderUnchangedBase } from './unchanged-base.js';

/**
 * Two files, or two folders walked recursively. A file on one side only is added or deleted;
 * identical content is no change. Paths are relative to the folders (for two files, the after
 * file's name). No git needed. `cwd`: what the labels and messages are relative to.
 */
export async function compareSources(
  before: string,
  after: string,
  filter: FileFilter,
  cwd = process.cwd(),
  opts: { maxBytes?: number } = {},
): Promise<ChangeSet> {
  const [b, a] = await Promise.all([statOrFail(before, cwd), statOrFail(after, cwd)]);
  const baseLabel = label(before, b, cwd);
  const headLabel = label(after, a, cwd);
  const maxBytes = opts.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  if (b.isFile() && a.isFile()) {
    // Two files named on purpose: compared whatever their names, as the after file's name.
    const name = basename(after);
    const set: ChangeSet = { baseLabel, headLabel, files: [], skipped: [] };
    const pair = await readPair(name, { abs: before, size: b.size }, { abs: after, size: a.size }, maxBytes);
    if (pair) admitDelta(set, { status: 'modified', path: name }, pair.before, pair.after);
    return set;
  }
  if (!b.isDirectory() || !a.isDirectory()) {
    const [file, folder] = b.isDirectory() ? [after, before] : [before, after];
    throw new InputError(`${file}: is a file but ${folder} is a folder; compare two files or two folders`);
  }
  const [left, right] = await Promise.all([walk(before, filter), walk(after, filter)]);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  const set: ChangeSet = { baseLabel, headLabel, files: [], skipped: [] };
  await forEachLimit(paths, 16, async (path) => {
    const old = left.get(path);
    const cur = right.get(path);
    if (old?.link !== undefined && old.link === cur?.link) return;
    const kind = classify(path, filter);
    if (kind !== 'config') {
      if (!old || !cur || !(await sameContent(old, cur))) set.skipped.push({ path, reason: kind });
      return;
    }
    const pair = await readPair(path, old, cur, maxBytes);
    if (!pair) return;
    const status = !old ? 'added' : !cur ? 'deleted' : 'modified';
    admitDelta(set, { status, path }, pair.before, pair.after);
  });
  const byPath = (x: { path: string }, y: { path: string }) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
  set.files = pairMoves(set.files.sort(byPath));
  set.skipped.sort(byPath);
  markMovedOut(set, left, right, filter);
  if (set.files.some((f) => f.status === 'deleted')) set.baseConfigFiles = [...left.keys()].filter((p) => classify(p, filter) === 'config').length;
  const added = addedFiles(set.files);
  if (added.length > 0) {
    const readers = await folderReaders(right, added, (p) => left.has(p));
    set.placement = { ...baseListing([...left.keys()], filter), ...(readers ? { readers } : {}) };
  }
  set.unchangedBase = folderUnchangedBase(left, filter, changedPaths(set));
  return set;
}

/**
 * The files of the after folder that name each added file, read only when they hold one of the
 * names; undefined when more than {@link READER_LIMITS} allows would have to be read.
 */
async function folderReaders(right: Map<string, Found>, targets: string[], inBase: (path: string) => boolean): Promise<Record<string, Readers> | undefined> {
  const readable = [...right].filter(([, f]) => f.abs !== undefined && (f.size ?? 0) <= READER_LIMITS.maxBytes);
  if (readable.length > READER_LIMITS.maxFiles) return undefined;
  const wanted = [...new Set(targets.map(nameOf))];
  const candidates: Array<{ path: string; text: string }> = [];
  let tooMany = false;
  await forEachLimit(readable, 16, async ([path, found]) => {
    if (tooMany) return;
    const bytes = await readFile(found.abs!).catch(() => undefined);
    const text = bytes && !bytes.includes(0) ? bytes.toString('utf8') : undefined;
    if (text === undefined || !wanted.some((n) => text.includes(n))) return;
    candidates.push({ path, text });
    if (candidates.length > READER_LIMITS.maxCandidates) tooMany = true;
  });
  return tooMany ? undefined : readersOf(targets, candidates, inBase);
}

/**
 * Folders have no renames; a configuration file deleted beside a new file that is not
 * configuration, of the same name before its first dot (a.yaml → a.yaml.txt, a.YML, a.gotmpl),
 * was moved out of the files the gate judges: said so, not passed as a small deletion.
 */
function markMovedOut(set: ChangeSet, left: Map<string, Found>, right: Map<string, Found>, filter: FileFilter): void {
  const stem = (path: string) => {
    const slash = path.lastIndexOf('/');
    const name = path.slice(slash + 1);
    const dot = name.indexOf('.', 1);
    return `${path.slice(0, slash + 1)}${(dot < 0 ? name : name.slice(0, dot)).toLowerCase()}`;
  };
  const arrivals = new Map<string, string>();
  for (const path of right.keys()) if (!left.has(path) && classify(path, filter) !== 'config' && !arrivals.has(stem(path))) arrivals.set(stem(path), path);
  if (arrivals.size === 0) return;
  for (const delta of set.files) {
    const to = delta.status === 'deleted' ? arrivals.get(stem(delta.path)) : undefined;
    if (to !== undefined) delta.movedTo = to;
  }
}

/** A file found by the walk: where to read it, or why it cannot be (a link outside the folder, a dangling link). */
interface Found {
  abs?: string;
  size?: number;
  /** The link's text, for a symbolic link that cannot be followed. */
  link?: string;
  problem?: string;
}

/** Both sides' blobs, or undefined when the two sides are the same bytes. Sizes are checked before reading. */
async function readPair(path: string, old: Found | undefined, cur: Found | undefined, maxBytes: number): Promise<{ before?: FileBlob; after?: FileBlob } | undefined> {
  if (old && cur && (await sameContent(old, cur))) return undefined;
  const both = (old?.size ?? 0) + (cur?.size ?? 0);
  const side = async (found: Found | undefined) => {
    if (!found) return undefined;
    const size = found.size ?? 0;
    return (size <= maxBytes ? overMemory(path, size, both) : undefined) ?? readSide(path, found, maxBytes);
  };
  const [before, after] = await Promise.all([side(old), side(cur)]);
  return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

async function readSide(path: string, found: Found, maxBytes: number): Promise<FileBlob> {
  if (found.problem !== undefined || found.abs === undefined) return unreadableBlob(path, found.problem ?? 'cannot be read');
  if ((found.size ?? 0) > maxBytes) return tooLarge(path, found.size!, maxBytes);
  try {
    return textBlob(path, await readFile(found.abs));
  } catch (error) {
    throw systemInputError(error) ?? error;
  }
}

/** Same bytes on both sides, compared a chunk at a time (never both whole files in memory). */
async function sameContent(old: Found, cur: Found): Promise<boolean> {
  if (old.abs === undefined || cur.abs === undefined || old.size !== cur.size) return false;
  if (old.abs === cur.abs) return true;
  const [x, y] = await Promise.all([open(old.abs, 'r'), open(cur.abs, 'r')]);
  try {
    const size = 1 << 20;
    const bx = Buffer.allocUnsafe(size);
    const by = Buffer.allocUnsafe(size);
    for (;;) {
      const [rx, ry] = await Promise.all([x.read(bx, 0, size, null), y.read(by, 0, size, null)]);
      if (rx.bytesRead !== ry.bytesRead) return false;
      if (rx.bytesRead === 0) return true;
      if (!bx.subarray(0, rx.bytesRead).equals(by.subarray(0, ry.bytesRead))) return false;
    }
  } finally {
    await Promise.all([x.close(), y.close()]);
  }
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
 * Files below `root`, as forward-slash paths relative to it; ignored folders are not entered.
 * A symbolic link is followed when its target is inside `root` (a linked folder is walked, a
 * folder that links back to one of its own parents is not entered twice); a link that points
 * outside `root`, or at nothing, is listed with the reason it cannot be read.
 */
async function walk(root: string, filter: FileFilter): Promise<Map<string, Found>> {
  const out = new Map<string, Found>();
  const top = await realpath(root);
  const visit = async (dir: string, rel: string, parents: ReadonlySet<string>): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    const sub: Promise<void>[] = [];
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === '.git' || ignoresFolder(path, filter)) continue;
        sub.push(visit(abs, path, new Set([...parents, abs])));
      } else if (entry.isFile()) {
        out.set(path, { abs, size: (await stat(abs)).size });
      } else if (entry.isSymbolicLink()) {
        const target = await followLink(abs, top);
        if (target.dir !== undefined) {
          if (parents.has(target.dir) || ignoresFolder(path, filter)) continue;
          sub.push(visit(target.dir, path, new Set([...parents, target.dir])));
        } else if (target.found) out.set(path, target.found);
      }
    }
    await Promise.all(sub);
  };
  await visit(top, '', new Set([top]));
  return out;
}

/** Where a symbolic link leads: a folder inside `top` to walk, a file to read, or why it cannot be read. */
async function followLink(abs: string, top: string): Promise<{ dir?: string; found?: Found }> {
  const link = await readlink(abs);
  let real: string;
  try {
    real = await realpath(abs);
  } catch (error) {
    const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
    return { found: { link, problem: loop ? `a symbolic link to ${link}, in a loop of links` : `a symbolic link to ${link}, which does not exist` } };
  }
  const rel = relative(top, real);
  if (rel.startsWith('..') || isAbsolute(rel)) return { found: { link, problem: `a symbolic link to ${link}, outside the compared folder` } };
  const stats = await stat(real);
  if (stats.isDirectory()) return { dir: real };
  return stats.isFile() ? { found: { abs: real, size: stats.size } } : {};
}

async function forEachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
