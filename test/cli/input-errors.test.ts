// Issue 11, item 7: every error in the gate's own files at its own line, with the property path;
// `-o` to an absolute path, a device, a folder that does not exist yet — never half-written.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir, writeTree } from '../support/cli.js';
import { configgate, oneLineError } from '../cli-commands/harness.js';

const CHANGE = { 'before/a.yaml': 'logLevel: info\n', 'after/a.yaml': 'logLevel: debug\n' };

describe('errors in the config, inventory and policy files name the line and the property', () => {
  it.each([
    [
      'an unknown top-level key, at its own line, with a did-you-mean',
      { '.configgate.yml': 'rules:\n  verbosity.global-raise: warn\nfailOn: block\nwaviers: []\n' },
      'configgate: .configgate.yml:4: invalid config: / must NOT have additional properties "waviers" (did you mean "waivers"?)',
    ],
    [
      'an unknown key inside an override',
      { '.configgate.yml': 'overrides:\n  - files: ["a.yaml"]\n    rules: {}\n    rule: {}\n' },
      'configgate: .configgate.yml:4: invalid config: /overrides/0 must NOT have additional properties "rule" (did you mean "rules"?)',
    ],
    [
      'an inventory share over 100',
      { '.configgate.yml': 'inventory: inv.yml\n', 'inv.yml': 'traffic:\n  region:\n    eu: 50\n    us: 150\n' },
      'configgate: inv.yml:4: invalid inventory: /traffic/region/us must be <= 100',
    ],
    [
      'an unknown inventory section',
      { '.configgate.yml': 'inventory: inv.yml\n', 'inv.yml': 'traffic: {}\npool:\n  a: { capacity: 3 }\n' },
      'configgate: inv.yml:2: invalid inventory: / must NOT have additional properties "pool" (did you mean "pools"?)',
    ],
    [
      'a pool without its capacity',
      { '.configgate.yml': 'inventory: inv.yml\n', 'inv.yml': 'pools:\n  api:\n    load: 3\n' },
      "configgate: inv.yml:2: invalid inventory: /pools/api must have required property 'capacity'",
    ],
    [
      'a misspelt key inside a policy match',
      {
        '.configgate.yml': 'policies: [pol]\n',
        'pol/x.yaml': 'id: team.x\ndescription: d\nlevel: block\nmatch:\n  paths: ["a"]\n  knds: [modified]\nwhen: "true"\nmessage: m\n',
      },
      'configgate: pol/x.yaml:6: invalid policy: /match must NOT have additional properties "knds" (did you mean "kinds"?)',
    ],
    [
      'a misspelt policy level',
      { '.configgate.yml': 'policies: [pol]\n', 'pol/x.yaml': 'id: team.x\ndescription: d\nlevel: blok\nwhen: "true"\nmessage: m\n' },
      'configgate: pol/x.yaml:3: invalid policy: /level must be equal to one of the allowed values (off, notice, warn, rollout, block) (did you mean "block"?)',
    ],
  ])('%s', async (_name, files, expected) => {
    const dir = tempDir('configgate-errline-');
    writeTree(dir, { ...CHANGE, ...files });
    expect(oneLineError(await configgate(['compare', 'before', 'after'], dir))).toBe(expected);
  });
});

describe('-o, --output', () => {
  it('writes to an absolute path', async () => {
    const dir = tempDir('configgate-out-');
    writeTree(dir, CHANGE);
    const target = join(tempDir('configgate-out-elsewhere-'), 'report.json');
    const run = await configgate(['compare', 'before', 'after', '-f', 'json', '-o', target], dir);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(JSON.parse(readFileSync(target, 'utf8')).verdict).toBe('block');
  });

  it('creates a folder that does not exist yet, and leaves no temporary file', async () => {
    const dir = tempDir('configgate-out-');
    writeTree(dir, CHANGE);
    const run = await configgate(['compare', 'before', 'after', '-f', 'sarif', '-o', 'reports/ci/gate.sarif'], dir);
    expect(run.code).toBe(1);
    expect(readdirSync(join(dir, 'reports/ci'))).toEqual(['gate.sarif']);
    expect(JSON.parse(readFileSync(join(dir, 'reports/ci/gate.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('replaces an existing report whole', async () => {
    const dir = tempDir('configgate-out-');
    writeTree(dir, { ...CHANGE, 'report.json': 'old and longer than the new one '.repeat(500) });
    await configgate(['compare', 'before', 'after', '-f', 'json', '-o', 'report.json'], dir);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).verdict).toBe('block');
  });

  it.each(['/dev/stdout', '-'])('writes to %s: the standard output, as it is', (name) => {
    const dir = tempDir('configgate-out-');
    writeTree(dir, CHANGE);
    const run = cli(['compare', 'before', 'after', '-f', 'json', '-o', name], dir);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).verdict).toBe('block');
    expect(run.stderr).toBe('');
  });

  it('writes to another device directly (/dev/null cannot be renamed onto)', async () => {
    const dir = tempDir('configgate-out-');
    writeTree(dir, CHANGE);
    expect(await configgate(['compare', 'before', 'after', '-o', '/dev/null'], dir)).toEqual({ code: 1, stdout: '', stderr: '' });
  });

  it('a folder named as the file is one error line, exit 2', async () => {
    const dir = tempDir('configgate-out-');
    writeTree(dir, CHANGE);
    mkdirSync(join(dir, 'out'));
    expect(oneLineError(await configgate(['compare', 'before', 'after', '-o', 'out'], dir))).toMatch(/^configgate: .*out: is a folder; -o takes a file$/);
  });

  it('a folder it may not write into: one error line, nothing half-written', async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere
    const dir = tempDir('configgate-out-');
    writeTree(dir, CHANGE);
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'keep'), '');
    chmodSync(join(dir, 'locked'), 0o500);
    const error = oneLineError(await configgate(['compare', 'before', 'after', '-o', 'locked/report.txt'], dir));
    chmodSync(join(dir, 'locked'), 0o700);
    expect(error).toBe('configgate: locked/report.txt: cannot write the report (EACCES)');
    expect(readdirSync(join(dir, 'locked'))).toEqual(['keep']);
    expect(existsSync(join(dir, 'locked', 'report.txt'))).toBe(false);
  });
});
