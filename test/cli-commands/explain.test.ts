import { describe, expect, it } from 'vitest';
import { tempDir, writeTree } from '../support/cli.js';
import { configgate, oneLineError } from './harness.js';

const CONFIG = `rules:
  verbosity.global-raise: [warn, { maxShare: 10 }]
overrides:
  - files: ["prod/**"]
    rules: { verbosity.global-raise: block }
policies: [policies]
`;
const POLICY = `id: team.replicas
description: Keep at least min replicas.
rationale: One replica makes every deploy an outage.
level: block
options: { min: 2 }
optionsSchema: { type: object, properties: { min: { type: integer, description: The fewest replicas allowed. } } }
match: { paths: ["**.replicas"] }
when: "change.after < options.min"
message: "replicas {{ change.after }} < {{ options.min }}"
messageId: too-few
examples:
  valid: [{ name: two is enough, before: { replicas: 3 }, after: { replicas: 2 } }]
  invalid: [{ name: one is not, before: { replicas: 3 }, after: { replicas: 1 }, expect: [too-few] }]
`;

function repo(): string {
  const dir = tempDir('configgate-explain-');
  writeTree(dir, { '.configgate.yml': CONFIG, 'policies/replicas.yaml': POLICY });
  return dir;
}

describe('configgate explain', () => {
  it('gives the description, rationale, options with defaults, the level here, and the examples (json)', async () => {
    const run = await configgate(['explain', 'verbosity.global-raise', '--format', 'json'], repo());
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const e = JSON.parse(run.stdout);
    expect(e).toMatchObject({
      id: 'verbosity.global-raise',
      source: 'builtin:verbosity.global-raise.yaml',
      defaultLevel: 'block',
      level: 'warn',
      levelFrom: 'set in .configgate.yml',
      overrides: [{ files: ['prod/**'], level: 'block' }],
    });
    expect(e.rationale).toEqual(expect.any(String));
    expect(e.options).toEqual([
      { name: 'maxShare', default: 5, value: 10, type: 'number', description: expect.any(String) },
      { name: 'minVolumeFactor', default: 5, value: 5, type: 'number', description: expect.any(String) },
    ]);
    expect(e.messages).toHaveProperty('global-raise');
    expect(e.examples.invalid.length).toBeGreaterThan(0);
    expect(e.examples.valid.length).toBeGreaterThan(0);
  });

  it("renders a user's policy as text, section by section", async () => {
    const run = await configgate(['explain', 'team.replicas'], repo());
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'team.replicas  (policies/replicas.yaml)',
      '',
      'Keep at least min replicas.',
      '',
      'Why',
      '  One replica makes every deploy an outage.',
      '',
      'Level',
      "  block here (the policy's default)",
      '  per file: configgate print-config FILE',
      '',
      'Options',
      '  min  default 2 (integer)',
      '      The fewest replicas allowed.',
      '',
      'Where it looks',
      '  paths: **.replicas',
      '',
      'Messages',
      '  too-few: replicas {{ change.after }} < {{ options.min }}',
      '  evaluation-failed: the policy could not be evaluated: {{ reason }}',
      '',
      'Examples it reports',
      '  ✖ one is not  → too-few',
      '      before: { replicas: 3 }',
      '      after:  { replicas: 1 }',
      '',
      'Examples it lets through',
      '  ✓ two is enough',
      '      before: { replicas: 3 }',
      '      after:  { replicas: 2 }',
      '',
    ]);
  });

  it("explains the gate's own checks, which take levels like policies", async () => {
    const e = JSON.parse((await configgate(['explain', 'gate.policy-change', '--format', 'json'], repo())).stdout);
    expect(e).toMatchObject({ id: 'gate.policy-change', level: 'warn', defaultLevel: 'warn', source: 'builtin:gate' });
  });

  it.each([
    ['verbosity.global-rase', 'configgate: unknown policy "verbosity.global-rase"; did you mean "verbosity.global-raise"? (configgate policies lists them)'],
    ['global-raise', 'configgate: unknown policy "global-raise"; did you mean "verbosity.global-raise"? (configgate policies lists them)'],
    ['team.replica', 'configgate: unknown policy "team.replica"; did you mean "team.replicas"? (configgate policies lists them)'],
    ['capacity.drop-limits', 'configgate: unknown policy "capacity.drop-limits"; did you mean "capacity.drop-limit"? (configgate policies lists them)'],
    ['zzzzzz', 'configgate: unknown policy "zzzzzz" (configgate policies lists them)'],
  ])('an unknown id %s: exit 2, did you mean', async (id, message) => {
    expect(oneLineError(await configgate(['explain', id], repo()))).toBe(message);
  });

  it.each([
    [['explain'], 'configgate: usage: configgate explain <policy-id> (see configgate explain --help)'],
    [['explain', 'a', 'b'], 'configgate: usage: configgate explain <policy-id> (see configgate explain --help)'],
    [['explain', 'x', '--format', 'sarif'], 'configgate: usage: explain --format must be text or json, not "sarif"'],
    [['explain', 'x', '--staged'], 'configgate: usage: --staged does not go with explain (see configgate explain --help)'],
  ])('%j is a usage error', async (args, message) => {
    expect(oneLineError(await configgate(args, repo()))).toBe(message);
  });
});
