// Which change an event asks the gate to judge. On pull_request it is the pull request; a merge
// queue (merge_group) judges the queue's commit against its base; push, the pushed commits;
// workflow_dispatch, the ref it ran on against the default branch; and a deployment_status or
// check_run event re-judges the pull request whose head it reports on, so that a pull request
// turns green when a stage's bake ends or its health check passes, without a new push.
import { InputError } from '../errors.js';
import { pullRequestFrom, type PullRequestContext } from './context.js';

/** The events the Action judges on. */
export const JUDGED_EVENTS = ['pull_request', 'pull_request_target', 'merge_group', 'push', 'workflow_dispatch', 'deployment_status', 'check_run'] as const;

/** A change to judge: a pull request (with its number) or two commits (no pull request to comment on). */
export type EventTarget =
  | { kind: 'pull-request'; pullRequest: PullRequestContext; body?: string }
  | { kind: 'commits'; baseSha: string; headSha: string; baseRef?: string; headRef?: string; label: string }
  /** A deployment's commit: the open pull request whose head it is must be looked up. */
  | { kind: 'lookup'; headSha: string; label: string }
  /** Nothing to judge (an event the gate itself caused, a deleted branch): say why and succeed. */
  | { kind: 'skip'; reason: string };

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/i;
const ZERO = /^0+$/;

interface Payload {
  pull_request?: { body?: string | null };
  merge_group?: { base_sha?: string; head_sha?: string; base_ref?: string; head_ref?: string };
  before?: string;
  after?: string;
  ref?: string;
  deleted?: boolean;
  repository?: { default_branch?: string };
  deployment?: { sha?: string; environment?: string };
  deployment_status?: { state?: string };
  check_run?: { name?: string; head_sha?: string; pull_requests?: Array<{ number?: number; base?: { sha?: string; ref?: string }; head?: { sha?: string; ref?: string } }> };
}

export interface EventOptions {
  /** `owner/name`. */
  repository: string;
  /** GITHUB_SHA, GITHUB_REF_NAME: what workflow_dispatch ran on. */
  sha?: string;
  refName?: string;
  /** Names of this gate's own check runs: a check_run event about one of them is not a reason to re-judge. */
  ownCheckNames: string[];
}

export function eventTarget(eventName: string, payload: unknown, opts: EventOptions): EventTarget {
  const p = (payload ?? {}) as Payload;
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_target':
      return { kind: 'pull-request', pullRequest: pullRequestFrom(payload, opts.repository), ...(p.pull_request?.body ? { body: p.pull_request.body } : {}) };
    case 'merge_group': {
      const g = p.merge_group ?? {};
      return commits(g.base_sha, g.head_sha, 'merge_group', g.base_ref, g.head_ref);
    }
    case 'push':
      if (p.deleted || !p.after || ZERO.test(p.after)) return { kind: 'skip', reason: 'the push deleted the branch: nothing to judge' };
      // A new branch has no `before`: judge its last commit against its first parent.
      return commits(p.before && !ZERO.test(p.before) ? p.before : `${p.after}^`, p.after, 'push', undefined, p.ref, !p.before || ZERO.test(p.before));
    case 'workflow_dispatch': {
      const branch = p.repository?.default_branch;
      if (!branch) throw new InputError('workflow_dispatch: the event payload names no default branch to judge against');
      if (!opts.sha || !SHA.test(opts.sha)) throw new InputError('workflow_dispatch: GITHUB_SHA is not a commit');
      return { kind: 'commits', baseSha: `origin/${branch}`, headSha: opts.sha, baseRef: branch, headRef: opts.refName, label: 'workflow_dispatch' };
    }
    case 'deployment_status': {
      const sha = p.deployment?.sha;
      if (!sha || !SHA.test(sha)) throw new InputError('deployment_status: the event payload has no deployment.sha');
      return { kind: 'lookup', headSha: sha, label: `deployment_status (${p.deployment?.environment ?? 'deployment'}: ${p.deployment_status?.state ?? 'unknown'})` };
    }
    case 'check_run': {
      const run = p.check_run ?? {};
      if (run.name && opts.ownCheckNames.includes(run.name)) return { kind: 'skip', reason: `the check run "${run.name}" is this gate's own: not a reason to re-judge` };
      const pr = run.pull_requests?.find((x) => x.head?.sha === run.head_sha) ?? run.pull_requests?.[0];
      if (!pr) return { kind: 'skip', reason: `check run "${run.name ?? ''}" is on no pull request of this repository` };
      return { kind: 'pull-request', pullRequest: pullRequestFrom({ pull_request: { ...pr, base: { ...pr.base, repo: { full_name: opts.repository } }, head: { ...pr.head, repo: { full_name: opts.repository } } } }, opts.repository) };
    }
    default:
      throw new InputError(`configgate runs on ${JUDGED_EVENTS.join(', ')}, not "${eventName || 'an unknown event'}"`);
  }
}

function commits(base: string | undefined, head: string | undefined, label: string, baseRef?: string, headRef?: string, relative = false): EventTarget {
  const baseOk = base !== undefined && (SHA.test(base) || (relative && SHA.test(base.replace(/\^$/, ''))));
  if (!baseOk || !head || !SHA.test(head)) throw new InputError(`${label}: the event payload has no base and head commit`);
  return { kind: 'commits', baseSha: base!, headSha: head, ...(baseRef ? { baseRef } : {}), ...(headRef ? { headRef } : {}), label };
}

/** The ` ```configgate-rollout ` block of a pull request description: a plan the change carries there. */
export function planFromDescription(body: string | undefined): string | undefined {
  if (!body) return undefined;
  const match = /^(`{3,}|~{3,})[ \t]*configgate-rollout[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*$/m.exec(body);
  return match?.[2];
}

/** The change the run judges: a pull request (with its number and description) or two commits. */
export interface JudgedChange extends Omit<PullRequestContext, 'number'> {
  /** The pull request; undefined for merge_group, push and workflow_dispatch (no comment to write). */
  number?: number;
  body?: string;
  /** What asked for the run: `pull request #7`, `merge_group`, `deployment_status (canary: success)`. */
  label: string;
}

/** The change of an event target; a deployment's commit is looked up among the open pull requests. */
export async function resolveChange(
  target: EventTarget,
  repository: string,
  lookup: (sha: string) => Promise<{ pullRequest: PullRequestContext; body?: string } | undefined>,
): Promise<JudgedChange | { skip: string }> {
  switch (target.kind) {
    case 'skip':
      return { skip: target.reason };
    case 'pull-request':
      return { ...target.pullRequest, ...(target.body ? { body: target.body } : {}), label: `pull request #${target.pullRequest.number}` };
    case 'commits': {
      const { baseSha, headSha, baseRef, headRef, label } = target;
      return { baseSha, headSha, baseRef, headRef, baseRepo: repository, headRepo: repository, fork: false, label };
    }
    case 'lookup': {
      const found = await lookup(target.headSha);
      if (!found) return { skip: `${target.label}: commit ${target.headSha.slice(0, 12)} is the head of no open pull request` };
      return { ...found.pullRequest, ...(found.body ? { body: found.body } : {}), label: `pull request #${found.pullRequest.number}, re-judged on ${target.label}` };
    }
  }
}
