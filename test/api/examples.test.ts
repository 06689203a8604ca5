// Every example in examples/api/ runs, as a user would run it, against the built package
// (`import … from 'configgate'` resolves to this package's dist/ by its own name).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitRepo, ROOT, writeTree } from '../support/cli.js';

const DIR = join(ROOT, 'examples', 'api');

function node(file: string, args: string[] = []) {
  const run = spawnSync(process.execPath, [join(DIR, file), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const EXPECTED: Record<string, () => void> = {
  'check-in-memory.mjs': () => {
    expect(node('check-in-memory.mjs')).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        'verdict: block',
        'services/checkout.yaml:1 block verbosity.global-raise (global-raise)',
        '### ⛔ configgate: block — 1 blocking, 0 needs rollout, 0 warnings (1 file, 1 change)',
        '',
      ].join('\n'),
    });
  },
  'policy-in-code.mjs': () => {
    const run = node('policy-in-code.mjs');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').slice(0, 5)).toEqual([
      '✖ block — 1 blocking, 0 needs rollout, 1 warning (2 files, 2 changes)',
      '',
      '  prod/api.yaml:1:1     block  team.min-replicas  replicas  4 → 2  replicas 4 → 2: below the minimum of 3',
      '',
      '  staging/api.yaml:1:1  warn   team.min-replicas  replicas  4 → 2  replicas 4 → 2: below the minimum of 3',
    ]);
  },
  'check-git.mjs': () => {
    const { dir, git } = gitRepo();
    writeTree(dir, { 'app.yaml': 'logLevel: info\n' });
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    writeTree(dir, { 'app.yaml': 'logLevel: trace\n' });
    git('add', '-A');
    const run = node('check-git.mjs', [dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      verdict: 'block',
      counts: { block: 1, rollout: 0, warn: 0, notice: 0, waived: 0 },
      findings: ['app.yaml:1 verbosity.global-raise'],
    });
  },
};

describe('examples/api', () => {
  it('every example has a test here', () => {
    expect(readdirSync(DIR).filter((f) => /\.(mjs|js|ts)$/.test(f)).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED))('%s', (file) => EXPECTED[file]());
});
