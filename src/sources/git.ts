import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ChangeSet, FileBlob, FileDelta, SkippedFile } from '../model.js';
import { InputError } from '../errors.js';
import { git, gitSpawn, gitText } from '../git.js';
import { decodeText } from '../load/index.js';
import { admitDelta, classify, placeDelta, type FileFilter } from './filter.js';
import { blob } from './folders.js';

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
  await ensureRepo(cwd);
  const result = await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (result.code !== 0) throw new InputError(`${ref}: unknown git revision`);
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

/**
 * The change set between two commits (base's merge base with head, like a pull request), or
 * between HEAD and the index (`staged`). File contents come from git's object store, never
 * from the working tree, through one `git cat-file --batch` process.
 */
export async function gitChangeSet(opts: GitChangeSetOptions): Promise<ChangeSet> {
  const { cwd, filter } = opts;
  await ensureRepo(cwd);
  let baseLabel: string;
  let headLabel: string;
  let diffArgs: string[];
  if (opts.staged) {
    const head = await git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    const from = head.code === 0 ? head.stdout.toString('utf8').trim() : EMPTY_TREE;
    baseLabel = head.code === 0 ? 'HEAD' : 'empty tree';
    headLabel = 'index';
    diffArgs = ['--cached', from];
  } else {
    const headRef = opts.head ?? 'HEAD';
    const [baseSha, headSha] = await Promise.all([resolveRef(cwd, opts.base), resolveRef(cwd, headRef)]);
    const mb = await git(cwd, ['merge-base', baseSha, headSha]);
    // Unrelated histories have no merge base: compare the two commits directly.
    const from = mb.code === 0 ? mb.stdout.toString('utf8').trim() : baseSha;
    baseLabel = opts.base;
    headLabel = headRef;
    diffArgs = [from, headSha];
  }
  const raw = await gitText(cwd, ['diff', '--raw', '-z', '-M', '--no-abbrev', '--no-color', '--no-ext-diff', ...diffArgs, '--']);
  const entries = parseRaw(raw);

  const files: FileDelta[] = [];
  const skipped: SkippedFile[] = [];
  // What to read: one request per side, answered by one cat-file process.
  const wanted = new Set<string>();
  const plan: Array<{ delta: FileDelta; oldSha?: string; newSha?: string }> = [];
  for (const e of entries) {
    if (e.status === 'U') throw new InputError(`${e.path}: unmerged in the index; resolve the conflict first`);
    let status: FileDelta['status'];
    let oldPath: string | undefined;
    let path = e.path;
    let oldSha: string | undefined = ZERO_SHA.test(e.oldSha) ? undefined : e.oldSha;
    let newSha: string | undefined = ZERO_SHA.test(e.newSha) ? undefined : e.newSha;
    switch (e.status) {
      case 'A':
        status = 'added';
        break;
      case 'D':
        status = 'deleted';
        break;
      case 'M':
      case 'T':
        status = 'modified';
        break;
      case 'R':
        status = 'renamed';
        oldPath = e.oldPath;
        break;
      case 'C':
        // A copy is a new file: judged in full, not as "identical to its source".
        status = 'added';
        oldSha = undefined;
        break;
      default:
        continue;
    }
    // A side that is a symlink or a submodule is not file content.
    if (oldSha && !isBlobMode(e.oldMode)) oldSha = undefined;
    if (newSha && !isBlobMode(e.newMode)) newSha = undefined;
    const placed = placeDelta(status, path, oldPath, filter);
    if (placed.skipped) skipped.push(placed.skipped);
    if (status === 'renamed' && placed.status === 'deleted') newSha = undefined;
    if (status === 'renamed' && placed.status === 'added') oldSha = undefined;
    ({ status, path, oldPath } = placed);
    const kind = placed.kind;
    if (kind !== 'config') {
      skipped.push({ path, reason: kind });
      continue;
    }
    if (!oldSha && !newSha) {
      skipped.push({ path, reason: 'not-config' });
      continue;
    }
    if (status === 'modified' && !oldSha) status = 'added';
    if (status === 'modified' && !newSha) status = 'deleted';
    const delta: FileDelta = { status, path, ...(oldPath ? { oldPath } : {}) };
    if (oldSha) wanted.add(oldSha);
    if (newSha) wanted.add(newSha);
    plan.push({ delta, oldSha, newSha });
  }

  const baseConfigFiles = plan.some((p) => p.delta.status === 'deleted') ? await countConfigFiles(cwd, diffArgs, filter) : undefined;
  const blobs = await catFileBatch(cwd, [...wanted]);
  for (const { delta, oldSha, newSha } of plan) {
    const before = oldSha ? toBlob(delta.oldPath ?? delta.path, blobs, oldSha, false) : undefined;
    const after = newSha ? toBlob(delta.path, blobs, newSha, true) : undefined;
    admitDelta({ files, skipped }, delta, before, after);
  }
  return { baseLabel, headLabel, files, skipped, ...(baseConfigFiles !== undefined ? { baseConfigFiles } : {}) };
}

/** Configuration files in the base tree (the first of the diff's sides; the index's HEAD when staged). */
async function countConfigFiles(cwd: string, diffArgs: string[], filter: FileFilter): Promise<number> {
  const base = diffArgs[0] === '--cached' ? diffArgs[1] : diffArgs[0];
  const out = await gitText(cwd, ['ls-tree', '-r', '-z', '--name-only', base]);
  let count = 0;
  for (const path of out.split('\0')) if (path && classify(path, filter) === 'config') count++;
  return count;
}

function toBlob(path: string, blobs: Map<string, Buffer>, sha: string, strict: boolean): FileBlob {
  const bytes = blobs.get(sha);
  if (!bytes) throw new InputError(`${path}: git object ${sha} is missing`);
  return blob(path, bytes, strict);
}

/** Read many blobs through one `git cat-file --batch`: `<sha> blob <size>\n<bytes>\n` per request. */
export function catFileBatch(cwd: string, shas: string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (shas.length === 0) return Promise.resolve(out);
  return new Promise((done, fail) => {
    const child = gitSpawn(cwd, ['cat-file', '--batch'], fail);
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
      const all = Buffer.concat(chunks);
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
      done(out);
    });
    child.stdin.end(shas.join('\n') + '\n');
  });
}
