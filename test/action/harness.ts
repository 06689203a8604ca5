// Runs the Action as a runner would: the runner's environment, a real git checkout, the local GitHub;
// in this process through run() (runAction), or the bundle as its own node process (runBundle).
import * as core from '@actions/core';
import { execFileSync, spawn } from 'node:child_process';
import { formatWithOptions } from 'node:util';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { run as runMain } from '../../src/action/main.js';
import { startGitHubServer, type GitHubServer } from '../support/github-server.js';
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ROOT, gitIn, gitRepo, tempDir, writeTree } from '../support/cli.js';

/**
 * The bundle under test: built from the current sources into the ignored dist/.test/ (so a test run
 * never dirties the committed dist/action.js); CONFIGGATE_ACTION_BUNDLE tests a given file instead,
 * e.g. the committed one.
 */
export const BUNDLE = process.env.CONFIGGATE_ACTION_BUNDLE ?? join(ROOT, 'dist', '.test', 'action.js');

export function buildBundle(outfile = BUNDLE): void {
  if (process.env.CONFIGGATE_ACTION_BUNDLE && outfile === BUNDLE) return;
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-action.mjs'), '--outfile', outfile], { cwd: ROOT, stdio: 'pipe' });
}

/**
 * The bundle as a runner has it: the Action's repository checked out with its committed files
 * (dist/action.js, its chunks, dist/action-recheck.cjs, policies/, schemas/) and no node_modules to fall back on.
 */
export function checkedOutAction(): string {
  const dir = tempDir('configgate-action-');
  mkdirSync(join(dir, 'dist'));
  for (const file of bundleFiles(dirname(BUNDLE))) cpSync(join(dirname(BUNDLE), file), join(dir, 'dist', file === basename(BUNDLE) ? 'action.js' : file));
  for (const folder of ['policies', 'schemas']) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  return join(dir, 'dist', 'action.js');
}

/** The files one build of the Action writes into `dir`: the entry, its chunks and the ReDoS checker. */
export function bundleFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f === basename(BUNDLE) || f.startsWith('action-chunk-') || f === 'action-recheck.cjs').sort();
}

export const OWNER = 'acme';
export const REPO = 'platform-config';

export const POLICIES = {
  'policies/log-level.yaml': `id: team.log-level
description: log level raised to debug
level: block
match: { paths: ['**.logLevel'] }
when: "change.after == 'debug'"
message: "log level raised to {{ change.after }}"
`,
  'policies/replicas.yaml': `id: team.replicas
description: replica count changed
level: rollout
match: { paths: ['**.replicas'] }
when: "change.kind == 'modified'"
message: "replicas changed to {{ change.after }}"
`,
  'policies/owner.yaml': `id: team.owner
description: owner changed
level: warn
match: { paths: ['**.owner'] }
when: "change.kind == 'modified'"
message: "owner changed to {{ change.after }}"
`,
};

export const CONFIG = 'builtin: false\npolicies: [policies]\n';
export const APP = 'name: app\nlogLevel: info\nreplicas: 3\nowner: team-a\ndescription: the app\n';

export interface PullRequestRepo {
  dir: string;
  git: (...args: string[]) => string;
  base: string;
  /** Commits `files` on the PR branch and returns the new head SHA. */
  push(files: Record<string, string>, message?: string): string;
  head: string;
}

/** The base commit of each distinct `base`, built once per test file and copied for each test. */
const templates = new Map<string, { dir: string; base: string }>();

function template(base: Record<string, string>): { dir: string; base: string } {
  const key = JSON.stringify(base);
  let made = templates.get(key);
  if (!made) {
    const { dir, git } = gitRepo();
    writeTree(dir, { '.configgate.yml': CONFIG, ...POLICIES, 'svc/app.yaml': APP, ...base });
    git('add', '-A');
    git('commit', '-qm', 'base');
    git('checkout', '-qb', 'feature');
    made = { dir, base: git('rev-parse', 'HEAD').trim() };
    templates.set(key, made);
  }
  return made;
}

/**
 * A repository whose main branch holds the config and policies, with a PR branch checked out:
 * a copy of the template (a file copy costs no git process; each test still owns its repository).
 */
export function pullRequestRepo(base: Record<string, string> = {}): PullRequestRepo {
  const made = template(base);
  const dir = tempDir('configgate-git-');
  cpSync(made.dir, dir, { recursive: true });
  return pullRequestOn(dir, gitIn(dir), made.base);
}

/** The pull request's view of a repository whose branch is checked out at `base`: `push` commits onto it. */
export function pullRequestOn(dir: string, git: PullRequestRepo['git'], base: string): PullRequestRepo {
  const repo: PullRequestRepo = {
    dir,
    git,
    base,
    head: base,
    push(files, message = 'change') {
      writeTree(dir, files);
      git('add', '-A');
      git('commit', '-qm', message, '--allow-empty');
      repo.head = git('rev-parse', 'HEAD').trim();
      return repo.head;
    },
  };
  return repo;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** `::error …::` and friends from stdout. */
  commands: Array<{ command: string; props: Record<string, string>; message: string }>;
  ms: number;
}

export interface RunOptions {
  repo: PullRequestRepo;
  apiUrl: string;
  number?: number;
  inputs?: Record<string, string>;
  /** `owner/name` of the head repository (a fork when it differs). */
  headRepo?: string | null;
  eventName?: string;
  env?: Record<string, string>;
  /** The bundle to run (runBundle), when not BUNDLE: e.g. a copy laid out as a runner's checkout of the Action. */
  bundle?: string;
  cwd?: string;
}

const DEFAULT_INPUTS = {
  config: '',
  'fail-on': '',
  comment: 'true',
  'check-run': 'true',
  sarif: '',
  'github-token': 'ghs_localtesttoken',
  instance: 'default',
  'working-directory': '.',
};

interface PreparedRun {
  env: Record<string, string>;
  cwd: string;
  outputPath: string;
  summaryPath: string;
}

/** The runner's files (event, GITHUB_OUTPUT, a summary) and the environment it gives a `uses:` step. */
function prepare(opts: RunOptions, summaryPath?: string): PreparedRun {
  const runner = tempDir('configgate-runner-');
  const temp = join(runner, 'temp');
  mkdirSync(temp, { recursive: true });
  const eventPath = join(runner, 'event.json');
  const outputPath = join(runner, 'output');
  summaryPath ??= join(runner, 'summary.md');
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const full = `${OWNER}/${REPO}`;
  const headRepo = opts.headRepo === undefined ? full : opts.headRepo;
  writeFileSync(
    eventPath,
    JSON.stringify({
      action: 'synchronize',
      number: opts.number ?? 1,
      pull_request: {
        number: opts.number ?? 1,
        base: { ref: 'main', sha: opts.repo.base, repo: { full_name: full } },
        head: { ref: 'feature', sha: opts.repo.head, repo: headRepo === null ? null : { full_name: headRepo } },
      },
      repository: { full_name: full, name: REPO, owner: { login: OWNER } },
    }),
  );
  const inputs = { ...DEFAULT_INPUTS, ...opts.inputs };
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: opts.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_API_URL: opts.apiUrl,
    GITHUB_SERVER_URL: 'https://github.test',
    GITHUB_REPOSITORY: full,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: opts.repo.head,
    GITHUB_WORKSPACE: opts.repo.dir,
    RUNNER_TEMP: temp,
    // Fast retries against the local server; the defaults are 1 s backoff units and a 30 s timeout.
    CONFIGGATE_API_BACKOFF_MS: '5',
    CONFIGGATE_API_TIMEOUT_MS: '2000',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])),
    ...opts.env,
  };
  return { env, cwd: opts.cwd ?? opts.repo.dir, outputPath, summaryPath };
}

function collect(prepared: PreparedRun, code: number, stdout: string, stderr: string, started: number): ActionRun {
  const { outputPath, summaryPath } = prepared;
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
    summary: existsSync(summaryPath) ? readFileSync(summaryPath, 'utf8') : '',
    commands: parseCommands(stdout),
    ms: Date.now() - started,
  };
}

/** Runs `node <bundle>` as a runner would: its own process, the runner's environment and nothing else. */
export async function runBundle(opts: RunOptions): Promise<ActionRun> {
  const prepared = prepare(opts);
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? prepared.cwd, ...prepared.env };
  const started = Date.now();
  const child = spawn(process.execPath, [opts.bundle ?? BUNDLE], { cwd: prepared.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 45_000);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  clearTimeout(killer);
  return collect(prepared, code, stdout, stderr, started);
}

/**
 * @actions/core's `summary` keeps the GITHUB_STEP_SUMMARY path of its first write for the life of the
 * module, so every in-process run of a test file writes one summary file, emptied before each run.
 */
let sharedSummary: string | undefined;

/**
 * Runs the Action's `run()` in this process, as the bundle would: the real @actions/core writing
 * workflow commands to stdout and outputs to GITHUB_OUTPUT, the runner's environment in process.env,
 * the checkout as the working directory, the exit code from `process.exitCode`. Restores all of it.
 */
export async function runAction(opts: RunOptions): Promise<ActionRun> {
  if (opts.env?.GITHUB_STEP_SUMMARY) throw new Error('in-process runs share one summary file; use runBundle for another');
  sharedSummary ??= join(tempDir('configgate-summary-'), 'summary.md');
  const prepared = prepare(opts, sharedSummary);
  const io = { stdout: '', stderr: '' };
  const restore = enter(prepared, io);
  const started = Date.now();
  let code: number;
  try {
    core.summary.emptyBuffer();
    await runMain();
    code = Number(process.exitCode ?? 0);
  } finally {
    restore();
  }
  return collect(prepared, code, io.stdout, io.stderr, started);
}

const RUNNER_VARIABLE = /^(INPUT_|GITHUB_|RUNNER_|CONFIGGATE_|ACTIONS_)|^CI$/;

/** Swaps in the runner's environment, working directory and output streams; returns the undo. */
function enter(prepared: PreparedRun, io: { stdout: string; stderr: string }): () => void {
  const saved = { env: { ...process.env }, cwd: process.cwd(), exitCode: process.exitCode };
  const streams = { out: process.stdout.write, err: process.stderr.write };
  const consoles = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  for (const key of Object.keys(process.env)) if (RUNNER_VARIABLE.test(key)) delete process.env[key];
  Object.assign(process.env, prepared.env);
  process.exitCode = undefined;
  process.chdir(prepared.cwd);
  const text = (chunk: string | Uint8Array) => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
  process.stdout.write = ((chunk: string | Uint8Array) => ((io.stdout += text(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((io.stderr += text(chunk)), true)) as typeof process.stderr.write;
  // vitest routes console.* around the streams; a library's console output belongs to the run.
  const line = (stream: 'stdout' | 'stderr') => (...args: unknown[]) => (io[stream] += `${formatWithOptions({}, ...args)}\n`);
  Object.assign(console, { log: line('stdout'), info: line('stdout'), warn: line('stderr'), error: line('stderr') });
  return () => {
    Object.assign(console, consoles);
    process.stdout.write = streams.out;
    process.stderr.write = streams.err;
    process.chdir(saved.cwd);
    process.exitCode = saved.exitCode;
    for (const key of Object.keys(process.env)) if (!(key in saved.env)) delete process.env[key];
    Object.assign(process.env, saved.env);
  };
}

/** GITHUB_OUTPUT's `name<<delimiter` … `delimiter` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (m) {
      const end = lines.indexOf(m[2], i + 1);
      outputs[m[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return outputs;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProp = (s: string) => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');

/** Workflow commands (`::error file=a,line=2::message`) from stdout. */
export function parseCommands(stdout: string): ActionRun['commands'] {
  const out: ActionRun['commands'] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const at = pair.indexOf('=');
      props[pair.slice(0, at)] = unescapeProp(pair.slice(at + 1));
    }
    out.push({ command: m[1], props, message: unescapeData(m[3]) });
  }
  return out;
}

/**
 * The local GitHub for a test file: one server for the file, its recorded requests and faults
 * cleared before each test; with `bundle`, the bundle built once for runBundle. Read `.server` inside tests.
 */
export function useGitHub(opts: { bundle?: boolean } = {}): { readonly server: GitHubServer } {
  const state: { server?: GitHubServer } = {};
  beforeAll(async () => {
    if (opts.bundle) buildBundle();
    state.server = await startGitHubServer();
  });
  afterAll(async () => {
    await state.server?.close();
  });
  beforeEach(() => state.server!.reset());
  return {
    get server() {
      return state.server!;
    },
  };
}

/** Step-level commands (no file): the failure line and the warnings. */
export const failures = (run: ActionRun) => run.commands.filter((c) => c.command === 'error' && !c.props.file);
export const warningCommands = (run: ActionRun) => run.commands.filter((c) => c.command === 'warning' && !c.props.file);
