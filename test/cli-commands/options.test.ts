// Per-command --help, --quiet, NO_COLOR / FORCE_COLOR: the same in every command.
import { describe, expect, it } from 'vitest';
import { tempDir, writeTree } from '../support/cli.js';
import { configgate, oneLineError } from './harness.js';

function change(after: string): string {
  const dir = tempDir('configgate-opts-');
  writeTree(dir, { 'before/app.yaml': 'logLevel: info\n', 'after/app.yaml': after });
  return dir;
}

const ESC = '\u001b[';

describe('per-command --help', () => {
  it.each(['compare', 'check', 'policies', 'rollout', 'backtest', 'explain', 'test', 'print-config', 'init'])('configgate %s --help', async (name) => {
    const dir = tempDir();
    const run = await configgate([name, '--help'], dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.split('\n')[0]).toMatch(new RegExp(`^Usage: configgate ${name}( |$)`));
    expect((await configgate(['help', name], dir)).stdout).toBe(run.stdout);
  });

  it('configgate check --help says where the configs come from, and how CI keeps them trusted', async () => {
    const { stdout } = await configgate(['check', '--help'], tempDir());
    expect(stdout).toMatch(/^Configs: each file is judged by the nearest \.configgate\.yml above it/m);
    expect(stdout).toMatch(/^ {2}configgate check --base origin\/main --trusted-ref origin\/main$/m);
  });

  it('configgate --help lists every command', async () => {
    const run = await configgate(['--help'], tempDir());
    for (const name of ['compare', 'check', 'policies', 'rollout', 'backtest', 'explain', 'test', 'print-config', 'init']) {
      expect(run.stdout).toMatch(new RegExp(`^  configgate ${name}\\b`, 'm'));
    }
  });

  it('configgate rollout status --help is the rollout help', async () => {
    const dir = tempDir();
    expect((await configgate(['rollout', 'status', '--help'], dir)).stdout).toBe((await configgate(['rollout', '--help'], dir)).stdout);
  });

  it('an unknown command names them all', async () => {
    expect(oneLineError(await configgate(['explian'], tempDir()))).toBe(
      'configgate: usage: unknown command "explian": use compare, check, policies, rollout, backtest, explain, test, print-config or init (see configgate --help)',
    );
  });
});

describe('--quiet', () => {
  it('prints nothing when the change passes', async () => {
    expect(await configgate(['compare', 'before', 'after', '--quiet'], change('logLevel: warn\n'))).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints the report when it fails', async () => {
    const run = await configgate(['compare', 'before', 'after', '-q'], change('logLevel: debug\n'));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✖ block/);
  });

  it('explain and print-config print nothing', async () => {
    const dir = tempDir();
    expect(await configgate(['explain', 'verbosity.global-raise', '-q'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await configgate(['print-config', 'a.yaml', '-q'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('colour: --color / --no-color, FORCE_COLOR, NO_COLOR, a terminal', () => {
  it.each([
    ['a terminal', [], {}, true, true],
    ['a pipe', [], {}, false, false],
    ['NO_COLOR on a terminal', [], { NO_COLOR: '1' }, true, false],
    ['an empty NO_COLOR', [], { NO_COLOR: '' }, true, true],
    ['FORCE_COLOR on a pipe', [], { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR=0 on a terminal', [], { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR over NO_COLOR', [], { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    ['--no-color over FORCE_COLOR', ['--no-color'], { FORCE_COLOR: '1' }, true, false],
    ['--color over NO_COLOR', ['--color'], { NO_COLOR: '1' }, false, true],
    ['a terminal, but -o writes a file', ['-o', 'report.txt'], {}, true, false],
  ])('%s', async (_name, flags, env, isTTY, painted) => {
    const dir = change('logLevel: debug\n');
    const run = await configgate(['compare', 'before', 'after', ...(flags as string[])], dir, { env, isTTY });
    expect(run.stdout.includes(ESC)).toBe(painted as boolean);
    const test = await configgate(['explain', 'verbosity.global-raise', ...(flags as string[]).filter((f) => f !== '-o' && f !== 'report.txt')], dir, { env, isTTY });
    if (!(flags as string[]).includes('-o')) expect(test.stdout.includes(ESC)).toBe(painted as boolean);
  });
});
