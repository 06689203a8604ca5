import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FILTER, gitChangeSet, readFileAtRef, resolveRef } from '../../src/sources/index.js';
import { InputError } from '../../src/errors.js';
import { tempRepo } from './helpers.js';

const filter = DEFAULT_FILTER;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((c) => c()));

function repo() {
  const r = tempRepo();
  cleanups.push(r.cleanup);
  return r;
}

async function inputErrorOf(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).not.toContain('\n');
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

describe('gitChangeSet between refs', () => {
  const r = repo();
  r.commit('base', {
    'app/config.yaml': 'replicas: 3\nlog: info\n',
    'app/gone.yaml': 'a: 1\n',
    'app/moved.yaml': 'name: moved\nlist: [1, 2, 3]\nmore: text that keeps the rename similar enough\n',
    'README.md': '# readme\n',
    'settings.json': '{"a": 1}\n',
    'logo.yaml': 'x: 1\n',
  });
  r.git('branch', 'base');
  r.git('checkout', '-q', '-b', 'feature');
  r.commit('feature', {
    'app/config.yaml': 'replicas: 1\nlog: debug\n',
    'app/new.yml': 'b: 2\n',
    'README.md': '# readme, edited\n',
    'node_modules/pkg/package.json': '{}\n',
    'logo.yaml': PNG,
  });
  r.git('rm', '-q', 'app/gone.yaml');
  r.git('mv', 'app/moved.yaml', 'app/renamed.yaml');
  r.commit('rename and delete');
  // The base branch moves on after the fork: its own changes must not show (three-dot diff).
  r.git('checkout', '-q', 'base');
  r.commit('base moves on', { 'settings.json': '{"a": 2}\n' });
  r.git('checkout', '-q', 'feature');

  it('lists added, deleted, modified and renamed files from the merge base', async () => {
    const set = await gitChangeSet({ cwd: r.dir, base: 'base', filter });
    expect(set.baseLabel).toBe('base');
    expect(set.headLabel).toBe('HEAD');
    const byPath = Object.fromEntries(set.files.map((f) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(['app/config.yaml', 'app/gone.yaml', 'app/new.yml', 'app/renamed.yaml', 'logo.yaml']);
    expect(byPath['app/config.yaml']).toMatchObject({
      status: 'modified',
      before: { path: 'app/config.yaml', text: 'replicas: 3\nlog: info\n' },
      after: { path: 'app/config.yaml', text: 'replicas: 1\nlog: debug\n' },
    });
    expect(byPath['app/new.yml']).toMatchObject({ status: 'added', after: { text: 'b: 2\n', bytes: 5 } });
    expect(byPath['app/new.yml'].before).toBeUndefined();
    expect(byPath['app/gone.yaml']).toMatchObject({ status: 'deleted', before: { text: 'a: 1\n' } });
    expect(byPath['app/gone.yaml'].after).toBeUndefined();
    expect(byPath['app/renamed.yaml']).toMatchObject({
      status: 'renamed',
      oldPath: 'app/moved.yaml',
      before: { path: 'app/moved.yaml' },
      after: { path: 'app/renamed.yaml' },
    });
    // settings.json changed only on the base branch.
    expect(byPath['settings.json']).toBeUndefined();
  });

  it('puts non-config and ignored files in skipped', async () => {
    const set = await gitChangeSet({ cwd: r.dir, base: 'base', filter });
    expect(set.skipped).toEqual(
      expect.arrayContaining([
        { path: 'README.md', reason: 'not-config' },
        { path: 'node_modules/pkg/package.json', reason: 'ignored' },
      ]),
    );
    expect(set.skipped).toHaveLength(2);
  });

  it('a config file that turns binary is kept, with the reason it cannot be read (issue 10, item 2)', async () => {
    const set = await gitChangeSet({ cwd: r.dir, base: 'base', filter });
    expect(set.files.find((f) => f.path === 'logo.yaml')).toMatchObject({
      status: 'modified',
      before: { text: 'x: 1\n' },
      after: { binary: true, unreadable: { reason: 'binary content (a NUL byte at offset 8), not configuration text' } },
    });
  });

  it('takes an explicit head', async () => {
    const set = await gitChangeSet({ cwd: r.dir, base: 'base', head: 'feature~1', filter });
    expect(set.headLabel).toBe('feature~1');
    expect(set.files.map((f) => `${f.status} ${f.path}`).sort()).toEqual(['added app/new.yml', 'modified app/config.yaml', 'modified logo.yaml']);
  });

  it('a rename out of the configuration globs is a deletion, marked as moved out', async () => {
    const s = repo();
    s.commit('one', { 'a.yaml': 'k: v\nother: value\nthird: 3\n' });
    s.git('mv', 'a.yaml', 'a.yaml.bak');
    s.commit('two');
    const set = await gitChangeSet({ cwd: s.dir, base: 'HEAD~1', filter });
    expect(set.files).toMatchObject([{ status: 'deleted', path: 'a.yaml', movedTo: 'a.yaml.bak', before: { text: 'k: v\nother: value\nthird: 3\n' } }]);
    expect(set.skipped).toEqual([{ path: 'a.yaml.bak', reason: 'not-config' }]);
  });

  it('works from a subfolder, with repository-relative paths', async () => {
    const set = await gitChangeSet({ cwd: join(r.dir, 'app'), base: 'base', filter });
    expect(set.files.map((f) => f.path)).toContain('app/config.yaml');
  });

  it('handles paths with spaces and non-ASCII characters', async () => {
    const s = repo();
    s.commit('one', { 'dir with space/conf ü.yaml': 'a: 1\n' });
    s.commit('two', { 'dir with space/conf ü.yaml': 'a: 2\n' });
    const set = await gitChangeSet({ cwd: s.dir, base: 'HEAD~1', filter });
    expect(set.files).toMatchObject([{ status: 'modified', path: 'dir with space/conf ü.yaml', after: { text: 'a: 2\n' } }]);
  });

  it('an unknown ref is a one-line input error', async () => {
    expect((await inputErrorOf(gitChangeSet({ cwd: r.dir, base: 'nope', filter }))).message).toBe('nope: unknown git revision');
    expect((await inputErrorOf(gitChangeSet({ cwd: r.dir, base: 'base', head: 'nope2', filter }))).message).toBe(
      'nope2: unknown git revision',
    );
    expect((await inputErrorOf(gitChangeSet({ cwd: r.dir, base: '--output=/tmp/x', filter }))).message).toBe(
      '"--output=/tmp/x": not a valid git revision',
    );
  });
});

describe('gitChangeSet --staged', () => {
  it('reads the index, not the working tree', async () => {
    const r = repo();
    r.commit('one', { 'svc.yaml': 'level: info\n', 'keep.yaml': 'k: 1\n' });
    r.write({ 'svc.yaml': 'level: debug\n' });
    r.git('add', 'svc.yaml');
    // Edited again after staging: the commit would contain the staged version.
    r.write({ 'svc.yaml': 'level: trace\n', 'keep.yaml': 'k: 2\n' });
    const set = await gitChangeSet({ cwd: r.dir, base: 'HEAD', staged: true, filter });
    expect(set.baseLabel).toBe('HEAD');
    expect(set.headLabel).toBe('index');
    expect(set.files).toEqual([
      {
        status: 'modified',
        path: 'svc.yaml',
        before: { path: 'svc.yaml', text: 'level: info\n', bytes: 12 },
        after: { path: 'svc.yaml', text: 'level: debug\n', bytes: 13 },
      },
    ]);
    expect(set.skipped).toEqual([]);
  });

  it('on the first commit (no HEAD) everything staged is added', async () => {
    const r = repo();
    r.write({ 'a.yaml': 'a: 1\n', 'b/c.json': '{"c": true}\n', 'notes.txt': 'hi\n' });
    r.git('add', '-A');
    const set = await gitChangeSet({ cwd: r.dir, base: 'HEAD', staged: true, filter });
    expect(set.baseLabel).toBe('empty tree');
    expect(set.files.map((f) => `${f.status} ${f.path} ${f.after?.text}`)).toEqual(['added a.yaml a: 1\n', 'added b/c.json {"c": true}\n']);
    expect(set.skipped).toEqual([{ path: 'notes.txt', reason: 'not-config' }]);
  });

  it('a staged rename and deletion', async () => {
    const r = repo();
    r.commit('one', { 'x.yaml': 'name: x\nvalue: a long enough body to be similar\n', 'y.yaml': 'y: 1\n' });
    r.git('mv', 'x.yaml', 'z.yaml');
    r.git('rm', '-q', 'y.yaml');
    const set = await gitChangeSet({ cwd: r.dir, base: 'HEAD', staged: true, filter });
    expect(set.files.map((f) => `${f.status} ${f.oldPath ?? '-'} ${f.path}`).sort()).toEqual(['deleted - y.yaml', 'renamed x.yaml z.yaml']);
  });

  it('nothing staged is an empty change set', async () => {
    const r = repo();
    r.commit('one', { 'a.yaml': 'a: 1\n' });
    r.write({ 'a.yaml': 'a: 2\n' });
    expect((await gitChangeSet({ cwd: r.dir, base: 'HEAD', staged: true, filter })).files).toEqual([]);
  });

  it('invalid UTF-8 on the after side is kept with its reason, not an error (issue 10)', async () => {
    const r = repo();
    r.commit('one', { 'a.yaml': 'a: 1\n' });
    r.write({ 'a.yaml': new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0x0a]) });
    r.git('add', 'a.yaml');
    const set = await gitChangeSet({ cwd: r.dir, base: 'HEAD', staged: true, filter });
    expect(set.files).toMatchObject([{ status: 'modified', path: 'a.yaml', after: { unreadable: { reason: 'not valid UTF-8 (invalid byte 0xff at offset 3)', line: 1 } } }]);
  });
});

describe('git errors', () => {
  it('outside a repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'configgate-norepo-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'a.yaml'), 'a: 1\n');
    const env = process.env.GIT_CEILING_DIRECTORIES;
    process.env.GIT_CEILING_DIRECTORIES = tmpdir();
    try {
      expect((await inputErrorOf(gitChangeSet({ cwd: dir, base: 'main', filter }))).message).toBe(`${dir}: not a git repository`);
      expect((await inputErrorOf(resolveRef(dir, 'HEAD'))).message).toBe(`${dir}: not a git repository`);
    } finally {
      if (env === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
      else process.env.GIT_CEILING_DIRECTORIES = env;
    }
  });

  it('git missing from PATH', async () => {
    const r = repo();
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect((await inputErrorOf(gitChangeSet({ cwd: r.dir, base: 'HEAD', filter }))).message).toBe(
        'git: command not found (install git or put it on PATH)',
      );
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('resolveRef and readFileAtRef', () => {
  const r = repo();
  const first = r.commit('one', { '.configgate.yml': 'failOn: block\n', 'policies/p.yaml': 'id: p\n' });
  r.commit('two', { '.configgate.yml': 'failOn: warn\n' });

  it('resolves refs to full shas', async () => {
    expect(await resolveRef(r.dir, 'HEAD~1')).toBe(first);
    expect(await resolveRef(r.dir, first.slice(0, 8))).toBe(first);
    expect((await inputErrorOf(resolveRef(r.dir, 'nope'))).message).toBe('nope: unknown git revision');
  });

  it('reads a file as it was at a ref, by relative or absolute path', async () => {
    expect(await readFileAtRef(r.dir, 'HEAD~1', '.configgate.yml')).toBe('failOn: block\n');
    expect(await readFileAtRef(r.dir, 'HEAD', join(r.dir, '.configgate.yml'))).toBe('failOn: warn\n');
    expect(await readFileAtRef(join(r.dir, 'policies'), 'HEAD', 'p.yaml')).toBe('id: p\n');
  });

  it('undefined when the file is absent at that ref', async () => {
    expect(await readFileAtRef(r.dir, 'HEAD', 'missing.yaml')).toBeUndefined();
    expect(await readFileAtRef(r.dir, 'HEAD', '/elsewhere/outside.yaml')).toBeUndefined();
    expect(await readFileAtRef(r.dir, 'HEAD', 'policies')).toBeUndefined();
  });
});

describe('gitChangeSet: the repository share of a deletion (issue 13, pattern 7)', () => {
  it('counts the configuration files of the base when the change deletes one, and only then', async () => {
    const r = tempRepo();
    try {
      r.commit('base', { 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n', 'c/d.json': '{}\n', 'README.md': 'x\n', '.github/ci.yml': 'on: push\n' });
      const base = (await resolveRef(r.dir, 'HEAD')).slice(0, 12);
      r.git('rm', '-q', 'b.yaml');
      r.commit('delete b');
      const deleted = await gitChangeSet({ cwd: r.dir, base, head: 'HEAD', filter: DEFAULT_FILTER });
      expect(deleted.files.map((f) => [f.status, f.path])).toEqual([['deleted', 'b.yaml']]);
      expect(deleted.baseConfigFiles).toBe(3);
      r.commit('edit a', { 'a.yaml': 'a: 2\n' });
      const edited = await gitChangeSet({ cwd: r.dir, base: 'HEAD~1', head: 'HEAD', filter: DEFAULT_FILTER });
      expect(edited.baseConfigFiles).toBeUndefined();
    } finally {
      r.cleanup();
    }
  });
});
