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
    ['a misspelt level, with a suggestion', 'rules:\n  x: blok\n', /^c\.yml:2: invalid config: \/rules\/x must be equal to one of the allowed values \(off, warn, rollout, block\) \(did you mean "block"\?\)$/],
    ['a misspelt key, with a suggestion', 'analysers: []\n', /^c\.yml:1: invalid config: \/ must NOT have additional properties "analysers" \(did you mean "analyzers"\?\)$/],
    ['an unknown analyzer name', 'analyzers:\n  - path: a.b\n    analyzer: verbosty\n', /^c\.yml:3: unknown analyzer "verbosty" in analyzers \(did you mean "verbosity"\?\); known: verbosity, routing, /],
    ['an analyzer name nothing is close to', 'analyzers:\n  - path: a.b\n    analyzer: dns\n', /^c\.yml:3: unknown analyzer "dns" in analyzers; known: /],
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
    await expect(setup({ '.configgate.yml': 'rules:\n  no.such-policy: block\n' })).rejects.toThrowError('.configgate.yml:2: unknown policy "no.such-policy" in rules');
  });

  const onePolicy = 'id: t.one\ndescription: d\noptions: { maxShare: 5 }\noptionsSchema: { type: object, properties: { maxShare: { type: number }, levels: { type: array } } }\nwhen: "true"\nmessage: m\n';
  it.each([
    ['a misspelt policy id, with a suggestion', 'rules:\n  verbosity.global-rise: block\n', /^\.configgate\.yml:2: unknown policy "verbosity\.global-rise" in rules \(did you mean "verbosity\.global-raise"\?\)$/],
    ['a misspelt gate check in an override', 'overrides:\n  - files: ["a/**"]\n    rules: { waiver.expird: off }\n', /^\.configgate\.yml:3: unknown policy "waiver\.expird" in rules \(did you mean "waiver\.expired"\?\)$/],
    ['an option the policy does not declare', 'policies: [p]\nrules:\n  t.one: [warn, { maxShar: 3 }]\n', /^\.configgate\.yml:3: options of "t\.one": unknown option "maxShar" \(did you mean "maxShare"\?\); it takes maxShare, levels$/],
    ['an option in an override', 'policies: [p]\noverrides:\n  - files: ["a/**"]\n    rules:\n      t.one: { level: warn, options: { levls: [] } }\n', /^\.configgate\.yml:5: options of "t\.one": unknown option "levls" \(did you mean "levels"\?\)/],
    ['options for a check that takes none', 'rules:\n  gate.policy-change: [warn, { quiet: true }]\n', /^\.configgate\.yml:2: options of "gate\.policy-change": unknown option "quiet"; it takes none$/],
  ])('rejects %s, naming the file and line', async (_name, config, message) => {
    await expect(setup({ '.configgate.yml': config, 'p/one.yaml': onePolicy })).rejects.toThrowError(message);
  });

  it("binds the gate's own checks like any policy, and lists them", async () => {
    const s = await setup({ '.configgate.yml': 'rules:\n  gate.policy-change: off\n  waiver.unused: block\n' });
    const ids = s.policies.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['gate.policy-change', 'gate.unparseable-before', 'waiver.expired', 'waiver.expiring', 'waiver.unused']));
    const level = (id: string) => s.resolve(s.policies.find((p) => p.id === id)!, '.configgate.yml').level;
    expect([level('gate.policy-change'), level('waiver.unused'), level('waiver.expiring'), level('waiver.expired')]).toEqual(['off', 'block', 'notice', 'warn']);
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
