// The one way configgate runs git: no shell, no prompt, C locale, paths unquoted, output as
// bytes. Sources, the trusted reader, the CLI, the Action and backtest all go through here.
import { execFile, spawnSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { InputError } from './errors.js';

const MAX_BUFFER = 1024 * 1024 * 1024;
const CONFIG = ['-c', 'core.quotepath=off'];
const env = () => ({ ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' });

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs git; never throws for a non-zero exit (the caller decides), only when git cannot run. */
export function git(cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((done, fail) => {
    execFile('git', [...CONFIG, ...args], { cwd, encoding: 'buffer', maxBuffer: MAX_BUFFER, env: env() }, (error, stdout, stderr) => {
      if (error && typeof error.code === 'string') {
        fail(gitSpawnError(cwd, error as NodeJS.ErrnoException));
        return;
      }
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr: stderr.toString('utf8') });
    });
  });
}

/** git's stdout; a non-zero exit is an InputError naming the command and git's reason. */
export async function gitText(cwd: string, args: readonly string[]): Promise<string> {
  const result = await git(cwd, args);
  if (result.code !== 0) throw gitFailure(cwd, args, result);
  return result.stdout.toString('utf8');
}

/**
 * Runs git and waits for it, for the few questions asked from inside the (synchronous) pipeline:
 * the unchanged base searched by text. `code` -1 when git could not run or its output passed `maxBuffer`.
 */
export function gitSync(cwd: string, args: readonly string[], maxBuffer = MAX_BUFFER): GitResult {
  const r = spawnSync('git', [...CONFIG, ...args], { cwd, env: env(), maxBuffer, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) return { code: -1, stdout: Buffer.alloc(0), stderr: r.error.message };
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** git's stdout, trimmed, or undefined when git says no (a missing ref, not a repository…). */
export async function gitMaybe(cwd: string, args: readonly string[]): Promise<string | undefined> {
  const result = await git(cwd, args);
  return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

/** A long-running git (e.g. `cat-file --batch`) with the same settings; errors as InputError. */
export function gitSpawn(cwd: string, args: readonly string[], onError: (error: Error) => void): ChildProcessWithoutNullStreams {
  const child = spawn('git', [...CONFIG, ...args], { cwd, env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
  child.on('error', (error) => onError(gitSpawnError(cwd, error)));
  return child;
}

function gitSpawnError(cwd: string, error: NodeJS.ErrnoException): Error {
  if (error.code === 'ENOENT') {
    // execFile reports a missing cwd as ENOENT too.
    try {
      realpathSync(cwd);
    } catch {
      return new InputError(`${cwd}: no such folder`);
    }
    return new InputError('git: command not found (install git or put it on PATH)');
  }
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return new InputError(`git: output larger than ${MAX_BUFFER} bytes`);
  return new InputError(`git: ${error.message.split('\n')[0]}`);
}

function gitFailure(cwd: string, args: readonly string[], result: GitResult): InputError {
  const first = result.stderr.split('\n').find((l) => l.trim()) ?? `exit code ${result.code}`;
  if (/not a git repository/i.test(first)) return new InputError(`${cwd}: not a git repository`);
  return new InputError(`git ${args[0]}: ${first.replace(/^(fatal|error): /, '')}`);
}
