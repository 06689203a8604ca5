import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../support/cli.js';

export interface ProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a user's shell: none of the npm_* variables `npm test` sets for its own
 * package (they would steer a nested npm), npm served from its cache where it can be.
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD') env[key] = value;
  }
  return {
    ...env,
    NO_COLOR: '1',
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    GIT_AUTHOR_NAME: 'Dev',
    GIT_AUTHOR_EMAIL: 'dev@example.com',
    GIT_COMMITTER_NAME: 'Dev',
    GIT_COMMITTER_EMAIL: 'dev@example.com',
    ...extra,
  };
}

/** A whole process, awaited; never throws (the exit code and output are the result). */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = userEnv()): Promise<ProcessRun> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr || (error && typeof error.code !== 'number' ? String(error) : '') });
    });
  });
}

/** Runs and fails with the process's own output when it exits non-zero. */
export async function must(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<ProcessRun> {
  const result = await run(command, args, cwd, env);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.code}:\n${result.stdout}\n${result.stderr}`.slice(0, 8000));
  }
  return result;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * What a fresh clone of this working tree would hold, as its own git repository: the tracked
 * and the new unignored files, no node_modules, no built dist/ (only the committed Action).
 */
export function cleanClone(): { dir: string; sha: string; bare: string } {
  const dir = tempDir('configgate-clone-');
  const files = git(ROOT, 'ls-files', '-z', '-co', '--exclude-standard').split('\0').filter(Boolean);
  for (const file of files) {
    const from = join(ROOT, file);
    if (!existsSync(from)) continue;
    mkdirSync(join(dir, file, '..'), { recursive: true });
    cpSync(from, join(dir, file));
  }
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'snapshot');
  const bare = `${dir}.git`;
  git(dir, 'clone', '-q', '--bare', dir, bare);
  return { dir, sha: git(dir, 'rev-parse', 'HEAD').trim(), bare };
}

/** A clone in which `npm ci` has run: the project's own node_modules, shared by a link. */
export function installedClone(source: string): string {
  const dir = tempDir('configgate-work-');
  git(dir, 'clone', '-q', source, '.');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** An empty npm project to install configgate into. */
export function consumer(name: string): string {
  const dir = tempDir(`configgate-${name}-`);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }, null, 2)}\n`);
  return dir;
}
