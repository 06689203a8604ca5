import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliInProcess as configgate, gitRepo, tempDir, writeTree } from '../support/cli.js';

const POLICY = `id: team.log-level
description: log level raised to debug
level: block
match: { paths: ["**.logLevel"] }
when: "change.after == 'debug'"
message: "log level raised to {{ change.after }}"
examples:
  valid: [{ before: { logLevel: info }, after: { logLevel: warn } }]
  invalid: [{ before: { logLevel: info }, after: { logLevel: debug }, expect: [team.log-level] }]
`;
const CONFIG = `policies: [policies]\nbuiltin: true\n`;

function noStack(text: string) {
  expect(text).not.toMatch(/\n\s+at /);
}

// What only a process shows: its exit code, and nothing on stderr but one line. The behaviour
// below runs through the CLI's in-process entry (src/cli/run.ts), as bin/main.js calls it.
describe('the configgate process', () => {
  it('--help prints the usage and exits 0', () => {
    const run = cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^configgate — a configuration-change safety gate/);
  });

  it('a usage error exits 2 with one line on stderr and nothing on stdout', () => {
    const run = cli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^configgate: usage: unknown command "frobnicate"[^\n]*\n$/);
    expect(run.stdout).toBe('');
  });

  it('a blocked change exits 1, pointing at the file and line', () => {
    const run = cli(['compare', 'examples/before', 'examples/after']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/services\/checkout\.yaml:3/);
  });

  it('an unknown ref in a repository exits 2 with one line, no stack trace', () => {
    const { dir, git } = gitRepo();
    writeTree(dir, { 'app.yaml': 'logLevel: info\n' });
    git('add', '-A');
    git('commit', '-qm', 'base');
    const run = cli(['check', '--base', 'no-such-branch'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^configgate: .*no-such-branch/)]);
    noStack(run.stderr);
  });
});

describe('configgate CLI', () => {
  it('prints help and exits 0', async () => {
    const run = await configgate(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^configgate — a configuration-change safety gate/);
    expect(run.stdout).toMatch(/Exit codes:/);
  });

  it.each([
    [[], /^configgate: usage: missing command/],
    [['frobnicate'], /^configgate: usage: unknown command "frobnicate"/],
    [['compare', 'a'], /^configgate: usage: compare needs exactly two paths/],
    [['compare', 'a', 'b', '--format', 'xml'], /^configgate: usage: --format must be one of text, json, markdown, sarif, junit, github, gitlab, not "xml"/],
    [['check', '--fail-on', 'sometimes'], /^configgate: usage: --fail-on must be one of/],
    [['check', '--bogus'], /^configgate: usage: Unknown option '--bogus'/],
    [['compare', 'nope-before', 'nope-after'], /nope-after: no such file or folder/],
  ])('usage error %j exits 2 with one line', async (args, message) => {
    const run = await configgate(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('stops the demo change, pointing at the file and line', async () => {
    const run = await configgate(['compare', 'examples/before', 'examples/after']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/services\/checkout\.yaml:3/);
    expect(run.stdout).toMatch(/verbosity\.global-raise/);
  });

  it('emits the JSON contract', async () => {
    const run = await configgate(['compare', 'examples/before', 'examples/after', '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(['pass', 'warn', 'needs-rollout', 'block']).toContain(report.verdict);
    expect(report.verdict).toBe('block');
    const finding = report.findings.find((f: { policy: string }) => f.policy === 'verbosity.global-raise');
    expect(finding).toMatchObject({ level: 'block', file: 'services/checkout.yaml', path: 'logLevel', line: 3 });
    expect(typeof finding.message).toBe('string');
    expect(Array.isArray(report.signals)).toBe(true);
    // the waiver in examples/.configgate.yml covers the batch worker
    expect(report.findings.find((f: { file: string; policy: string }) => f.file === 'services/batch-worker.yaml' && f.policy === 'verbosity.global-raise')).toMatchObject({ waivedBy: expect.any(String) });
  });

  it('--fail-on never reports without failing; --fail-on moves the threshold', async () => {
    expect((await configgate(['compare', 'examples/before', 'examples/after', '--fail-on', 'never'])).code).toBe(0);
  });

  it('renders markdown and SARIF', async () => {
    const md = await configgate(['compare', 'examples/before', 'examples/after', '--format', 'markdown']);
    expect(md.stdout).toMatch(/<!-- configgate:/);
    const sarif = JSON.parse((await configgate(['compare', 'examples/before', 'examples/after', '--format', 'sarif'])).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'verbosity.global-raise')).toBe(true);
  });

  it('writes the report to a file with --output', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a/x.yaml': 'logLevel: info\n', 'b/x.yaml': 'logLevel: warn\n' });
    const run = await configgate(['compare', 'a', 'b', '--format', 'json', '--output', 'report.json'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).verdict).toBe('pass');
  });

  it('compares two single files', async () => {
    const dir = tempDir();
    writeTree(dir, { '.configgate.yml': CONFIG, 'policies/p.yaml': POLICY, 'old.yaml': 'svc:\n  logLevel: info\n', 'new.yaml': 'svc:\n  logLevel: debug\n' });
    const run = await configgate(['compare', 'old.yaml', 'new.yaml', '--format', 'json'], dir);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings.find((f: { policy: string }) => f.policy === 'team.log-level')).toMatchObject({ line: 2 });
  });
});

describe('configgate check in a git repository', () => {
  function repoWithPolicy() {
    const repo = gitRepo();
    writeTree(repo.dir, { '.configgate.yml': CONFIG, 'policies/p.yaml': POLICY, 'svc/app.yaml': 'name: app\nlogLevel: info\n' });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'base');
    return repo;
  }

  it('judges a branch against its merge-base with --base', async () => {
    const { dir, git } = repoWithPolicy();
    git('checkout', '-qb', 'feature');
    writeFileSync(join(dir, 'svc/app.yaml'), 'name: app\nlogLevel: debug\n');
    git('commit', '-qam', 'debug');
    const run = await configgate(['check', '--base', 'main', '--format', 'json'], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.findings[0]).toMatchObject({ policy: 'team.log-level', file: 'svc/app.yaml', line: 2 });
  });

  it('--staged reads the index, not the working tree', async () => {
    const { dir, git } = repoWithPolicy();
    writeFileSync(join(dir, 'svc/app.yaml'), 'name: app\nlogLevel: debug\n');
    git('add', 'svc/app.yaml');
    writeFileSync(join(dir, 'svc/app.yaml'), 'name: app\nlogLevel: info\n');
    const staged = await configgate(['check', '--staged', '--format', 'json'], dir);
    expect(staged.code).toBe(1);
    expect(JSON.parse(staged.stdout).findings[0].policy).toBe('team.log-level');
  });

  it('--staged works on the first commit (no HEAD yet)', async () => {
    const { dir, git } = gitRepo();
    writeTree(dir, { '.configgate.yml': CONFIG, 'policies/p.yaml': POLICY, 'app.yaml': 'logLevel: debug\n' });
    git('add', '-A');
    const run = await configgate(['check', '--staged', '--format', 'json'], dir);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).findings.some((f: { policy: string }) => f.policy === 'team.log-level')).toBe(true);
  });

  it('follows renames and deletions', async () => {
    const { dir, git } = repoWithPolicy();
    git('mv', 'svc/app.yaml', 'svc/app2.yaml');
    writeTree(dir, { 'svc/gone.yaml': 'a: 1\n' });
    git('add', '-A');
    git('commit', '-qm', 'rename');
    git('rm', '-q', 'svc/gone.yaml');
    git('commit', '-qm', 'delete');
    const run = await configgate(['check', '--base', 'HEAD~2', '--head', 'HEAD', '--format', 'json'], dir);
    expect(run.code).toBe(0);
    const files = JSON.parse(run.stdout).files;
    expect(files).toContainEqual(expect.objectContaining({ path: 'svc/app2.yaml', oldPath: 'svc/app.yaml', status: 'renamed' }));
  });

  it('an unknown ref is a one-line input error', async () => {
    const { dir } = repoWithPolicy();
    const run = await configgate(['check', '--base', 'no-such-branch'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no-such-branch/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    noStack(run.stderr);
  });

  it('a change cannot relax the gate that judges it (--trusted-ref)', async () => {
    const { dir, git } = repoWithPolicy();
    writeFileSync(join(dir, '.configgate.yml'), 'policies: [policies]\nbuiltin: false\n');
    git('commit', '-qam', 'only the team policy');
    git('checkout', '-qb', 'sneaky');
    writeFileSync(join(dir, 'svc/app.yaml'), 'name: app\nlogLevel: debug\n');
    writeFileSync(join(dir, '.configgate.yml'), 'policies: [policies]\nbuiltin: false\nrules:\n  team.log-level: off\n');
    git('commit', '-qam', 'debug, and switch the policy off');
    // judged by the working tree, the relaxed config would let it through …
    expect((await configgate(['check', '--base', 'main'], dir)).code).toBe(0);
    // … judged by the base branch's config, it is blocked, and the config edit is reported
    const run = await configgate(['check', '--base', 'main', '--trusted-ref', 'main', '--format', 'json'], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((f: { policy: string }) => f.policy)).toEqual(expect.arrayContaining(['team.log-level', 'gate.policy-change']));
    expect(report.policyFilesChanged).toContain('.configgate.yml');
  });
});
