// Mirrors are bare repositories (no work tree). Through runGate a needs-rollout used to end in
// "this operation must be run in a work tree" (the rollout read the repository's top level).
// Named after that bug.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backtest } from '../../src/backtest/index.js';
import { runGate, setupFor } from '../../src/run.js';
import { tempRepo } from '../sources/helpers.js';
import { tempDir } from '../support/cli.js';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

describe('backtest on a bare mirror', () => {
  it('a needs-rollout commit in a bare repository is judged, not an error (backtest and runGate)', async () => {
    const repo = tempRepo();
    cleanups.push(repo.cleanup);
    repo.commit('root', { 'svc/pool.yaml': 'routes:\n  - name: a\n    weight: 50\n  - name: b\n    weight: 50\n' });
    const shift = repo.commit('shift traffic', { 'svc/pool.yaml': 'routes:\n  - name: a\n    weight: 90\n  - name: b\n    weight: 10\n' });
    const bare = join(tempDir(), 'mirror.git');
    execFileSync('git', ['clone', '--quiet', '--bare', repo.dir, bare]);
    const setup = await setupFor({ cwd: bare, source: { kind: 'git', base: 'HEAD' } });
    const result = await backtest({ cwd: bare, setup, now: new Date('2026-01-01T00:00:00Z') });
    expect(result.errors).toEqual([]);
    expect(result.stopped.map((s) => [s.sha, s.verdict])).toEqual([[shift, 'needs-rollout']]);
    const gated = await runGate({ cwd: bare, source: { kind: 'git', base: 'HEAD~1', head: 'HEAD' }, now: new Date('2026-01-01T00:00:00Z') });
    expect(gated.verdict).toBe('needs-rollout');
  });
});
