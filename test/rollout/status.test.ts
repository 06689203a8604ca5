// `configgate rollout status`: the plan, each stage's state and evidence, the time left.
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { parseCommand } from '../../src/cli/args.js';
import { runCli } from '../../src/cli/run.js';
import { InputError } from '../../src/errors.js';
import { gitRepo, writeTree } from '../support/cli.js';

const NOW = '2026-12-02T12:00:00Z';

function repoWithChange(change: Record<string, string>) {
  const { dir, git } = gitRepo();
  const commit = (files: Record<string, string>, date: string) => {
    writeTree(dir, files);
    git('add', '-A');
    execFileSync('git', ['commit', '-q', '-m', 'c'], { cwd: dir, env: { ...process.env, GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date } });
  };
  commit({ 'flags.yaml': 'flags:\n  search: { enabled: false }\n' }, '2026-12-01T00:00:00Z');
  git('checkout', '-q', '-b', 'change');
  commit(change, '2026-12-02T11:00:00Z');
  return dir;
}

async function status(dir: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['rollout', 'status', '--base', 'main', '--now', NOW, ...args], {
    cwd: dir,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
    env: {},
  });
  return { code, stdout, stderr };
}

const PLAN = 'stages:\n  - { name: canary, scope: { share: 1 }, bake: 1h }\n  - { name: early, scope: { share: 10 }, bake: 1h }\n  - { name: all, scope: { share: 100 }, bake: 0m }\n';

describe('configgate rollout status', () => {
  test('text: the verdict, each stage with its evidence, the next step', async () => {
    const dir = repoWithChange({ 'flags.yaml': 'flags:\n  search: { enabled: true }\n', '.configgate/rollout.yaml': PLAN });
    writeTree(dir, { 'ev.json': JSON.stringify([{ stage: 'canary', state: 'success', at: '2026-12-02T11:30:00Z', url: 'https://ci.example/1' }]) });
    const out = await status(dir, '--evidence', 'ev.json');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(1);
    expect(out.stdout).toBe(
      [
        '◐ needs-rollout — 0 blocking, 1 needs rollout, 0 warnings (2 files, 2 changes)',
        '',
        'Rollout: staged rollout required (deploy before merge, plan .configgate/rollout.yaml)',
        '  ◐ 1. canary  1%  baking, 30m left  ← current',
        '       file canary: success at 2026-12-02T11:30:00Z (https://ci.example/1)',
        '  · 2. early   10%  pending',
        '  · 3. all     100%  pending',
        'Next: stage 1 of 3 (canary, 1%): baking, 30 min left',
        '',
      ].join('\n'),
    );
  });

  test('json: { verdict, failed, rollout, base, head } with the contract', async () => {
    const dir = repoWithChange({ 'flags.yaml': 'flags:\n  search: { enabled: true }\n', '.configgate/rollout.yaml': PLAN });
    const out = await status(dir, '--format', 'json');
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json)).toEqual(['verdict', 'failed', 'rollout', 'base', 'head']);
    expect(Object.keys(json.rollout)).toEqual(['mode', 'plan', 'stages', 'satisfied', 'next', 'findings']);
    expect(json.rollout.plan.stages[0]).toEqual({ name: 'canary', scope: { share: 1 }, bake: '1h', bakeMinutes: 60, checks: [], line: 2 });
  });

  test('markdown: a Mermaid diagram with the current stage highlighted', async () => {
    const dir = repoWithChange({ 'flags.yaml': 'flags:\n  search: { enabled: true }\n', '.configgate/rollout.yaml': PLAN });
    const out = await status(dir, '--format', 'markdown');
    expect(out.stdout.split('\n')[0]).toBe('### 🚦 configgate rollout: needs-rollout — 0 blocking, 1 needs rollout, 0 warnings (2 files, 2 changes)');
    expect(out.stdout).toContain('```mermaid\nflowchart LR\n  s0["canary<br/>1% · bake 1h<br/>pending"]:::pending\n  s0 --> s1["early<br/>10% · bake 1h<br/>pending"]:::pending\n');
    expect(out.stdout).toContain('  style s0 stroke-width:4px\n');
  });

  test('nothing needs a rollout: the plan still shows, exit 0', async () => {
    const dir = repoWithChange({ 'notes.yaml': 'a: 1\n', '.configgate/rollout.yaml': PLAN });
    const out = await status(dir);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Next: stage 1 of 3 (canary, 1%): pending, no evidence yet (bake 1h once it succeeds)');
  });

  test.each([
    [['rollout'], 'usage: rollout needs a subcommand: configgate rollout status'],
    [['rollout', 'go'], 'usage: rollout takes no "go"; a subcommand: configgate rollout status'],
    [['rollout', 'status', 'x'], 'usage: rollout status takes no paths (got "x")'],
    [['rollout', 'status', '--format', 'sarif'], 'usage: rollout status --format must be text, json or markdown, not "sarif"'],
    [['backtest', '--evidence', 'e.json'], 'usage: --evidence goes with check, compare and rollout status, not backtest'],
  ])('%j → one-line usage error', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(new InputError(message));
  });
});
