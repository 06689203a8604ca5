import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fsReader, loadSetup, parseConfig } from '../../src/config/index.js';
import { tempDir, writeTree } from '../support/cli.js';

describe('.configgate.yml', () => {
  it.each([
    ['an unknown key', 'filez: []\n', /^c\.yml:1: invalid config: \/ must NOT have additional properties "filez"/],
    ['a bad level', 'rules:\n  x: loud\n', /^c\.yml:2: invalid config: \/rules\/x/],
    ['a bad waiver date', 'waivers:\n  - policy: p\n    reason: r\n    owner: o\n    expires: tomorrow\n', /^c\.yml:5: invalid config/],
    ['bad YAML', 'rules: [\n', /^c\.yml:\d+: /],
  ])('rejects %s with the file and line', (_name, text, message) => {
    expect(() => parseConfig('c.yml', text)).toThrowError(message);
  });

  async function setup(files: Record<string, string>) {
    const dir = tempDir();
    writeTree(dir, files);
    return loadSetup({ reader: fsReader(dir), configPath: join(dir, '.configgate.yml') });
  }

  it('binds levels and options per policy, with overrides by file glob', async () => {
    const s = await setup({
      '.configgate.yml': `policies: [p]
rules:
  t.one: [rollout, { max: 3 }]
overrides:
  - files: ["staging/**"]
    rules: { t.one: warn }
`,
      'p/one.yaml': 'id: t.one\ndescription: d\nlevel: block\noptions: { max: 1, min: 0 }\nwhen: "true"\nmessage: m\n',
    });
    const policy = s.policies.find((p) => p.id === 't.one')!;
    expect(s.resolve(policy, 'prod/a.yaml')).toEqual({ level: 'rollout', options: { max: 3, min: 0 } });
    expect(s.resolve(policy, 'staging/a.yaml')).toEqual({ level: 'warn', options: { max: 3, min: 0 } });
    expect(s.ownFiles).toEqual(expect.arrayContaining(['.configgate.yml', 'p/one.yaml']));
  });

  it('names an unknown policy id', async () => {
    await expect(setup({ '.configgate.yml': 'rules:\n  no.such-policy: block\n' })).rejects.toThrowError('.configgate.yml: unknown policy "no.such-policy" in rules');
  });

  it('validates configured options against the policy options schema', async () => {
    await expect(
      setup({
        '.configgate.yml': 'policies: [p]\nrules:\n  t.one: [warn, { max: "three" }]\n',
        'p/one.yaml': 'id: t.one\ndescription: d\noptions: { max: 1 }\noptionsSchema: { type: object, properties: { max: { type: number } } }\nwhen: "true"\nmessage: m\n',
      }),
    ).rejects.toThrowError(/options of "t.one": \/max must be number/);
  });

  it('loads the built-in pack by default', async () => {
    const s = await setup({ '.configgate.yml': '{}\n' });
    expect(s.policies.length).toBeGreaterThan(0);
    expect(s.policies.every((p) => p.source.startsWith('builtin:'))).toBe(true);
  });
});
