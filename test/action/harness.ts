// Runs the bundled Action as a runner would: a node process, the runner's environment, a real git checkout.
import { execFileSync, spawn } from 'node:child_process';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startGitHubServer, type GitHubServer } from '../support/github-server.js';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, gitRepo, tempDir, writeTree } from '../support/cli.js';

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

/** A repository whose main branch holds the config and policies, with a PR branch checked out. */
export function pullRequestRepo(base: Record<string, string> = {}): PullRequestRepo {
  const { dir, git } = gitRepo();
  writeTree(dir, { '.configgate.yml': CONFIG, ...POLICIES, 'svc/app.yaml': APP, ...base });
  git('add', '-A');
  git('commit', '-qm', 'base');
  const baseSha = git('rev-parse', 'HEAD').trim();
  git('checkout', '-qb', 'feature');
  const repo: PullRequestRepo = {
    dir,
    git,
    base: baseSha,
    head: baseSha,
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

/** Runs `node dist/action.js` with the environment a GitHub runner gives a `uses:` step. */
export async function runAction(opts: RunOptions): Promise<ActionRun> {
  const runner = tempDir('configgate-runner-');
  const temp = join(runner, 'temp');
  mkdirSync(temp, { recursive: true });
  const eventPath = join(runner, 'event.json');
  const outputPath = join(runner, 'output');
  const summaryPath = join(runner, 'summary.md');
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
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runner,
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
  const started = Date.now();
  const child = spawn(process.execPath, [BUNDLE], { cwd: opts.cwd ?? opts.repo.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 45_000);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  clearTimeout(killer);
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
 * The local GitHub for a test file: the bundle built once, one server for the file, its
 * recorded requests and faults cleared before each test. Read `.server` inside tests.
 */
export function useGitHub(): { readonly server: GitHubServer } {
  const state: { server?: GitHubServer } = {};
  beforeAll(async () => {
    buildBundle();
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
