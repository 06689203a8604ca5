// The Action's rollout parts: which change each event judges, the plan in a pull request's
// description, the evidence input, and the pull request a deployment's commit belongs to.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventTarget, planFromDescription } from '../../src/action/events.js';
import { evidenceFromInput, planFromPullRequest, pullRequestForCommit } from '../../src/action/evidence.js';
import { createClient } from '../../src/action/octokit.js';
import { InputError } from '../../src/errors.js';
import { startGitHubServer, type GitHubServer } from '../support/github-server.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const OPTS = { repository: 'acme/config', sha: B, refName: 'feature', ownCheckNames: ['configgate'] };

describe('eventTarget', () => {
  test.each([
    {
      event: 'pull_request',
      payload: { pull_request: { number: 7, body: 'hello', base: { sha: A, ref: 'main', repo: { full_name: 'acme/config' } }, head: { sha: B, ref: 'f', repo: { full_name: 'acme/config' } } } },
      target: { kind: 'pull-request', body: 'hello', pullRequest: { number: 7, baseSha: A, headSha: B, baseRef: 'main', headRef: 'f', baseRepo: 'acme/config', headRepo: 'acme/config', fork: false } },
    },
    {
      event: 'merge_group',
      payload: { merge_group: { base_sha: A, head_sha: B, base_ref: 'refs/heads/main', head_ref: 'refs/heads/gh-readonly-queue/main/pr-7' } },
      target: { kind: 'commits', baseSha: A, headSha: B, baseRef: 'refs/heads/main', headRef: 'refs/heads/gh-readonly-queue/main/pr-7', label: 'merge_group' },
    },
    { event: 'push', payload: { before: A, after: B, ref: 'refs/heads/main' }, target: { kind: 'commits', baseSha: A, headSha: B, headRef: 'refs/heads/main', label: 'push' } },
    { event: 'push', payload: { before: '0'.repeat(40), after: B, ref: 'refs/heads/new' }, target: { kind: 'commits', baseSha: `${B}^`, headSha: B, headRef: 'refs/heads/new', label: 'push' } },
    { event: 'push', payload: { before: A, after: '0'.repeat(40), deleted: true }, target: { kind: 'skip', reason: 'the push deleted the branch: nothing to judge' } },
    {
      event: 'workflow_dispatch',
      payload: { repository: { default_branch: 'main' } },
      target: { kind: 'commits', baseSha: 'origin/main', headSha: B, baseRef: 'main', headRef: 'feature', label: 'workflow_dispatch' },
    },
    {
      event: 'deployment_status',
      payload: { deployment: { sha: B, environment: 'canary' }, deployment_status: { state: 'success' } },
      target: { kind: 'lookup', headSha: B, label: 'deployment_status (canary: success)' },
    },
    {
      event: 'check_run',
      payload: { check_run: { name: 'canary-smoke', head_sha: B, pull_requests: [{ number: 7, base: { sha: A, ref: 'main' }, head: { sha: B, ref: 'f' } }] } },
      target: { kind: 'pull-request', pullRequest: { number: 7, baseSha: A, headSha: B, baseRef: 'main', headRef: 'f', baseRepo: 'acme/config', headRepo: 'acme/config', fork: false } },
    },
    {
      event: 'check_run',
      payload: { check_run: { name: 'configgate', head_sha: B, pull_requests: [{ number: 7, base: { sha: A }, head: { sha: B } }] } },
      target: { kind: 'skip', reason: 'the check run "configgate" is this gate\'s own: not a reason to re-judge' },
    },
    { event: 'check_run', payload: { check_run: { name: 'lint', head_sha: B, pull_requests: [] } }, target: { kind: 'skip', reason: 'check run "lint" is on no pull request of this repository' } },
  ])('$event → $target.kind', ({ event, payload, target }) => {
    expect(eventTarget(event, payload, OPTS)).toEqual(target);
  });

  test.each([
    ['issues', {}, 'configgate runs on pull_request, pull_request_target, merge_group, push, workflow_dispatch, deployment_status, check_run, not "issues"'],
    ['merge_group', { merge_group: { base_sha: A } }, 'merge_group: the event payload has no base and head commit'],
    ['deployment_status', { deployment: {} }, 'deployment_status: the event payload has no deployment.sha'],
    ['workflow_dispatch', {}, 'workflow_dispatch: the event payload names no default branch to judge against'],
  ])('%s with a bad payload: one line', (event, payload, message) => {
    expect(() => eventTarget(event, payload, OPTS)).toThrow(new InputError(message));
  });
});

describe('a plan in the pull request description', () => {
  test.each([
    ['fenced block', 'Rolls out search.\n\n```configgate-rollout\nstages:\n  - { name: canary, scope: { share: 1 }, bake: 1h }\n```\n\nThanks', 'stages:\n  - { name: canary, scope: { share: 1 }, bake: 1h }'],
    ['tilde fence, CRLF', 'x\r\n~~~ configgate-rollout\r\nstages: []\r\n~~~\r\n', 'stages: []'],
    ['another language', '```yaml\nstages: []\n```', undefined],
    ['no description', undefined, undefined],
  ])('%s', (_name, body, plan) => {
    expect(planFromDescription(body)).toBe(plan);
  });

  test('becomes the run options plan, named after the pull request', () => {
    expect(planFromPullRequest(7, '```configgate-rollout\nstages: []\n```')).toEqual({ rolloutPlan: { source: 'pull request #7 description (configgate-rollout)', text: 'stages: []' } });
    expect(planFromPullRequest(7, 'no plan')).toEqual({});
  });
});

describe('the evidence input', () => {
  const ctx = { token: 't', apiUrl: 'https://ghe.example/api/v3', repository: 'acme/config', headSha: B, workspace: '/ws' };
  test('empty: no evidence; a path: a workspace file; github: a reader', () => {
    expect(evidenceFromInput('', ctx)).toEqual({});
    expect(evidenceFromInput('out/evidence.json', ctx)).toEqual({ evidence: { kind: 'file', path: '/ws/out/evidence.json' } });
    expect(evidenceFromInput('github', ctx).evidence?.kind).toBe('reader');
    expect(() => evidenceFromInput('github', { ...ctx, token: '' })).toThrow(/no github-token/);
  });
});

describe('pullRequestForCommit (deployment_status)', () => {
  let server: GitHubServer;
  beforeAll(async () => {
    server = await startGitHubServer();
  });
  afterAll(() => server.close());

  test('the open pull request whose head is the deployed commit', async () => {
    const pr = (number: number, state: string, head: string) => ({
      number,
      state,
      body: `pr ${number}\n\`\`\`configgate-rollout\nstages: []\n\`\`\``,
      base: { sha: A, ref: 'main', repo: { full_name: 'acme/config' } },
      head: { sha: head, ref: `f${number}`, repo: { full_name: 'acme/config' } },
    });
    server.pulls.set(1, pr(1, 'closed', B));
    server.pulls.set(2, pr(2, 'open', B));
    server.pulls.set(3, pr(3, 'open', 'c'.repeat(40)));
    const client = createClient('t0ken', { baseUrl: server.url, retries: 0 });
    const found = await pullRequestForCommit(client, 'acme/config', B);
    expect(found?.pullRequest).toMatchObject({ number: 2, baseSha: A, headSha: B, fork: false });
    expect(found?.body).toContain('configgate-rollout');
    expect(await pullRequestForCommit(client, 'acme/config', 'd'.repeat(40))).toBeUndefined();
  });
});
