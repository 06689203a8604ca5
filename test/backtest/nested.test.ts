// Issue 11 (nested configs) in backtest: every file of every replayed commit is judged by its
// nearest `.configgate.yml` as it is today (the working tree, or the tip of the branch replayed in
// a bare mirror), never by the config of the commit replayed, and whatever the working directory.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backtest, type BacktestResult } from '../../src/backtest/index.js';
import { runCli } from '../../src/cli/run.js';
import { governanceFor } from '../../src/run.js';
import { tempRepo } from '../sources/helpers.js';
import { tempDir } from '../support/cli.js';

const NOW = new Date('2026-01-15T00:00:00Z');
let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

const INFO = 'name: app\nlogLevel: info\n';
const DEBUG = 'name: app\nlogLevel: debug\n';
const ROOT_CONFIG = 'rules:\n  verbosity.global-raise: warn\n';
/** Team a, one level down, turns the raise off for its files. */
const TEAM_A = 'rules:\n  verbosity.global-raise: off\n';
/** Team b, two levels down, blocks it; added only in the last commit (today's config). */
const TEAM_B = 'root: true\nrules:\n  verbosity.global-raise: block\n';

/** Four raises, one per folder, then the commit that adds team b's config. */
function history() {
  const repo = tempRepo();
  cleanups.push(repo.cleanup);
  repo.commit('root', {
    '.configgate.yml': ROOT_CONFIG,
    'teams/a/.configgate.yml': TEAM_A,
    'teams/a/app.yaml': INFO,
    'teams/b/svc/app.yaml': INFO,
    'other/app.yaml': INFO,
  });
  const a = repo.commit('team a: debug', { 'teams/a/app.yaml': DEBUG });
  const b = repo.commit('team b: debug', { 'teams/b/svc/app.yaml': DEBUG });
  const other = repo.commit('other: debug', { 'other/app.yaml': DEBUG });
  const config = repo.commit('team b: its own config', { 'teams/b/svc/.configgate.yml': TEAM_B });
  return { repo, a, b, other, config };
}

const stops = (result: BacktestResult) =>
  result.stopped.map(({ sha, verdict, top }) => ({ sha, verdict, policy: top.policy, level: top.level, file: top.file, line: top.line, column: top.column }));

describe('backtest with nested configs', () => {
  it("judges each file by today's nearest config: team b's raise blocks (its config came later), team a's and the root's do not", async () => {
    const { repo, b } = history();
    const governance = await governanceFor({ cwd: repo.dir, source: { kind: 'git', base: 'HEAD' } });
    const result = await backtest({ cwd: repo.dir, governance, now: NOW });
    expect(result.commits).toBe(4);
    expect(result.errors).toEqual([]);
    expect(stops(result)).toEqual([
      { sha: b, verdict: 'block', policy: 'verbosity.global-raise', level: 'block', file: 'teams/b/svc/app.yaml', line: 2, column: 1 },
    ]);
  });

  it.each(['.', 'teams/a', 'teams/b/svc', 'other'])('gives the same stops from the working directory %s (the CLI)', async (from) => {
    const { repo, b } = history();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['backtest', '--now', NOW.toISOString(), '--format', 'json'], {
      cwd: join(repo.dir, from),
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      isTTY: false,
      env: {},
    });
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out.join('')) as BacktestResult;
    expect(result.stopped.map((s) => [s.sha, s.top.policy, s.top.file])).toEqual([[b, 'verbosity.global-raise', 'teams/b/svc/app.yaml']]);
  });

  it('reads the working tree: an uncommitted edit to a team config is what the history is judged by', async () => {
    const { repo, a, b } = history();
    repo.write({ 'teams/a/.configgate.yml': 'rules:\n  verbosity.global-raise: block\n' });
    const governance = await governanceFor({ cwd: join(repo.dir, 'other'), source: { kind: 'git', base: 'HEAD' } });
    const result = await backtest({ cwd: repo.dir, governance, now: NOW });
    expect(result.stopped.map((s) => [s.sha, s.top.file])).toEqual([
      [a, 'teams/a/app.yaml'],
      [b, 'teams/b/svc/app.yaml'],
    ]);
  });

  it('in a bare mirror, reads the configs at the tip of the branch replayed', async () => {
    const { repo, b } = history();
    const bare = join(tempDir(), 'mirror.git');
    execFileSync('git', ['clone', '--quiet', '--bare', repo.dir, bare]);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['backtest', '--now', NOW.toISOString()], { cwd: bare, stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false, env: {} });
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    const lines = out.join('').trimEnd().split('\n');
    expect(lines[0].startsWith(`${b.slice(0, 7)} block team b: debug — verbosity.global-raise teams/b/svc/app.yaml:2:1 `)).toBe(true);
    expect(lines.slice(2)).toEqual(['commits judged: 4', 'stopped: 1 (25.0%)', '  verbosity.global-raise: 1', 'errors: 0']);
  });

  it('--branch in a bare mirror: the configs of that branch tip (before team b had its own, the raise is a warning)', async () => {
    const { repo, other } = history();
    repo.git('branch', 'before-b', other);
    const bare = join(tempDir(), 'mirror.git');
    execFileSync('git', ['clone', '--quiet', '--bare', repo.dir, bare]);
    const out: string[] = [];
    const code = await runCli(['backtest', '--branch', 'before-b', '--now', NOW.toISOString(), '--format', 'json'], { cwd: bare, stdout: (t) => out.push(t), stderr: () => {}, isTTY: false, env: {} });
    expect(code).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ commits: 3, stopped: [], errors: [] });
  });
});
