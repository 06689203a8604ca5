// Issue 11, item 4: nested configs. The nearest .configgate.yml above a file governs it, merged over
// the configs above it (`root: true` stops that), whatever the working directory; one run judges
// each file by its own config; in a pull request (--trusted-ref) the configs come from the base.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { gitRepo, writeTree } from '../support/cli.js';
import { configgate } from '../cli-commands/harness.js';
import { check } from '../../src/index.js';

interface Brief {
  policy: string;
  level: string;
  file: string;
  line: number;
  waivedBy?: string;
}

/** A repository whose first commit is `base`, with `change` staged on top of it. */
function staged(base: Record<string, string>, change: Record<string, string>): string {
  const { dir, git } = gitRepo();
  writeTree(dir, base);
  git('add', '-A');
  git('commit', '-qm', 'base');
  writeTree(dir, change);
  git('add', '-A');
  return dir;
}

async function findings(dir: string, from: string, args = ['check', '--staged']): Promise<{ code: number; findings: Brief[]; verdict: string }> {
  const run = await configgate([...args, '--format', 'json'], join(dir, from));
  expect(run.stderr).toBe('');
  const json = JSON.parse(run.stdout);
  const findings = (json.findings as Brief[])
    .map(({ policy, level, file, line, waivedBy }) => ({ policy, level, file, line, ...(waivedBy ? { waivedBy } : {}) }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.policy.localeCompare(b.policy));
  return { code: run.code, findings, verdict: json.verdict };
}

const INFO = 'logLevel: info\nreplicas: 4\n';
const EXAMPLES = 'examples:\n  valid: [{ before: { logLevel: info }, after: { logLevel: warn } }]\n  invalid: [{ before: { logLevel: info }, after: { logLevel: debug }, expect: [team-b.no-debug] }]\n';
const DEBUG = 'logLevel: debug\nreplicas: 4\n';
const TEAMS = { 'teams/a/app.yaml': INFO, 'teams/b/app.yaml': INFO, 'app.yaml': INFO };

describe('the nearest config governs each file, whatever the working directory', () => {
  it("a debug raise in teams/b is judged by the root's config when run from teams/a (which softens it for its own files)", async () => {
    const dir = staged({ ...TEAMS, 'teams/a/.configgate.yml': 'rules:\n  verbosity.global-raise: warn\n' }, { 'teams/a/app.yaml': DEBUG, 'teams/b/app.yaml': DEBUG });
    for (const from of ['teams/a', 'teams/b', '.']) {
      expect(await findings(dir, from)).toEqual({
        code: 1,
        verdict: 'block',
        findings: [
          { policy: 'verbosity.global-raise', level: 'warn', file: 'teams/a/app.yaml', line: 1 },
          { policy: 'verbosity.global-raise', level: 'block', file: 'teams/b/app.yaml', line: 1 },
        ],
      });
    }
  });

  it("teams/b's own config judges teams/b, from any folder; the root's judges the rest", async () => {
    const dir = staged(
      { ...TEAMS, '.configgate.yml': 'rules:\n  verbosity.global-raise: block\n', 'teams/b/.configgate.yml': 'rules:\n  verbosity.global-raise: off\n' },
      { 'teams/b/app.yaml': DEBUG, 'app.yaml': DEBUG },
    );
    for (const from of ['teams/a', 'teams/b', '.']) {
      expect((await findings(dir, from)).findings).toEqual([{ policy: 'verbosity.global-raise', level: 'block', file: 'app.yaml', line: 1 }]);
    }
  });

  it('files: globs are relative to their config, and decide for its folder only', async () => {
    const dir = staged(
      { ...TEAMS, 'teams/b/.configgate.yml': 'files: ["live/*.yaml"]\n', 'teams/b/live/x.yaml': INFO },
      { 'teams/b/app.yaml': DEBUG, 'teams/b/live/x.yaml': DEBUG, 'teams/a/app.yaml': DEBUG },
    );
    const run = await configgate(['check', '--staged', '--format', 'json'], join(dir, 'teams/a'));
    const json = JSON.parse(run.stdout);
    expect(json.findings.map((f: Brief) => f.file).sort()).toEqual(['teams/a/app.yaml', 'teams/b/live/x.yaml']);
    expect(json.skipped).toContainEqual({ path: 'teams/b/app.yaml', reason: 'not-config' });
  });

  it("a nested config's policies judge only the files it governs", async () => {
    const policy = 'id: team-b.no-debug\ndescription: d\nlevel: block\nmatch: { paths: ["logLevel"] }\nwhen: "change.after == \'debug\'"\nmessage: no debug in team b\n' + EXAMPLES;
    const dir = staged(
      { ...TEAMS, 'teams/b/.configgate.yml': 'policies: [policies]\nrules:\n  verbosity.global-raise: off\n', 'teams/b/policies/no-debug.yaml': policy },
      { 'teams/b/app.yaml': DEBUG, 'app.yaml': DEBUG },
    );
    expect((await findings(dir, 'teams/a')).findings).toEqual([
      { policy: 'verbosity.global-raise', level: 'block', file: 'app.yaml', line: 1 },
      { policy: 'team-b.no-debug', level: 'block', file: 'teams/b/app.yaml', line: 1 },
    ]);
  });
});

describe('merged over the configs above, until root: true', () => {
  const DROP = 'logLevel: debug\nreplicas: 1\n';
  it.each([
    ['merged: the root binds capacity, teams/b verbosity', '', { capacity: 'warn', verbosity: 'warn' }],
    ['root: true: teams/b alone, capacity at its default', 'root: true\n', { capacity: 'rollout', verbosity: 'warn' }],
  ])('%s', async (_name, root, levels) => {
    const dir = staged(
      { ...TEAMS, '.configgate.yml': 'rules:\n  capacity.drop-limit: warn\n', 'teams/b/.configgate.yml': `${root}rules:\n  verbosity.global-raise: warn\n` },
      { 'teams/b/app.yaml': DROP },
    );
    expect((await findings(dir, 'teams/a')).findings).toEqual([
      { policy: 'capacity.drop-limit', level: levels.capacity, file: 'teams/b/app.yaml', line: 2 },
      { policy: 'verbosity.global-raise', level: levels.verbosity, file: 'teams/b/app.yaml', line: 1 },
    ]);
  });

  it("a waiver covers its own config's folder; the root's does not reach below a root: true config", async () => {
    const waiver = (owner: string) => `waivers:\n  - { policy: verbosity.global-raise, reason: migration, owner: ${owner}, expires: "2099-01-01" }\n`;
    const dir = staged(
      { ...TEAMS, '.configgate.yml': waiver('sre'), 'teams/b/.configgate.yml': 'root: true\n', 'teams/a/.configgate.yml': waiver('team-a') },
      { 'teams/a/app.yaml': DEBUG, 'teams/b/app.yaml': DEBUG, 'app.yaml': DEBUG },
    );
    expect((await findings(dir, 'teams/b')).findings.filter((f) => f.policy === 'verbosity.global-raise')).toEqual([
      { policy: 'verbosity.global-raise', level: 'block', file: 'app.yaml', line: 1, waivedBy: 'verbosity.global-raise#1' },
      { policy: 'verbosity.global-raise', level: 'block', file: 'teams/a/app.yaml', line: 1, waivedBy: 'teams/a/verbosity.global-raise#1' },
      { policy: 'verbosity.global-raise', level: 'block', file: 'teams/b/app.yaml', line: 1 },
    ]);
  });
});

describe('a pull request is judged by the configs of its base', () => {
  it('a nested config added by the change does not soften its own change', async () => {
    const { dir, git } = gitRepo();
    writeTree(dir, { ...TEAMS, '.configgate.yml': 'rules:\n  verbosity.global-raise: block\n' });
    git('add', '-A');
    git('commit', '-qm', 'base');
    const base = git('rev-parse', 'HEAD').trim();
    writeTree(dir, { 'teams/b/.configgate.yml': 'rules:\n  verbosity.global-raise: off\n', 'teams/b/app.yaml': DEBUG });
    git('add', '-A');
    git('commit', '-qm', 'head');
    const trusted = await findings(dir, 'teams/a', ['check', '--base', base, '--trusted-ref', base]);
    expect(trusted.findings).toEqual([
      { policy: 'gate.policy-change', level: 'warn', file: 'teams/b/.configgate.yml', line: 1 },
      { policy: 'verbosity.global-raise', level: 'block', file: 'teams/b/app.yaml', line: 1 },
    ]);
    // From the working tree (a local run), the new config governs its folder.
    const local = await findings(dir, 'teams/a', ['check', '--base', base]);
    expect(local.findings.map((f) => f.policy)).toEqual(['gate.policy-change']);
  });

  it("the base's nested config governs, though the working tree is elsewhere", async () => {
    const { dir, git } = gitRepo();
    writeTree(dir, { ...TEAMS, 'teams/b/.configgate.yml': 'rules:\n  verbosity.global-raise: warn\n' });
    git('add', '-A');
    git('commit', '-qm', 'base');
    const base = git('rev-parse', 'HEAD').trim();
    writeTree(dir, { 'teams/b/app.yaml': DEBUG, 'teams/a/app.yaml': DEBUG });
    git('add', '-A');
    git('commit', '-qm', 'head');
    writeTree(dir, { 'teams/b/.configgate.yml': 'rules:\n  verbosity.global-raise: off\n' }); // uncommitted, not trusted
    expect((await findings(dir, '.', ['check', '--base', base, '--trusted-ref', base])).findings).toEqual([
      { policy: 'verbosity.global-raise', level: 'block', file: 'teams/a/app.yaml', line: 1 },
      { policy: 'verbosity.global-raise', level: 'warn', file: 'teams/b/app.yaml', line: 1 },
    ]);
  });
});

describe('a trusted commit read from a subfolder (bug: git ls-tree listed only the working directory\'s subtree)', () => {
  it("the root config and its policy folder, from the base, govern a run from teams/a", async () => {
    const { dir, git } = gitRepo();
    const policy = 'id: team.no-debug\ndescription: d\nlevel: block\nmatch: { paths: ["logLevel"] }\nwhen: "change.after == \'debug\'"\nmessage: no debug\n' + EXAMPLES.replace('team-b.no-debug', 'team.no-debug');
    writeTree(dir, { ...TEAMS, '.configgate.yml': 'policies: [policies]\nrules:\n  verbosity.global-raise: warn\n', 'policies/no-debug.yaml': policy, 'teams/b/.configgate.yml': 'rules:\n  team.no-debug: warn\n' });
    git('add', '-A');
    git('commit', '-qm', 'base');
    const base = git('rev-parse', 'HEAD').trim();
    writeTree(dir, { 'teams/b/app.yaml': DEBUG, 'app.yaml': DEBUG });
    git('add', '-A');
    git('commit', '-qm', 'head');
    expect((await findings(dir, 'teams/a', ['check', '--base', base, '--trusted-ref', base])).findings).toEqual([
      { policy: 'team.no-debug', level: 'block', file: 'app.yaml', line: 1 },
      { policy: 'verbosity.global-raise', level: 'warn', file: 'app.yaml', line: 1 },
      { policy: 'team.no-debug', level: 'warn', file: 'teams/b/app.yaml', line: 1 },
      { policy: 'verbosity.global-raise', level: 'warn', file: 'teams/b/app.yaml', line: 1 },
    ]);
  });
});

describe('compare: configs inside the compared folder govern their subfolders', () => {
  it('after/teams/b/.configgate.yml governs after/teams/b/', async () => {
    const { dir } = gitRepo();
    writeTree(dir, {
      'before/teams/b/app.yaml': INFO,
      'before/app.yaml': INFO,
      'after/teams/b/app.yaml': DEBUG,
      'after/app.yaml': DEBUG,
      'after/teams/b/.configgate.yml': 'rules:\n  verbosity.global-raise: warn\n',
      'before/teams/b/.configgate.yml': 'rules:\n  verbosity.global-raise: warn\n',
    });
    expect((await findings(dir, '.', ['compare', 'before', 'after'])).findings).toEqual([
      { policy: 'verbosity.global-raise', level: 'block', file: 'app.yaml', line: 1 },
      { policy: 'verbosity.global-raise', level: 'warn', file: 'teams/b/app.yaml', line: 1 },
    ]);
  });
});

describe('print-config names the config that governs a file', () => {
  it.each([
    ['teams/a', '../b/app.yaml', { file: 'teams/b/app.yaml', config: '../b/.configgate.yml', mergedFrom: ['../b/.configgate.yml', '../../.configgate.yml'] }, 'warn'],
    ['teams/a', 'app.yaml', { file: 'teams/a/app.yaml', config: '../../.configgate.yml', mergedFrom: ['../../.configgate.yml'] }, 'rollout'],
    ['.', 'teams/c/x.yaml', { file: 'teams/c/x.yaml', config: 'teams/c/.configgate.yml', mergedFrom: ['teams/c/.configgate.yml'] }, 'block'],
  ])('from %s, %s', async (from, file, expected, capacityLevel) => {
    const dir = staged(
      {
        ...TEAMS,
        '.configgate.yml': 'rules:\n  capacity.drop-limit: rollout\n',
        'teams/b/.configgate.yml': 'rules:\n  capacity.drop-limit: warn\n',
        'teams/c/.configgate.yml': 'root: true\nrules:\n  capacity.drop-limit: block\n',
      },
      {},
    );
    const run = await configgate(['print-config', file, '--format', 'json'], join(dir, from));
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject(expected);
    expect(json.policies['capacity.drop-limit'].level).toBe(capacityLevel);
  });
});

describe('errors in nested configs name their own file and line', () => {
  it.each([
    ['an unknown policy in a nested config', { 'teams/b/.configgate.yml': 'rules:\n  verbosity.global-rase: warn\n' }, 'configgate: ../b/.configgate.yml:2: unknown policy "verbosity.global-rase" in rules (did you mean "verbosity.global-raise"?)'],
    ['an unknown key in a nested config', { 'teams/b/.configgate.yml': 'rules: {}\nrooot: true\n' }, 'configgate: ../b/.configgate.yml:2: invalid config: / must NOT have additional properties "rooot" (did you mean "root"?)'],
    [
      'an unknown policy in a nested override',
      { '.configgate.yml': 'overrides:\n  - files: ["x/**"]\n    rules: { capacity.drop-limit: warn }\n', 'teams/b/.configgate.yml': 'overrides:\n  - files: ["y/**"]\n    rules: { no.such: warn }\n' },
      'configgate: ../b/.configgate.yml:3: unknown policy "no.such" in rules',
    ],
  ])('%s', async (_name, configs, expected) => {
    const dir = staged({ ...TEAMS, ...configs }, { 'teams/b/app.yaml': DEBUG });
    const run = await configgate(['check', '--staged'], join(dir, 'teams/a'));
    expect({ code: run.code, stderr: run.stderr.trim() }).toEqual({ code: 2, stderr: expected });
  });

  it("a nested config with builtin: false inherits the root's rules for built-in policies without error", async () => {
    const dir = staged({ ...TEAMS, '.configgate.yml': 'rules:\n  capacity.drop-limit: warn\n', 'teams/b/.configgate.yml': 'builtin: false\n' }, { 'teams/b/app.yaml': DEBUG, 'app.yaml': DEBUG });
    expect((await findings(dir, 'teams/b')).findings).toEqual([{ policy: 'verbosity.global-raise', level: 'block', file: 'app.yaml', line: 1 }]);
  });
});

describe('the library judges as the CLI does', () => {
  it('check({ cwd: teams/a, staged }) judges teams/b by the root config', async () => {
    const dir = staged({ ...TEAMS, 'teams/a/.configgate.yml': 'rules:\n  verbosity.global-raise: off\n' }, { 'teams/a/app.yaml': DEBUG, 'teams/b/app.yaml': DEBUG });
    const result = await check({ cwd: join(dir, 'teams/a'), staged: true });
    expect(result.findings.map((f) => [f.policy, f.level, f.file])).toEqual([['verbosity.global-raise', 'block', 'teams/b/app.yaml']]);
  });
});
