// The Action's rollout parts: the `evidence` input (github, or an evidence file a previous step
// wrote), the plan in a pull request's description, and the pull request a deployment's commit
// belongs to (deployment_status re-judges it).
import { resolve } from 'node:path';
import type { RunOptions } from '../run.js';
import { InputError } from '../errors.js';
import { githubEvidence } from '../rollout/github.js';
import { pullRequestFrom, type PullRequestContext } from './context.js';
import { planFromDescription } from './events.js';
import type { GitHubClient } from './octokit.js';

export interface EvidenceContext {
  token: string;
  apiUrl: string;
  /** `owner/name`. */
  repository: string;
  /** The commit the stages deployed: the pull request's head. */
  headSha: string;
  workspace: string;
}

/** `evidence: github` reads deployments, statuses and check runs of the head; any other value is an evidence file (workspace-relative). */
export function evidenceFromInput(input: string | undefined, ctx: EvidenceContext): Pick<RunOptions, 'evidence'> {
  if (!input) return {};
  if (input !== 'github') return { evidence: { kind: 'file', path: resolve(ctx.workspace, input) } };
  if (!ctx.token) throw new InputError('input evidence is github, but there is no github-token (it needs deployments: read, statuses: read, checks: read)');
  return { evidence: { kind: 'reader', read: (plan, sha) => githubEvidence(plan, { apiUrl: ctx.apiUrl, token: ctx.token, repository: ctx.repository, sha: sha ?? ctx.headSha }) } };
}

/** The plan of a pull request description's `configgate-rollout` block, for the run options. */
export function planFromPullRequest(number: number, body: string | undefined): Pick<RunOptions, 'rolloutPlan'> {
  const text = planFromDescription(body);
  return text === undefined ? {} : { rolloutPlan: { source: `pull request #${number} description (configgate-rollout)`, text } };
}

/** The open pull request whose head is `sha` (a deployment's commit), with its description; undefined when none. */
export async function pullRequestForCommit(
  client: GitHubClient,
  repository: string,
  sha: string,
): Promise<{ pullRequest: PullRequestContext; body?: string } | undefined> {
  const [owner, repo] = repository.split('/');
  const pulls = await client.paginate(client.rest.repos.listPullRequestsAssociatedWithCommit, { owner, repo, commit_sha: sha, per_page: 100 });
  const pr = pulls.find((p) => p.state === 'open' && p.head.sha === sha);
  if (!pr) return undefined;
  const pullRequest = pullRequestFrom({ pull_request: pr, repository: { full_name: repository } }, repository);
  return { pullRequest, ...(pr.body ? { body: pr.body } : {}) };
}
