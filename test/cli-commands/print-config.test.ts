import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER } from '../../src/sources/filter.js';
import { tempDir, writeTree } from '../support/cli.js';
import { configgate } from './harness.js';

const CONFIG = `ignore: ["generated/**"]
inventory: inventory.yml
policies: [policies]
rules:
  capacity.drop-limit: [rollout, { maxDropPercent: 30 }]
overrides:
  - files: ["staging/**"]
    rules:
      verbosity.global-raise: warn
      capacity.drop-limit: { options: { maxDropPercent: 50 } }
waivers:
  - { policy: size.growth-limit, files: ["staging/big.yaml"], reason: generated, owner: sre, expires: "2099-01-01" }
  - { policy: verbosity.global-raise, files: ["prod/**"], reason: other, owner: sre, expires: "2099-01-01" }
`;
const PROD_ONLY = `id: team.prod-only
description: prod only
match: { files: ["prod/**"], paths: ["**.x"] }
when: "true"
message: x
`;

function repo(): string {
  const dir = tempDir('configgate-print-');
  writeTree(dir, {
    '.configgate.yml': CONFIG,
    'inventory.yml': 'traffic: { region: { eu: 100 } }\n',
    'policies/prod-only.yaml': PROD_ONLY,
    'team/.configgate.yml': 'builtin: false\nfailOn: block\n',
  });
  return dir;
}

async function printConfig(args: string[], cwd = repo()) {
  const run = await configgate(['print-config', ...args, '--format', 'json'], cwd);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('configgate print-config', () => {
  it('gives the levels and options in effect for one file, after rules and overrides', async () => {
    const e = await printConfig(['staging/big.yaml']);
    expect(e).toMatchObject({ file: 'staging/big.yaml', config: '.configgate.yml', configuration: 'config', inventory: 'inventory.yml', failOn: 'rollout' });
    expect(e.policies['verbosity.global-raise']).toMatchObject({ level: 'warn', options: { maxShare: 5, minVolumeFactor: 5 }, appliesToFile: true });
    expect(e.policies['capacity.drop-limit']).toMatchObject({ level: 'rollout', options: { maxDropPercent: 50 } });
    expect(e.policies['team.prod-only']).toMatchObject({ level: 'warn', source: 'policies/prod-only.yaml', appliesToFile: false });
    expect(e.waivers).toEqual([{ id: 'size.growth-limit#1', policy: 'size.growth-limit', expires: '2099-01-01', owner: 'sre' }]);
  });

  it.each([
    ['prod/app.yaml', 'config', 'block', 30],
    ['generated/app.yaml', 'ignored', 'block', 30],
    ['README.md', 'not-config', 'block', 30],
  ])('%s: read as %s', async (file, configuration, level, maxDropPercent) => {
    const e = await printConfig([file]);
    expect(e.configuration).toBe(configuration);
    expect(e.policies['verbosity.global-raise'].level).toBe(level);
    expect(e.policies['capacity.drop-limit'].options.maxDropPercent).toBe(maxDropPercent);
  });

  it('the nearest .configgate.yml above the file governs it, merged over the one above', async () => {
    const e = await printConfig(['team/app.yaml']);
    expect(e).toMatchObject({ file: 'team/app.yaml', config: 'team/.configgate.yml', mergedFrom: ['team/.configgate.yml', '.configgate.yml'], failOn: 'block' });
    // builtin: false is the nearest setting; the root's own policy folder is inherited.
    expect(Object.keys(e.policies).filter((id) => !/^(gate|waiver|rollout)\./.test(id))).toEqual(['team.prod-only']);
  });

  it('without a file: the config as a whole', async () => {
    const e = await printConfig([]);
    expect(e.file).toBeUndefined();
    expect(e.policies['verbosity.global-raise'].level).toBe('block');
    expect(e.waivers).toHaveLength(2);
  });

  it('renders text: the file, its config, and one line per policy', async () => {
    const run = await configgate(['print-config', 'staging/big.yaml'], repo());
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'file           staging/big.yaml',
      'config         .configgate.yml',
      'configuration  yes',
      `files          ${DEFAULT_FILTER.files.join(', ')}`,
      `ignore         ${[...DEFAULT_FILTER.ignore, 'generated/**'].join(', ')}`,
      'inventory      inventory.yml',
      'fail-on        rollout',
    ]);
    expect(lines).toContain('  capacity.drop-limit                  rollout  { maxDropPercent: 50 }');
    expect(lines).toContain('  team.prod-only                       warn     (its match.files leave this file out)');
    expect(lines).toContain('  verbosity.global-raise               warn     { maxShare: 5, minVolumeFactor: 5 }');
    expect(lines.slice(-3)).toEqual(['waivers', '  size.growth-limit#1  size.growth-limit  expires 2099-01-01 (sre)', '']);
  });
});
