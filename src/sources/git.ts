import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ChangeSet, FileBlob, FileDelta, Readers, SkippedFile } from '../model.js';
import { InputError } from '../errors.js';
import { git, gitSpawn, gitText } from '../git.js';
import { decodeText, DEFAULT_LIMITS } from '../load/index.js';
import { admitDelta, placeDelta, type FileFilter } from './filter.js';
import { addedFiles, baseListing, nameOf, READER_LIMITS, readersOf } from './placement.js';
import { overMemory, textBlob, tooLarge, unreadableBlob } from './blob.js';
import { changedPaths, gitUnchangedBase } from './unchanged-base.js';

/** The tree of no files: the base of a repository's first commit. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
const ZERO_SHA = /^0+$/;

export interface GitChangeSetOptions {
  cwd: string;
  /** The base ref; the change is read from its merge base with head (a pull request's three-dot diff). */
  base: string;
  /** Defaults to HEAD. */
  head?: string;
  /** Compare the index with HEAD instead (pre-commit); base and head are not used. */
  staged?: boolean;
  filter: FileFilter;
  /** Largest file read, in bytes (`limits.maxBytes`); a larger one is a finding, known from its size without reading it. */
  maxBytes?: number;
}

async function ensureRepo(cwd: string): Promise<void> {
  await gitText(cwd, ['rev-parse', '--git-dir']);
}

function checkRefSyntax(ref: string): void {
  // A ref is an argument to git: never let it read as an option.
  if (ref === '' || ref.startsWith('-') || /[\0\n]/.test(ref)) throw new InputError(`${JSON.stringify(ref)}: not a valid git revision`);
}

/** The full sha of the commit `ref` names. InputError `<ref>: unknown git revision` otherwise. */
export async function resolveRef(cwd: string, ref: string): Promise<string> {
  checkRefSyntax(ref);
  const result = await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (result.code !== 0) {
    // Only a failure needs telling "not a repository" from "no such revision": one git process, not two, per ref.
    await ensureRepo(cwd);
    throw new InputError(`${ref}: unknown git revision`);
  }
  return result.stdout.toString('utf8').trim();
}

/**
 * The text of `path` in commit `ref`, or undefined when the commit has no such file.
 * `path` is absolute or relative to `cwd`, and is mapped to its place in the repository.
 */
export async function readFileAtRef(cwd: string, ref: string, path: string): Promise<string | undefined> {
  const sha = await resolveRef(cwd, ref);
  const top = (await gitText(cwd, ['rev-parse', '--show-toplevel'])).trim();
  const rel = repoRelative(top, resolve(cwd, path));
  if (rel === undefined) return undefined;
  const result = await git(cwd, ['cat-file', 'blob', `${sha}:${rel}`]);
  if (result.code !== 0) return undefined;
  const shownPath = `${ref}:${rel}`;
  const decoded = decodeText(shownPath, result.stdout);
  if (decoded.binary) throw new InputError(`${shownPath}: binary file, expected text`);
  return decoded.text;
}

function repoRelative(top: string, absolute: string): string | undefined {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  let rel = relative(real(top), absolute);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    // The file itself may not exist in the working tree: resolve its folder's real path instead.
    rel = relative(real(top), resolve(real(resolve(absolute, '..')), absolute.split(sep).pop() ?? ''));
  }
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

interface RawEntry {
  status: string;
  oldMode: string;
  newMode: string;
  oldSha: string;
  newSha: string;
  path: string;
  oldPath?: string;
}

/** `git diff --raw -z` output: `:old new oldsha newsha S\0path\0` (`R`/`C`: `\0old\0new\0`). */
function parseRaw(out: string): RawEntry[] {
  const fields = out.split('\0');
  const entries: RawEntry[] = [];
  for (let i = 0; i < fields.length; ) {
    const meta = fields[i++];
    if (!meta) continue;
    const [oldMode, newMode, oldSha, newSha, status] = meta.slice(1).split(' ');
    const letter = status[0];
    if (letter === 'R' || letter === 'C') {
      const from = fields[i++];
      const to = fields[i++];
      entries.push({ status: letter, oldMode, newMode, oldSha, newSha, path: to, oldPath: from });
    } else {
      entries.push({ status: letter, oldMode, newMode, oldSha, newSha, path: fields[i++] });
    }
  }
  return entries;
}

const isBlobMode = (mode: string) => mode === '100644' || mode === '100755';
const LINK_MODE = '120000';
const GITLINK_MODE = '160000';

/** One side of a changed file, as git names it: a blob by sha, or a symbolic link to follow at a revision. */
type SideRef = { sha: string } | { link: string };

interface Planned {
  delta: FileDelta;
  before?: SideRef;
  after?: SideRef;
}

/**
 * The change set between two commits (base's merge base with head, like a pull request), or
 * between HEAD and the index (`staged`). File contents come from git's object store, never
 * from the working tree: sizes are checked (`cat-file --batch-check`) before any blob is read,
 * and symbolic links are judged by their target's content inside the repository.
 */
export async function gitChangeSet(opts: GitChangeSetOptions): Promise<ChangeSet> {
  const { cwd, filter } = opts;
  await ensureRepo(cwd);
  const sides = await sidesOf(opts);
  const raw = await gitText(cwd, ['diff', '--raw', '-z', '-M', '--no-abbrev', '--no-color', '--no-ext-diff', ...sides.diffArgs, '--']);
  const entries = parseRaw(raw);
  if (entries.some((e) => e.status === 'U')) throw new InputError(`${entries.find((e) => e.status === 'U')!.path}: unmerged in the index; resolve the conflict first`);
  const skipped: SkippedFile[] = [];
  const hasLinks = entries.some((e) => e.oldMode === LINK_MODE || e.newMode === LINK_MODE);
  const revs = { from: sides.from, to: hasLinks ? await sides.to() : '' };
  const linked = await expandFolderLinks(cwd, revs, entries);
  const plan = planEntries(linked, revs, filter, skipped);
  const files: FileDelta[] = [];
  const names = plan.flatMap((p) => [p.before, p.after]).filter((r): r is SideRef => r !== undefined).map(refName);
  const found = await catFileCheck(cwd, names);
  const maxBytes = opts.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  const readable = [...found.values()].filter((f) => f.type === 'blob' && f.size <= maxBytes && !overMemory('', f.size, f.size)).map((f) => f.sha!);
  const blobs = await catFileBatch(cwd, [...new Set(readable)]);
  for (const { delta, before, after } of plan) {
    const fb = before && found.get(refName(before));
    const fa = after && found.get(refName(after));
    const both = (fb?.type === 'blob' ? fb.size : 0) + (fa?.type === 'blob' ? fa.size : 0);
    const memory = (path: string, f: Found | undefined) => (f?.type === 'blob' && f.size <= maxBytes ? overMemory(path, f.size, both) : undefined);
    const b = before && (memory(delta.oldPath ?? delta.path, fb) ?? sideBlob(delta.oldPath ?? delta.path, fb, blobs, maxBytes));
    const a = after && (memory(delta.path, fa) ?? sideBlob(delta.path, fa, blobs, maxBytes));
    // A link retargeted at the same content, or a side that resolves to the same blob: no change.
    if (b && a && delta.status !== 'renamed' && sameObject(found.get(refName(before!)), found.get(refName(after!)))) continue;
    admitDelta({ files, skipped }, delta, b, a);
  }
  const set: ChangeSet = { baseLabel: sides.baseLabel, headLabel: sides.headLabel, files, skipped };
  set.unchangedBase = gitUnchangedBase(cwd, sides.from, filter, changedPaths(set, entries.flatMap((e) => [e.path, e.oldPath ?? e.path])));
  const added = addedFiles(files);
  if (added.length === 0 && !files.some((f) => f.status === 'deleted')) return set;
  const basePaths = await listTree(cwd, sides.from);
  const listing = baseListing(basePaths, filter);
  if (files.some((f) => f.status === 'deleted')) set.baseConfigFiles = listing.baseConfigFiles.length;
  if (added.length === 0) return set;
  const inBase = new Set(basePaths);
  const readers = await gitReaders(cwd, opts.staged ? undefined : await sides.to(), added, (p) => inBase.has(p));
  set.placement = { ...listing, ...(readers ? { readers } : {}) };
  return set;
}

/** Every file path of a tree-ish. */
async function listTree(cwd: string, treeish: string): Promise<string[]> {
  const out = await gitText(cwd, ['ls-tree', '-r', '-z', '--name-only', treeish]);
  return out.split('\0').filter((p) => p !== '');
}

/**
 * The files of the head side (a commit, or the index when `rev` is undefined) that name each added
 * file: `git grep` for their names, then each candidate read and checked ({@link readersOf}).
 * Undefined when there are more candidates than {@link READER_LIMITS} allows.
 */
async function gitReaders(cwd: string, rev: string | undefined, targets: string[], inBase: (path: string) => boolean): Promise<Record<string, Readers> | undefined> {
  const patterns = [...new Set(targets.map(nameOf))].flatMap((n) => ['-e', n]);
  const where = rev === undefined ? ['--cached'] : [];
  const grep = await git(cwd, ['grep', '-l', '-z', '-F', '-I', ...where, ...patterns, ...(rev === undefined ? [] : [rev]), '--']);
  if (grep.code !== 0 && grep.code !== 1) return undefined;
  const prefix = rev === undefined ? '' : `${rev}:`;
  const paths = grep.stdout.toString('utf8').split('\0').filter((p) => p !== '').map((p) => (p.startsWith(prefix) ? p.slice(prefix.length) : p));
  // A name with a line break cannot be asked of `cat-file --batch`: too many to know, as over the limit.
  if (paths.some((p) => p.includes('\n'))) return undefined;
  if (paths.length > READER_LIMITS.maxCandidates) return undefined;
  const names = paths.map((p) => `${rev ?? ''}:${p}`);
  const found = await catFileCheck(cwd, names);
  const small = names.filter((n) => found.get(n)?.type === 'blob' && found.get(n)!.size <= READER_LIMITS.maxBytes);
  const blobs = await catFileBatch(cwd, small);
  const candidates = small.map((n) => ({ path: n.slice(n.indexOf(':') + 1), text: blobs.get(n)?.toString('utf8') ?? '' }));
  return readersOf(targets, candidates, inBase);
}

interface Sides {
  baseLabel: string;
  headLabel: string;
  diffArgs: string[];
  /** The base side's tree-ish. */
  from: string;
  /** The head side's tree-ish: a commit, or the index written as a tree (made when first needed). */
  to: () => Promise<string>;
}

async function sidesOf(opts: GitChangeSetOptions): Promise<Sides> {
  const { cwd } = opts;
  if (opts.staged) {
    const head = await git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    const from = head.code === 0 ? head.stdout.toString('utf8').trim() : EMPTY_TREE;
    let tree: Promise<string> | undefined;
    // The index as a tree object, so that links in it are followed as in a commit (`cat-file --follow-symlinks` reads trees only).
    const to = () => (tree ??= gitText(cwd, ['write-tree']).then((t) => t.trim()));
    return { baseLabel: head.code === 0 ? 'HEAD' : 'empty tree', headLabel: 'index', diffArgs: ['--cached', from], from, to };
  }
  const headRef = opts.head ?? 'HEAD';
  const [baseSha, headSha] = await Promise.all([resolveRef(cwd, opts.base), resolveRef(cwd, headRef)]);
  const mb = await git(cwd, ['merge-base', baseSha, headSha]);
  // Unrelated histories have no merge base: compare the two commits directly.
  const from = mb.code === 0 ? mb.stdout.toString('utf8').trim() : baseSha;
  return { baseLabel: opts.base, headLabel: headRef, diffArgs: [from, headSha], from, to: () => Promise.resolve(headSha) };
}

/** Each raw entry as a delta with the refs to read, after the filter; submodules and other files listed as skipped. */
function planEntries(entries: RawEntry[], sides: { from: string; to: string }, filter: FileFilter, skipped: SkippedFile[]): Planned[] {
  const plan: Planned[] = [];
  for (const e of entries) {
    const status = STATUS[e.status];
    if (!status) continue;
    if (e.oldMode === GITLINK_MODE || e.newMode === GITLINK_MODE) {
      skipped.push({ path: e.path, reason: 'submodule', detail: `${shortSha(e.oldSha)} → ${shortSha(e.newSha)}` });
      continue;
    }
    let before = sideRef(e.oldMode, e.oldSha, sides.from, e.oldPath ?? e.path);
    let after = sideRef(e.newMode, e.newSha, sides.to, e.path);
    // A copy is a new file: judged in full, not as "identical to its source".
    if (e.status === 'C') before = undefined;
    const placed = placeDelta(status, e.path, e.oldPath, filter);
    if (placed.skipped) skipped.push(placed.skipped);
    if (status === 'renamed' && placed.status === 'deleted') after = undefined;
    if (status === 'renamed' && placed.status === 'added') before = undefined;
    if (placed.kind !== 'config') {
      skipped.push({ path: placed.path, reason: placed.kind });
      continue;
    }
    if (!before && !after) {
      skipped.push({ path: placed.path, reason: 'not-config' });
      continue;
    }
    let fileStatus = placed.status;
    if (fileStatus === 'modified' && !before) fileStatus = 'added';
    if (fileStatus === 'modified' && !after) fileStatus = 'deleted';
    const delta: FileDelta = { status: fileStatus, path: placed.path, ...(placed.oldPath ? { oldPath: placed.oldPath } : {}), ...(placed.movedTo ? { movedTo: placed.movedTo } : {}) };
    plan.push({ delta, before, after });
  }
  return plan;
}

const STATUS: Readonly<Record<string, FileDelta['status']>> = { A: 'added', D: 'deleted', M: 'modified', T: 'modified', R: 'renamed', C: 'added' };

function sideRef(mode: string, sha: string, rev: string, path: string): SideRef | undefined {
  if (ZERO_SHA.test(sha)) return undefined;
  if (isBlobMode(mode)) return { sha };
  if (mode === LINK_MODE && !/[\n\0]/.test(path)) return { link: `${rev}:${path}` };
  return undefined;
}

const refName = (ref: SideRef) => ('sha' in ref ? ref.sha : ref.link);
const shortSha = (sha: string) => (ZERO_SHA.test(sha) ? 'none' : sha.slice(0, 12));

function sameObject(x: Found | undefined, y: Found | undefined): boolean {
  return x?.type === 'blob' && y?.type === 'blob' && x.sha === y.sha;
}

/** One side's blob from what `cat-file --batch-check` found: text, too large, or why it cannot be read. */
function sideBlob(path: string, found: Found | undefined, blobs: Map<string, Buffer>, maxBytes: number): FileBlob {
  if (!found || found.type === 'missing') throw new InputError(`${path}: git object is missing`);
  if (found.type === 'blob') {
    if (found.size > maxBytes) return tooLarge(path, found.size, maxBytes);
    const bytes = blobs.get(found.sha!);
    if (!bytes) throw new InputError(`${path}: git object ${found.sha} is missing`);
    return textBlob(path, bytes);
  }
  return unreadableBlob(path, LINK_PROBLEMS[found.type](found.target ?? ''));
}

const LINK_PROBLEMS: Readonly<Record<Exclude<Found['type'], 'blob' | 'missing'>, (target: string) => string>> = {
  symlink: (target) => `a symbolic link to ${target}, outside the repository`,
  dangling: () => 'a symbolic link to a file that does not exist',
  loop: () => 'a symbolic link in a loop of links',
  notdir: () => 'a symbolic link through a path that is not a folder',
  tree: () => 'a symbolic link to a folder',
  other: () => 'a symbolic link to something that is not a file',
};

/** What `git cat-file --batch-check --follow-symlinks` says of one name. */
interface Found {
  type: 'blob' | 'tree' | 'other' | 'missing' | 'symlink' | 'dangling' | 'loop' | 'notdir';
  sha?: string;
  size: number;
  /** For `symlink`: where the link points, outside the repository. */
  target?: string;
}

/** Type and size of each name (a sha, or `rev:path` with links followed inside the tree), read nothing else. */
export function catFileCheck(cwd: string, names: string[]): Promise<Map<string, Found>> {
  const out = new Map<string, Found>();
  const unique = [...new Set(names)];
  if (unique.length === 0) return Promise.resolve(out);
  return runBatch(cwd, ['cat-file', '--batch-check', '--follow-symlinks'], unique, (all) => {
    let at = 0;
    const line = () => {
      const eol = all.indexOf(0x0a, at);
      const text = all.toString('utf8', at, eol < 0 ? all.length : eol);
      at = eol < 0 ? all.length : eol + 1;
      return text;
    };
    for (const name of unique) {
      const header = line();
      const [first, second, third] = header.split(' ');
      if (first === 'symlink' || first === 'dangling' || first === 'loop' || first === 'notdir') {
        const size = Number(second);
        const payload = all.toString('utf8', at, at + size);
        at += size + 1;
        out.set(name, { type: first, size: 0, ...(first === 'symlink' ? { target: payload } : {}) });
      } else if (header.endsWith(' missing') || third === undefined) {
        out.set(name, { type: 'missing', size: 0 });
      } else {
        out.set(name, { type: second === 'blob' || second === 'tree' ? second : 'other', sha: first, size: Number(third) });
      }
    }
    return out;
  });
}

/**
 * A symbolic link to a folder (on either side) stands for the files below it: each becomes an
 * entry of its own under the link's path, so that retargeting `envs/prod → envs/risky` is
 * judged file by file. Other entries are returned as they are.
 */
async function expandFolderLinks(cwd: string, revs: { from: string; to: string }, entries: RawEntry[]): Promise<RawEntry[]> {
  const links = entries.filter((e) => e.oldMode === LINK_MODE || e.newMode === LINK_MODE);
  if (links.length === 0) return entries;
  const name = (rev: string, path: string) => `${rev}:${path}`;
  const found = await catFileCheck(cwd, links.flatMap((e) => [name(revs.from, e.oldPath ?? e.path), name(revs.to, e.path)]));
  const out: RawEntry[] = entries.filter((e) => !links.includes(e));
  for (const e of links) {
    const b = e.oldMode === LINK_MODE ? found.get(name(revs.from, e.oldPath ?? e.path)) : undefined;
    const a = e.newMode === LINK_MODE ? found.get(name(revs.to, e.path)) : undefined;
    if (b?.type !== 'tree' && a?.type !== 'tree') {
      out.push(e);
      continue;
    }
    const [left, right] = await Promise.all([treeFiles(cwd, b), treeFiles(cwd, a)]);
    // The side that is not a folder stays an entry of its own (a link to a file replaced by one to a folder).
    if (b?.type !== 'tree' && !ZERO_SHA.test(e.oldSha)) out.push({ ...e, status: 'D', newMode: '000000', newSha: ZERO_OID });
    if (a?.type !== 'tree' && !ZERO_SHA.test(e.newSha)) out.push({ ...e, status: 'A', oldMode: '000000', oldSha: ZERO_OID, oldPath: undefined });
    for (const rel of new Set([...left.keys(), ...right.keys()])) {
      const x = left.get(rel);
      const y = right.get(rel);
      if (x && y && x.sha === y.sha && x.mode === y.mode) continue;
      out.push({
        status: !x ? 'A' : !y ? 'D' : 'M',
        oldMode: x?.mode ?? '000000',
        newMode: y?.mode ?? '000000',
        oldSha: x?.sha ?? ZERO_OID,
        newSha: y?.sha ?? ZERO_OID,
        path: `${e.path}/${rel}`,
      });
    }
  }
  return out;
}

const ZERO_OID = '0'.repeat(40);

/** The files below a tree (by sha), by path relative to it; empty when `found` is not a tree. */
async function treeFiles(cwd: string, found: Found | undefined): Promise<Map<string, { mode: string; sha: string }>> {
  const files = new Map<string, { mode: string; sha: string }>();
  if (found?.type !== 'tree' || !found.sha) return files;
  const out = await gitText(cwd, ['ls-tree', '-r', '-z', '--full-tree', found.sha]);
  for (const row of out.split('\0')) {
    const tab = row.indexOf('\t');
    if (tab < 0) continue;
    const [mode, , sha] = row.slice(0, tab).split(' ');
    files.set(row.slice(tab + 1), { mode, sha });
  }
  return files;
}

/** Read many blobs through one `git cat-file --batch`: `<sha> blob <size>\n<bytes>\n` per request. */
export function catFileBatch(cwd: string, shas: string[]): Promise<Map<string, Buffer>> {
  if (shas.length === 0) return Promise.resolve(new Map());
  return runBatch(cwd, ['cat-file', '--batch'], shas, (all) => {
    const out = new Map<string, Buffer>();
    let at = 0;
    for (const sha of shas) {
      const eol = all.indexOf(0x0a, at);
      if (eol < 0) break;
      const header = all.toString('utf8', at, eol).split(' ');
      at = eol + 1;
      if (header[1] === 'missing' || header.length < 3) continue;
      const size = Number(header[2]);
      out.set(sha, all.subarray(at, at + size));
      at += size + 1;
    }
    return out;
  });
}

/** One `git cat-file` batch process: the names on stdin, all of stdout to `parse`. */
function runBatch<T>(cwd: string, args: string[], names: string[], parse: (all: Buffer) => T): Promise<T> {
  return new Promise((done, fail) => {
    const child = gitSpawn(cwd, args, fail);
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdin.on('error', () => {
      // An early exit is reported by 'close' below.
    });
    child.on('close', (code) => {
      if (code !== 0) {
        fail(new InputError(`git cat-file: ${stderr.split('\n')[0] || `exit code ${code}`}`));
        return;
      }
      done(parse(Buffer.concat(chunks)));
    });
    child.stdin.end(names.join('\n') + '\n');
  });
}
