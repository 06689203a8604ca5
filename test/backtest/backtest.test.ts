import { afterEach, describe, expect, it } from 'vitest';
import { backtest } from '../../src/backtest/index.js';
import { runCli } from '../../src/cli/run.js';
import { setupFor } from '../../src/run.js';
import { tempRepo } from '../sources/helpers.js';

const NOW = new Date('2025-01-15T00:00:00Z');
let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

/** root (skipped) → benign edit → global logLevel raise → unparseable YAML → benign edit. */
function history() {
  const repo = tempRepo();
  cleanups.push(repo.cleanup);
  repo.commit('root: add service', { 'svc/app.yaml': 'name: app\nlogLevel: info\ntimeoutSeconds: 30\n' });
  repo.commit('bump timeout', { 'svc/app.yaml': 'name: app\nlogLevel: info\ntimeoutSeconds: 31\n' });
  const raise = repo.commit('debug logging everywhere', { 'svc/app.yaml': 'name: app\nlogLevel: debug\ntimeoutSeconds: 31\n' });
  const broken = repo.commit('broken yaml', { 'svc/other.yaml': 'a: [1, 2\nb: {\n' });
  repo.commit('fix and rename', { 'svc/other.yaml': 'a: [1, 2]\n', 'svc/app.yaml': 'name: app2\nlogLevel: debug\ntimeoutSeconds: 31\n' });
  return { repo, raise, broken };
}

function io(dir: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cliIO: { cwd: dir, stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), isTTY: false, env: {} } };
}

describe('backtest', () => {
  it('stops the log-level raise and the unparseable commit (gate.unparseable), and skips the root commit', async () => {
    const { repo, raise, broken } = history();
    const setup = await setupFor({ cwd: repo.dir, source: { kind: 'git', base: 'HEAD' } });
    const result = await backtest({ cwd: repo.dir, setup, now: NOW });
    expect(result.commits).toBe(4);
    expect(result.stopped).toHaveLength(2);
    const bySha = new Map(result.stopped.map((s) => [s.sha, s]));
    expect(bySha.get(raise)).toMatchObject({ subject: 'debug logging everywhere', verdict: 'block' });
    expect(bySha.get(raise)!.top).toMatchObject({ policy: 'verbosity.global-raise', file: 'svc/app.yaml', line: 2 });
    expect(bySha.get(broken)!.top).toMatchObject({ policy: 'gate.unparseable', file: 'svc/other.yaml' });
    expect(result.byPolicy).toEqual({ 'verbosity.global-raise': 1, 'gate.unparseable': 1 });
    expect(result.errors).toHaveLength(0);
  });

  it.each([
    [{ limit: 2 }, 2, 1],
    [{ since: 'HEAD~2' }, 2, 1],
    [{ branch: 'HEAD~2' }, 2, 1],
  ])('limits the replay with %j', async (range, commits, stopped) => {
    const { repo } = history();
    const setup = await setupFor({ cwd: repo.dir, source: { kind: 'git', base: 'HEAD' } });
    const result = await backtest({ cwd: repo.dir, setup, now: NOW, ...range });
    expect(result.commits).toBe(commits);
    expect(result.stopped).toHaveLength(stopped);
  });

  it('prints one line per stopped commit and the summary, exit 0', async () => {
    const { repo, raise } = history();
    const { out, err, cliIO } = io(repo.dir);
    const code = await runCli(['backtest', '--now', '2025-01-15T00:00:00Z'], cliIO);
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    const lines = out.join('').trimEnd().split('\n');
    expect(lines.find((l) => l.startsWith(raise.slice(0, 7)))).toMatch(new RegExp(`^${raise.slice(0, 7)} block debug logging everywhere — verbosity\\.global-raise svc/app\\.yaml:2:1 `));
    expect(lines.slice(3)).toEqual(['commits judged: 4', 'stopped: 2 (50.0%)', '  gate.unparseable: 1', '  verbosity.global-raise: 1', 'errors: 0']);
  });

  it('emits the JSON shape', async () => {
    const { repo, raise } = history();
    const { out, cliIO } = io(repo.dir);
    expect(await runCli(['backtest', '-f', 'json', '-n', '10'], cliIO)).toBe(0);
    const report = JSON.parse(out.join(''));
    expect(Object.keys(report).sort()).toEqual(['byPolicy', 'commits', 'crashes', 'errors', 'stopped']);
    expect(report.stopped[0]).toMatchObject({ sha: raise, verdict: 'block', top: { policy: 'verbosity.global-raise' } });
  });

  it.each([
    [['backtest', '-n', '0'], /^configgate: usage: -n must be a whole number/],
    [['backtest', '--format', 'sarif'], /^configgate: usage: backtest --format must be text or json/],
    [['backtest', '--base', 'main'], /^configgate: usage: backtest takes --since and --branch/],
    [['backtest', '--now', 'soon'], /^configgate: usage: --now must be an ISO time with a zone/],
    [['backtest', '--branch', 'nope'], /^configgate: nope: unknown git revision/],
  ])('usage error %j exits 2 with one line', async (args, message) => {
    const { repo } = history();
    const { out, err, cliIO } = io(repo.dir);
    expect(await runCli(args, cliIO)).toBe(2);
    expect(err.join('')).toMatch(message);
    expect(err.join('').trim().split('\n')).toHaveLength(1);
    expect(out.join('')).toBe('');
  });
});
