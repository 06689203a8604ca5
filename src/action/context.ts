// What the runner tells the Action: the event payload and the GITHUB_* / RUNNER_* environment.
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

export interface PullRequestContext {
  number: number;
  baseSha: string;
  headSha: string;
  baseRef?: string;
  headRef?: string;
  /** `owner/name` of the repository the pull request merges into. */
  baseRepo: string;
  /** `owner/name` of the repository the head branch lives in; undefined when it was deleted. */
  headRepo?: string;
  /** The head lives in another repository (or a deleted one): on `pull_request` the token is read-only. */
  fork: boolean;
}

export interface RunnerContext {
  eventName: string;
  owner: string;
  repo: string;
  apiUrl: string;
  serverUrl: string;
  /** Where the job summary of this run is shown. */
  summaryUrl?: string;
  workspace: string;
  runnerTemp: string;
  pullRequest?: PullRequestContext;
}

export const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];

/** Reads the runner's context; throws InputError when it is not a usable pull request context. */
export function readContext(env: NodeJS.ProcessEnv, cwd: string): RunnerContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = repository.split('/');
  if (!owner || !repo) throw new InputError('GITHUB_REPOSITORY is not set to owner/name: configgate runs as a GitHub Action step');
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const runId = env.GITHUB_RUN_ID;
  const attempt = env.GITHUB_RUN_ATTEMPT;
  const summaryUrl = runId
    ? `${serverUrl}/${repository}/actions/runs/${runId}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`
    : undefined;
  const context: RunnerContext = {
    eventName,
    owner,
    repo,
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl,
    summaryUrl,
    workspace: env.GITHUB_WORKSPACE || cwd,
    runnerTemp: env.RUNNER_TEMP || cwd,
  };
  if (PULL_REQUEST_EVENTS.includes(eventName)) {
    context.pullRequest = pullRequestFrom(readPayload(env.GITHUB_EVENT_PATH), repository);
  }
  return context;
}

export function readPayload(path: string | undefined): unknown {
  if (!path) throw new InputError('GITHUB_EVENT_PATH is not set: cannot read the pull request');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read the event payload (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(`${path}: the event payload is not JSON`);
  }
}

interface PayloadRepo {
  full_name?: string;
}
interface PayloadSide {
  sha?: string;
  ref?: string;
  repo?: PayloadRepo | null;
}
interface PullRequestPayload {
  pull_request?: { number?: number; base?: PayloadSide; head?: PayloadSide };
  repository?: PayloadRepo;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/i;

export function pullRequestFrom(payload: unknown, repository: string): PullRequestContext {
  const pr = (payload as PullRequestPayload | null)?.pull_request;
  if (!pr) throw new InputError('the event payload has no pull_request');
  const baseSha = pr.base?.sha ?? '';
  const headSha = pr.head?.sha ?? '';
  if (!Number.isInteger(pr.number) || !SHA.test(baseSha) || !SHA.test(headSha)) {
    throw new InputError('the event payload has no pull_request number, base.sha and head.sha');
  }
  const baseRepo = pr.base?.repo?.full_name ?? (payload as PullRequestPayload).repository?.full_name ?? repository;
  const headRepo = pr.head?.repo?.full_name ?? undefined;
  return {
    number: pr.number as number,
    baseSha,
    headSha,
    baseRef: pr.base?.ref,
    headRef: pr.head?.ref,
    baseRepo,
    headRepo,
    fork: headRepo === undefined || headRepo.toLowerCase() !== baseRepo.toLowerCase(),
  };
}
