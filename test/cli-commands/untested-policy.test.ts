// Issue 11: compare and check warn, on stderr and once per policy, when a policy of the user's has
// no examples; the report and the exit code are unchanged.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { gitRepo, tempDir, writeTree } from '../support/cli.js';
import { configgate } from './harness.js';

const BARE = 'id: team.no-debug\ndescription: d\nlevel: warn\nmatch: { paths: ["logLevel"] }\nwhen: "change.after == \'debug\'"\nmessage: debug\n';
const TESTED = `${BARE}examples:\n  valid: [{ before: { logLevel: info }, after: { logLevel: warn } }]\n  invalid: [{ before: { logLevel: info }, after: { logLevel: debug }, expect: [team.no-debug] }]\n`;
const WARNING = 'configgate: warning: policies/no-debug.yaml: policy "team.no-debug" has no examples; add examples.valid and examples.invalid and run configgate test\n';

function folders(policy: string): string {
  const dir = tempDir('configgate-untested-');
  writeTree(dir, { '.configgate.yml': 'policies: [policies]\nbuiltin: false\n', 'policies/no-debug.yaml': policy, 'before/a.yaml': 'logLevel: info\n', 'after/a.yaml': 'logLevel: debug\n' });
  return dir;
}

describe('a user policy without examples', () => {
  it('compare warns once on stderr; the report and exit code are as without the warning', async () => {
    const run = await configgate(['compare', 'before', 'after'], folders(BARE));
    expect(run.stderr).toBe(WARNING);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^⚠ warn — 0 blocking, 0 needs rollout, 1 warning/);
  });

  it('a policy with examples: no warning', async () => {
    expect((await configgate(['compare', 'before', 'after'], folders(TESTED))).stderr).toBe('');
  });

  it('--quiet: no warning', async () => {
    expect((await configgate(['compare', 'before', 'after', '--quiet'], folders(BARE))).stderr).toBe('');
  });

  it('check with nested configs sharing the policy folder: still once', async () => {
    const { dir, git } = gitRepo();
    writeTree(dir, {
      '.configgate.yml': 'policies: [policies]\n',
      'policies/no-debug.yaml': BARE,
      'teams/b/.configgate.yml': 'rules:\n  verbosity.global-raise: warn\n',
      'teams/b/a.yaml': 'logLevel: info\n',
      'a.yaml': 'logLevel: info\n',
    });
    git('add', '-A');
    git('commit', '-qm', 'base');
    writeTree(dir, { 'teams/b/a.yaml': 'logLevel: debug\n', 'a.yaml': 'logLevel: debug\n' });
    git('add', '-A');
    const run = await configgate(['check', '--staged'], join(dir, 'teams/b'));
    expect(run.stderr).toBe(WARNING.replace('policies/no-debug.yaml', '../../policies/no-debug.yaml'));
    expect(run.code).toBe(1);
  });
});
