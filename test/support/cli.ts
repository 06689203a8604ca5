import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/run.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a user would: a real process, real files, real git. Slow (a node process
 * each): keep it for what only a process shows (exit codes, nothing but one line on stderr).
 */
export function cli(args: string[], cwd = ROOT, env: Record<string, string> = {}): CliRun {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 1 << 28,
  });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** The CLI through its in-process entry (src/cli/run.ts, which bin/main.js calls): same argv, cwd, output and exit code. */
export async function cliInProcess(args: string[], cwd = ROOT, env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTTY: false,
    stderrIsTTY: false,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'configgate-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a tree of files: { 'a/b.yaml': 'text' }. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** git in `dir`, its output as text. */
export function gitIn(dir: string): (...args: string[]) => string {
  return (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A real git repository in a temp dir, with its own identity (written to .git/config: one git process, not four). */
export function gitRepo(): { dir: string; git: (...args: string[]) => string } {
  const dir = tempDir('configgate-git-');
  const git = gitIn(dir);
  git('init', '-q', '-b', 'main');
  appendFileSync(join(dir, '.git', 'config'), '[user]\n\temail = dev@example.com\n\tname = Dev\n[commit]\n\tgpgsign = false\n');
  return { dir, git };
}
