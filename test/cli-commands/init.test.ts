import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fsReader, loadSetup } from '../../src/config/index.js';
import { gitRepo, writeTree } from '../support/cli.js';
import { configgate, oneLineError } from './harness.js';

const FILES = {
  'package.json': '{ "name": "app" }\n',
  'tsconfig.json': '{}\n',
  '.github/workflows/ci.yml': 'on: push\n',
  'deploy/production/api.yaml': 'replicas: 6\nregion: eu-west-1\nenvironment: production\n',
  'deploy/staging/api.yaml': 'replicas: 2\n',
  'deploy/us-east-1/api.yaml': 'replicas: 3\n',
  'lb/pools.yaml': 'pools:\n  - { name: api-a, region: us-east-1 }\n  - { name: api-b }\n',
  'gateway/plans.json': '{ "callers": [{ "id": "web-client" }, { "id": "partner" }] }\n',
  'src/index.js': 'export {};\n',
};

function repo(): string {
  const { dir, git } = gitRepo();
  writeTree(dir, FILES);
  git('add', '-A');
  return dir;
}

describe('configgate init', () => {
  it('writes a commented .configgate.yml that loads, with every built-in policy at its default level', async () => {
    const dir = repo();
    const run = await configgate(['init'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const text = readFileSync(join(dir, '.configgate.yml'), 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=https://unpkg.com/configgate/schemas/config.schema.json');
    expect(lines).toContain('#   deploy/                          3');
    expect(lines).toContain('  - "**/package.json"               # 1 file');
    expect(lines).toContain('  - "**/tsconfig*.json"             # 1 file');
    expect(lines).toContain('  - ".github/**"                    # 1 file');
    expect(lines).toContain('inventory: configgate.inventory.yml   # traffic shares, pools, callers: blast radius is computed from it');

    const setup = await loadSetup({ reader: fsReader(dir), configPath: join(dir, '.configgate.yml') });
    for (const policy of setup.policies) if (policy.meta.defaultLevel !== 'notice') expect(lines).toContain(`  ${policy.id}: ${policy.meta.defaultLevel}`);
    expect(setup.data.ignore).toEqual(['**/package.json', '**/tsconfig*.json', '.github/**']);
    expect(setup.inventory?.traffic).toBeUndefined();
    expect(run.stdout.split('\n')[0]).toBe(`wrote .configgate.yml: 5 configuration files, ${setup.policies.length} built-in policies at their default levels`);
  });

  it('writes an inventory skeleton naming the scopes it found, with the file each was seen in', async () => {
    const dir = repo();
    await configgate(['init', '--quiet'], dir);
    const lines = readFileSync(join(dir, 'configgate.inventory.yml'), 'utf8').split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=https://unpkg.com/configgate/schemas/inventory.schema.json');
    const body = lines.filter((l) => l.startsWith('#  ')).map((l) => l.replace(/\s+#/, '  #'));
    expect(body).toEqual([
      '#   region:',
      '#     eu-west-1: 0  # seen in deploy/production/api.yaml',
      '#     us-east-1: 0  # seen in deploy/us-east-1/api.yaml',
      '#   environment:',
      '#     production: 0  # seen in deploy/production/api.yaml',
      '#     staging: 0  # seen in deploy/staging/api.yaml',
      '#   api-a: { capacity: 0, load: 0 }  # seen in lb/pools.yaml',
      '#   api-b: { capacity: 0, load: 0 }  # seen in lb/pools.yaml',
      '#   - { id: web-client, internal: false }  # seen in gateway/plans.json',
      '#   - { id: partner, internal: false }  # seen in gateway/plans.json',
    ]);
  });

  it('the repository it set up passes `check --staged` on a benign change and blocks a risky one', async () => {
    const dir = repo();
    await configgate(['init', '-q'], dir);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('add', '-A');
    git('-c', 'user.email=d@e', '-c', 'user.name=d', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'init');
    writeTree(dir, { 'deploy/staging/api.yaml': 'replicas: 3\n' });
    git('add', '-A');
    expect((await configgate(['check', '--staged'], dir)).code).toBe(0);
    writeTree(dir, { 'deploy/staging/api.yaml': 'replicas: 3\nlogLevel: debug\n' });
    git('add', '-A');
    const risky = await configgate(['check', '--staged', '--format', 'json'], dir);
    expect(risky.code).toBe(1);
    expect(JSON.parse(risky.stdout).findings).toContainEqual(expect.objectContaining({ policy: 'verbosity.global-raise', file: 'deploy/staging/api.yaml', line: 2 }));
  });

  it('never overwrites a config: exit 2, the file untouched', async () => {
    const dir = repo();
    writeTree(dir, { '.configgate.yml': 'failOn: block\n' });
    expect(oneLineError(await configgate(['init'], dir))).toBe('configgate: .configgate.yml: already exists; configgate init never overwrites (edit it, or remove it first)');
    expect(readFileSync(join(dir, '.configgate.yml'), 'utf8')).toBe('failOn: block\n');
  });

  it('keeps an existing inventory and writes the config beside it', async () => {
    const dir = repo();
    writeTree(dir, { 'configgate.inventory.yml': 'traffic: { region: { eu-west-1: 100 } }\n' });
    const run = await configgate(['init'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[1]).toBe('kept configgate.inventory.yml (it exists)');
    expect(readFileSync(join(dir, 'configgate.inventory.yml'), 'utf8')).toBe('traffic: { region: { eu-west-1: 100 } }\n');
  });

  it('takes no arguments', async () => {
    expect(oneLineError(await configgate(['init', 'x'], repo()))).toBe('configgate: usage: configgate init (see configgate init --help)');
  });
});
