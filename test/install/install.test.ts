// Every install path, as a user takes it, from a clean clone of this working tree: the packed
// tarball, a folder, a git URL, and the pre-commit framework. Whole processes, real npm and git.
// Slow by nature: one pack, one install per path, all set up at once and shared by the cases.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT, writeTree } from '../support/cli.js';
import { cleanClone, consumer, installedClone, must, removeTempDirs, run, tempDir, userEnv, type ProcessRun } from './harness.js';

// Each case runs whole processes (a commit runs its hook, which runs configgate) on a shared machine.
vi.setConfig({ testTimeout: 180_000 });

const hasPreCommit = (() => {
  try {
    execFileSync('pre-commit', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

interface Setup {
  tarballFiles: string[];
  tarConsumer: string;
  folderConsumer: string;
  gitConsumer: string;
  sourceClone: string;
  hookRepo?: string;
}

let setup: Setup;
let gateDir: string;

/** A risky and a benign change, judged by an installed bin. */
async function judge(bin: string): Promise<{ risky: ProcessRun; benign: ProcessRun }> {
  const [risky, benign] = await Promise.all([
    run(bin, ['compare', 'before', 'risky', '--format', 'json'], gateDir),
    run(bin, ['compare', 'before', 'benign', '--format', 'json'], gateDir),
  ]);
  return { risky, benign };
}

function expectGate({ risky, benign }: { risky: ProcessRun; benign: ProcessRun }): void {
  expect(risky.stderr).toBe('');
  expect(risky.code).toBe(1);
  const report = JSON.parse(risky.stdout);
  expect(report.verdict).toBe('block');
  expect(report.findings).toContainEqual(expect.objectContaining({ policy: 'verbosity.global-raise', file: 'svc.yaml', line: 1 }));
  expect(benign.code).toBe(0);
  expect(JSON.parse(benign.stdout).verdict).toBe('pass');
}

async function packAndInstall(work: string): Promise<Pick<Setup, 'tarballFiles' | 'tarConsumer' | 'folderConsumer'>> {
  const out = tempDir('configgate-pack-');
  const packed = await must('npm', ['pack', '--pack-destination', out], work);
  const tarball = join(out, packed.stdout.trim().split('\n').pop()!);
  const tarballFiles = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const tarConsumer = consumer('tarball');
  // One install for the tarball and the two hook managers the README documents.
  await must('npm', ['install', '--save-dev', tarball, 'husky@9', 'lefthook'], tarConsumer);
  // After the pack, so the two builds in `work` do not overlap.
  const folderConsumer = consumer('folder');
  await must('npm', ['install', work], folderConsumer);
  return { tarballFiles, tarConsumer, folderConsumer };
}

async function installGit(bare: string): Promise<string> {
  const dir = consumer('git-url');
  await must('npm', ['install', `git+file://${bare}`], dir);
  return dir;
}

/** A repository using configgate through pre-commit, with its hooks installed. */
async function installHooks(source: string, sha: string): Promise<string> {
  const dir = tempDir('configgate-hooked-');
  const env = preCommitEnv(dir);
  await must('git', ['init', '-q', '-b', 'main'], dir, env);
  writeTree(dir, {
    'svc.yaml': 'logLevel: info\nreplicas: 3\n',
    '.pre-commit-config.yaml': [
      'repos:',
      `  - repo: ${source}`,
      `    rev: ${sha}`,
      '    hooks:',
      '      - id: configgate',
      '      - id: configgate-base',
      '        args: [--base, HEAD~1]',
      // The README's CI entry: configs and policies from the base, not from the branch under review.
      '      - id: configgate-base',
      '        alias: configgate-ci',
      '        args: [--base, HEAD~1, --trusted-ref, HEAD~1]',
      '        stages: [manual]',
      '',
    ].join('\n'),
  });
  await must('git', ['add', '-A'], dir, env);
  await must('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'init'], dir, env);
  await must('pre-commit', ['install-hooks'], dir, env);
  await must('pre-commit', ['install'], dir, env);
  return dir;
}

function preCommitEnv(dir: string): NodeJS.ProcessEnv {
  return userEnv({ PRE_COMMIT_HOME: join(dir, '.pre-commit-home'), PRE_COMMIT_COLOR: 'never' });
}

beforeAll(async () => {
  gateDir = tempDir('configgate-gate-');
  writeTree(gateDir, {
    'before/svc.yaml': 'logLevel: info\nreplicas: 3\n',
    'risky/svc.yaml': 'logLevel: debug\nreplicas: 3\n',
    'benign/svc.yaml': 'logLevel: info\nreplicas: 4\n',
  });
  const clone = cleanClone();
  const [packed, gitConsumer, hookRepo] = await Promise.all([
    packAndInstall(installedClone(clone.dir)),
    installGit(clone.bare),
    hasPreCommit ? installHooks(clone.dir, clone.sha) : Promise.resolve(undefined),
  ]);
  setup = { ...packed, gitConsumer, hookRepo, sourceClone: clone.dir };
}, 900_000);

afterAll(removeTempDirs);

describe('npm pack (prepack + prepare)', () => {
  it('ships the built library and CLI, the policies, the schemas and the licence, and nothing else', () => {
    const files = setup.tarballFiles.map((f) => f.replace(/^package\//, ''));
    for (const needed of ['dist/cli/main.js', 'dist/index.js', 'dist/index.d.ts', 'policies/verbosity.global-raise.yaml', 'schemas/config.schema.json', 'LICENSE', 'README.md', 'package.json']) {
      expect(files).toContain(needed);
    }
    expect(files.filter((f) => /^(src|test|scripts|bench|examples)\//.test(f) || f === 'dist/action.js' || f.startsWith('dist/action-chunk-') || f.startsWith('dist/.test'))).toEqual([]);
  });

  it('the tarball installs a working configgate bin', async () => {
    const bin = join(setup.tarConsumer, 'node_modules', '.bin', 'configgate');
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expectGate(await judge(bin));
  });

  it("and a working library: the API example runs against the installed package", async () => {
    const example = join(setup.tarConsumer, 'check-in-memory.mjs');
    copyFileSync(join(ROOT, 'examples', 'api', 'check-in-memory.mjs'), example);
    const result = await run(process.execPath, [example], setup.tarConsumer);
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout.split('\n').slice(0, 2)).toEqual(['verdict: block', 'services/checkout.yaml:1 block verbosity.global-raise (global-raise)']);
  });
});

describe('npm install from source (prepare builds dist/)', () => {
  it('from a folder (a clone after npm ci)', async () => {
    expectGate(await judge(join(setup.folderConsumer, 'node_modules', '.bin', 'configgate')));
  });

  it('from a git URL', async () => {
    expectGate(await judge(join(setup.gitConsumer, 'node_modules', '.bin', 'configgate')));
  });

  it('from a folder whose dependencies are not installed: one line saying what to do', async () => {
    const dir = consumer('bare-folder');
    const result = await run('npm', ['install', setup.sourceClone], dir);
    expect(result.code).not.toBe(0);
    expect(result.stderr + result.stdout).toMatch(/configgate: building dist\/ needs the dev dependencies: run `npm ci` in .* first/);
  });
});

/** A commit of svc.yaml with this content; the hooks installed in `dir` run. */
async function commitIn(dir: string, content: string, message: string): Promise<ProcessRun> {
  writeFileSync(join(dir, 'svc.yaml'), content);
  await must('git', ['add', 'svc.yaml'], dir);
  return run('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', message], dir);
}

async function lastCommit(dir: string): Promise<string> {
  return (await must('git', ['log', '-1', '--format=%s'], dir)).stdout.trim();
}

async function gitInit(dir: string, files: Record<string, string>): Promise<void> {
  await must('git', ['init', '-q', '-b', 'main'], dir);
  writeTree(dir, { '.gitignore': 'node_modules\n', 'svc.yaml': 'logLevel: info\nreplicas: 3\n', ...files });
}

describe('Husky v9 and lefthook, as the README sets them up', () => {
  it('Husky: .husky/pre-commit runs `npx configgate check --staged`', async () => {
    const dir = setup.tarConsumer;
    await gitInit(dir, {});
    await must('npx', ['husky', 'init'], dir);
    writeFileSync(join(dir, '.husky', 'pre-commit'), 'npx configgate check --staged\n');
    await must('git', ['add', '-A'], dir);
    await must('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'init'], dir);
    const risky = await commitIn(dir, 'logLevel: debug\nreplicas: 3\n', 'debug everywhere');
    expect(risky.code).toBe(1);
    expect(risky.stdout + risky.stderr).toMatch(/svc\.yaml:1:1 +block +verbosity\.global-raise/);
    expect(await lastCommit(dir)).toBe('init');
    expect((await commitIn(dir, 'logLevel: info\nreplicas: 4\n', 'one more replica')).code).toBe(0);
  });

  it('lefthook: lefthook.yml runs it on YAML and JSON files', async () => {
    const dir = consumer('lefthook');
    symlinkSync(join(setup.tarConsumer, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await gitInit(dir, {
      'lefthook.yml': 'pre-commit:\n  commands:\n    configgate:\n      glob: "*.{yaml,yml,json}"\n      run: npx configgate check --staged\n',
    });
    await must('npx', ['lefthook', 'install'], dir);
    await must('git', ['add', '-A'], dir);
    await must('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'init'], dir);
    const risky = await commitIn(dir, 'logLevel: debug\nreplicas: 3\n', 'debug everywhere');
    expect(risky.code).toBe(1);
    expect(risky.stdout + risky.stderr).toMatch(/svc\.yaml:1:1 +block +verbosity\.global-raise/);
    expect(await lastCommit(dir)).toBe('init');
    expect((await commitIn(dir, 'logLevel: info\nreplicas: 4\n', 'one more replica')).code).toBe(0);
  });
});

describe.skipIf(!hasPreCommit && !process.env.CI)('the pre-commit framework', () => {
  const commit = async (content: string, message: string, verify = true) => {
    const dir = setup.hookRepo!;
    writeFileSync(join(dir, 'svc.yaml'), content);
    await must('git', ['add', 'svc.yaml'], dir, preCommitEnv(dir));
    const args = ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', message, ...(verify ? [] : ['--no-verify'])];
    return run('git', args, dir, preCommitEnv(dir));
  };
  const head = () => execFileSync('git', ['log', '-1', '--format=%s'], { cwd: setup.hookRepo!, encoding: 'utf8' }).trim();

  it('installs the hook from a clone; it blocks a risky staged change and passes a benign one', async () => {
    expect(setup.hookRepo, 'pre-commit is not installed (apt-get install pre-commit)').toBeDefined();
    const risky = await commit('logLevel: debug\nreplicas: 3\n', 'debug everywhere');
    expect(risky.code).toBe(1);
    const output = risky.stdout + risky.stderr;
    expect(output).toMatch(/configgate\.+Failed/);
    expect(output).toMatch(/svc\.yaml:1:1 +block +verbosity\.global-raise/);
    expect(head()).toBe('init');

    const benign = await commit('logLevel: info\nreplicas: 4\n', 'one more replica');
    expect(benign.code).toBe(0);
    expect(head()).toBe('one more replica');
  });

  it('configgate-base judges the branch against its base, as CI would', async () => {
    const dir = setup.hookRepo!;
    await commit('logLevel: trace\nreplicas: 4\n', 'trace everywhere', false);
    const ci = await run('pre-commit', ['run', '--hook-stage', 'manual', 'configgate-base', '--all-files'], dir, preCommitEnv(dir));
    expect(ci.code).toBe(1);
    expect(ci.stdout).toMatch(/svc\.yaml:1:1 +block +verbosity\.global-raise/);
    expect(ci.stdout).toMatch(/base HEAD~1 .*→ head HEAD/);
  });

  it('a branch that turns its own rule off: configgate-base (working tree) passes it, configgate-ci (--trusted-ref) blocks it', async () => {
    const dir = setup.hookRepo!;
    await commit('logLevel: info\nreplicas: 4\n', 'back to info', false);
    writeFileSync(join(dir, '.configgate.yml'), 'rules:\n  verbosity.global-raise: off\n');
    await must('git', ['add', '.configgate.yml'], dir, preCommitEnv(dir));
    await commit('logLevel: debug\nreplicas: 4\n', 'debug, and the rule that stops it off', false);
    // At the push stage only the plain entry runs (the CI entry, sharing its id, is manual only).
    const local = await run('pre-commit', ['run', '--hook-stage', 'push', 'configgate-base', '--all-files'], dir, preCommitEnv(dir));
    expect(local.code).toBe(0);
    // pre-commit shows a passing hook's output only with --verbose: the relaxed rule let it through.
    expect(local.stdout).toMatch(/configgate \(branch against its base\)\.+Passed/);
    const ci = await run('pre-commit', ['run', '--hook-stage', 'manual', 'configgate-ci', '--all-files'], dir, preCommitEnv(dir));
    expect(ci.code).toBe(1);
    expect(ci.stdout).toMatch(/svc\.yaml:1:1 +block +verbosity\.global-raise/);
  });
});
