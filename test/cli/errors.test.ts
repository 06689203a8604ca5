// Every error is one printable line naming the real problem (robustness issue, item 15).
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { oneLine, systemInputError } from '../../src/errors.js';
import { tempDir, writeTree } from '../support/cli.js';

async function cli(args: string[], cwd: string) {
  const err: string[] = [];
  const code = await runCli(args, { cwd, stdout: () => {}, stderr: (t) => err.push(t), isTTY: false, env: {} });
  return { code, stderr: err.join('') };
}

describe('oneLine', () => {
  it.each([
    ['a\nb\r\nc\td', 'a b c d'],
    ['red \u001b[31mtext\u001b[0m here', 'red text here'],
    ['title \u001b]0;pwned\u0007 set', 'title set'],
    ['bell\u0007 and nul\u0000', 'bell and nul'],
    ['bidi \u202eevil\u202c text', 'bidi evil text'],
    ['café ✓ 日本', 'café ✓ 日本'],
  ])('%j → %j', (input, expected) => expect(oneLine(input)).toBe(expected));
});

describe('system errors name the path and the problem', () => {
  it.each([
    ['EACCES', 'permission denied'],
    ['ENAMETOOLONG', 'file name too long'],
    ['ERR_FS_FILE_TOO_LARGE', 'file over 2 GiB, too large to read'],
  ])('%s', (code, meaning) => {
    const error = Object.assign(new Error(`${code}: raw`), { code, path: 'cfg/a.yaml' });
    expect(systemInputError(error)?.message).toBe(`cfg/a.yaml: ${meaning}`);
  });

  it('an unknown code stays an internal error', () => {
    expect(systemInputError(Object.assign(new Error('x'), { code: 'EWHATEVER' }))).toBeUndefined();
  });
});

describe('through the CLI (in-process)', () => {
  it('a file name too long is named as such, exit 2, one line', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'before'));
    const run = await cli(['compare', 'before', 'x'.repeat(300)], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^configgate: .*(file name too long|no such file)/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('escape sequences quoted from a bad config never reach the terminal', async () => {
    const dir = tempDir();
    writeTree(dir, { '.configgate.yml': 'rules:\n  "\u001b[31mred\u001b[0m\u202e": block\n', 'before/a.yaml': 'a: 1\n', 'after/a.yaml': 'a: 1\n' });
    const run = await cli(['compare', 'before', 'after'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/[\u001b\u202e]/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
