import { describe, expect, test } from 'vitest';
import { parseCommand } from '../../src/cli/args.js';
import { runCli } from '../../src/cli/run.js';
import { InputError } from '../../src/errors.js';
import { tempDir, writeTree } from '../support/cli.js';

describe('--now', () => {
  test.each([
    ['2026-12-02T10:00:00Z', '2026-12-02T10:00:00.000Z'],
    ['2026-12-02T10:00Z', '2026-12-02T10:00:00.000Z'],
    ['2026-12-02T11:30:00.5+01:00', '2026-12-02T10:30:00.500Z'],
  ])('%s is the clock of the run', (text, iso) => {
    const command = parseCommand(['compare', 'a', 'b', '--now', text]);
    expect(command.name === 'compare' && command.common.now?.toISOString()).toBe(iso);
  });

  test.each([['2026-12-02'], ['2026-12-02T10:00:00'], ['yesterday'], ['2026-13-40T10:00:00Z']])('%s → one-line usage error', (text) => {
    expect(() => parseCommand(['compare', 'a', 'b', '--now', text])).toThrow(
      new InputError(`usage: --now must be an ISO time with a zone, like 2026-12-02T10:00:00Z, not "${text}"`),
    );
  });

  test('without --now the clock is left to the run', () => {
    const command = parseCommand(['compare', 'a', 'b']);
    expect(command.name === 'compare' && command.common.now).toBeUndefined();
  });

  test.each([
    ['before the waiver expires: waived, pass', '2026-06-01T00:00:00Z', 0, 'pass'],
    ['after it expires: the finding blocks again', '2026-07-01T00:00:00Z', 1, 'block'],
  ])('%s', async (_name, now, code, verdict) => {
    const dir = tempDir('configgate-now-');
    writeTree(dir, {
      'before/app.yaml': 'logLevel: info\n',
      'after/app.yaml': 'logLevel: debug\n',
      '.configgate.yml': [
        'builtin: false',
        'policies: [policies]',
        'waivers:',
        '  - { policy: team.log-level, reason: debugging an incident, owner: sre, expires: "2026-06-30" }',
        '',
      ].join('\n'),
      'policies/log-level.yaml': [
        'id: team.log-level',
        'description: log level raised to debug',
        'level: block',
        'match: { paths: ["**.logLevel"] }',
        `when: "change.after == 'debug'"`,
        'message: "log level raised to {{ change.after }}"',
        'examples:',
        '  valid: [{ before: { logLevel: info }, after: { logLevel: warn } }]',
        '  invalid: [{ before: { logLevel: info }, after: { logLevel: debug }, expect: [team.log-level] }]',
        '',
      ].join('\n'),
    });
    let out = '';
    const err: string[] = [];
    const exit = await runCli(['compare', 'before', 'after', '--format', 'json', '--now', now], {
      cwd: dir,
      stdout: (t) => (out += t),
      stderr: (t) => err.push(t),
      isTTY: false,
      env: {},
    });
    expect(err).toEqual([]);
    expect(exit).toBe(code);
    expect(JSON.parse(out).verdict).toBe(verdict);
  });
});
