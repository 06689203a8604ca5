import { describe, expect, it } from 'vitest';
import { fsReader, loadSetup } from '../../src/config/index.js';
import { tempDir, writeTree } from '../support/cli.js';
import { configgate, oneLineError } from './harness.js';

const GOOD = `id: team.log-level
description: log level raised to debug
match: { paths: ["**.logLevel"] }
when: "change.after == 'debug'"
message: "raised to {{ change.after }}"
messageId: raised
examples:
  valid:
    - { name: lowering, before: { logLevel: debug }, after: { logLevel: info } }
  invalid:
    - { name: raising, before: { logLevel: info }, after: { logLevel: debug }, expect: [raised] }
`;
// Line 9: the valid example that fires; line 12: the invalid one that does not; line 14: a wrong id.
const BAD = `id: team.replicas
description: too few replicas
match: { paths: ["**.replicas"] }
when: "change.after < 2"
message: "replicas {{ change.after }}"
messageId: too-few
examples:
  valid:
    - name: one replica is fine
      before: { replicas: 3 }
      after: { replicas: 1 }
  invalid:
    - { name: three is too few, before: { replicas: 4 }, after: { replicas: 3 } }
    - before: { replicas: 4 }
      after: { replicas: 0 }
      expect: [too-many]
`;
const NONE = `id: team.quiet
description: no examples at all
match: { paths: ["**.x"] }
when: "true"
message: "x"
`;

describe('configgate test', () => {
  it('runs the examples of every policy the config loads, built-in and the user\'s', async () => {
    const dir = tempDir('configgate-test-');
    writeTree(dir, { '.configgate.yml': 'policies: [policies]\n', 'policies/log.yaml': GOOD });
    const setup = await loadSetup({ reader: fsReader(dir), configPath: `${dir}/.configgate.yml` });
    const total = setup.policies.reduce((n, p) => n + (p.meta.examples?.valid.length ?? 0) + (p.meta.examples?.invalid.length ?? 0), 0);
    const run = await configgate(['test'], dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toContain('✓ team.log-level  2 examples');
    expect(lines.some((l) => /^✓ verbosity\.global-raise  \d+ examples$/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe(`${setup.policies.filter((p) => p.source !== 'builtin:gate').length} policies, ${total} examples: ${total} passed, 0 failed`);
  });

  it('exits 1 naming each failing example with its file and line', async () => {
    const dir = tempDir('configgate-test-');
    writeTree(dir, { 'p/replicas.yaml': BAD, 'p/log.yaml': GOOD, 'p/none.yaml': NONE });
    const run = await configgate(['test', 'p'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      '✓ team.log-level  2 examples',
      '⚠ team.quiet  has no examples (p/none.yaml): add examples.valid and examples.invalid',
      '✖ team.replicas  valid example 1 "one replica is fine" (p/replicas.yaml:9)',
      '    expected no finding, got too-few: replicas 1',
      '✖ team.replicas  invalid example 1 "three is too few" (p/replicas.yaml:13)',
      '    expected a finding, got none',
      '✖ team.replicas  invalid example 2 (p/replicas.yaml:14)',
      '    expect names unknown message id "too-many"',
      '    expected message ids ["too-many"], got ["too-few"]',
      '',
      '3 policies, 5 examples: 2 passed, 3 failed; 1 policy without examples',
      '',
    ]);
  });

  it('--format json gives the same facts as data', async () => {
    const dir = tempDir('configgate-test-');
    writeTree(dir, { 'p/replicas.yaml': BAD });
    const run = await configgate(['test', 'p/replicas.yaml', '--format', 'json'], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ examples: 3, passed: 0, failed: 3, withoutExamples: [] });
    expect(report.policies[0].failed.map((f: { kind: string; number: number; line: number }) => [f.kind, f.number, f.line])).toEqual([
      ['valid', 1, 9],
      ['invalid', 1, 13],
      ['invalid', 2, 14],
    ]);
  });

  it('--quiet prints nothing when every example passes, and only the failures when one does not', async () => {
    const dir = tempDir('configgate-test-');
    writeTree(dir, { 'ok/log.yaml': GOOD, 'bad/replicas.yaml': BAD });
    expect(await configgate(['test', 'ok', '--quiet'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    const failing = await configgate(['test', 'bad', '-q'], dir);
    expect(failing.code).toBe(1);
    expect(failing.stdout).not.toContain('✓');
    expect(failing.stdout).toContain('3 failed');
  });

  it.each([
    ['a policy file that does not load', { 'p/x.yaml': 'id: t.x\ndescription: d\nwhen: "a =="\nmessage: m\n' }, ['test', 'p'], /^configgate: p\/x\.yaml:3: CEL syntax error/],
    ['a folder that does not exist', {}, ['test', 'nope'], /^configgate: nope: policy folder not found$/],
  ])('%s: exit 2, one line', async (_name, files, args, message) => {
    const dir = tempDir('configgate-test-');
    writeTree(dir, files as Record<string, string>);
    expect(oneLineError(await configgate(args, dir))).toMatch(message);
  });
});
