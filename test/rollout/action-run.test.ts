// The Action's rollout parts in-process (test/action/harness.ts): the evidence input, merge_group,
// and the deployment_status / check_run events that re-judge a pull request without a new push.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP, OWNER, REPO, failures, pullRequestRepo, runAction, useGitHub } from '../action/harness.js';
import { tempDir } from '../support/cli.js';

const github = useGitHub();
const FULL = `${OWNER}/${REPO}`;
const PLAN = 'stages:\n  - { name: canary, scope: { share: 1 }, bake: 1h }\n  - { name: early, scope: { share: 10 }, bake: 1h }\n  - { name: all, scope: { share: 100 }, bake: 0m }\n';
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');

/** A pull request whose replicas change needs a rollout (team.replicas, level rollout), with a plan. */
function rolloutPullRequest() {
  const repo = pullRequestRepo();
  repo.push({ 'svc/app.yaml': APP.replace('replicas: 3', 'replicas: 6'), '.configgate/rollout.yaml': PLAN });
  return repo;
}

function deployAll(sha: string) {
  github.server.deployments.length = 0;
  github.server.deploymentStatuses.clear();
  ['canary', 'early', 'all'].forEach((environment, i) => {
    github.server.deployments.push({ id: 10 + i, sha, ref: 'feature', environment });
    github.server.deploymentStatuses.set(10 + i, [{ id: 100 + i, state: 'success', created_at: hoursAgo(6 - 2 * i), log_url: `https://ci.example/${environment}` }]);
  });
}

function event(payload: object): string {
  const path = join(tempDir('configgate-event-'), 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

describe('the Action and staged rollouts', () => {
  it('without evidence a needs-rollout fails the step, naming the next stage', async () => {
    const run = await runAction({ repo: rolloutPullRequest(), apiUrl: github.server.url, inputs: { comment: 'false', 'check-run': 'false' } });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('needs-rollout');
    expect(failures(run)[0].message).toMatch(/Next step: stage 1 of 3 \(canary, 1%\): pending, no evidence yet/);
  });

  it('evidence: github — every stage deployed and baked: pass, the summary links the evidence', async () => {
    const repo = rolloutPullRequest();
    deployAll(repo.head);
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { evidence: 'github', comment: 'false', 'check-run': 'false' } });
    expect(failures(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.summary).toContain('staged rollout complete');
    expect(run.summary).toContain('([link](https://ci.example/early))');
    expect(github.server.calls('GET /repos/:owner/:repo/deployments').every((r) => r.query.sha === repo.head)).toBe(true);
  });

  it('evidence: github on a 503 fails the step (never a pass)', async () => {
    const repo = rolloutPullRequest();
    deployAll(repo.head);
    github.server.fault('GET /repos/:owner/:repo/deployments', { status: 503 });
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { evidence: 'github', comment: 'false', 'check-run': 'false' }, env: { CONFIGGATE_API_TIMEOUT_MS: '2000' } });
    expect(run.code).toBe(1);
    expect(failures(run)[0].message).toBe('configgate: GitHub evidence: GET /repos/acme/platform-config/deployments: 503 Server Error');
  });

  it('deployment_status re-judges the pull request whose head was deployed, and comments on it', async () => {
    const repo = rolloutPullRequest();
    deployAll(repo.head);
    github.server.pulls.set(5, {
      number: 5,
      state: 'open',
      body: 'Doubles the replicas.',
      base: { sha: repo.base, ref: 'main', repo: { full_name: FULL } },
      head: { sha: repo.head, ref: 'feature', repo: { full_name: FULL } },
    });
    const path = event({ deployment: { sha: repo.head, environment: 'all' }, deployment_status: { state: 'success' }, repository: { full_name: FULL } });
    const run = await runAction({ repo, apiUrl: github.server.url, eventName: 'deployment_status', inputs: { evidence: 'github', 'check-run': 'false' }, env: { GITHUB_EVENT_PATH: path } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('configgate: pull request #5, re-judged on deployment_status (all: success)');
    expect(github.server.comments.map((c) => c.issue)).toEqual([5]);
    expect(github.server.comments[0].body).toContain('configgate: pass');
  });

  it('check_run of another check re-judges its pull request; this gate\'s own check run is skipped', async () => {
    const repo = rolloutPullRequest();
    const pr = { number: 3, base: { sha: repo.base, ref: 'main' }, head: { sha: repo.head, ref: 'feature' } };
    const other = await runAction({
      repo,
      apiUrl: github.server.url,
      eventName: 'check_run',
      inputs: { comment: 'false', 'check-run': 'false' },
      env: { GITHUB_EVENT_PATH: event({ check_run: { name: 'canary-smoke', head_sha: repo.head, pull_requests: [pr] } }) },
    });
    expect(other.outputs.verdict).toBe('needs-rollout');
    expect(other.stdout).toContain('configgate: pull request #3, base');
    const own = await runAction({
      repo,
      apiUrl: github.server.url,
      eventName: 'check_run',
      env: { GITHUB_EVENT_PATH: event({ check_run: { name: 'configgate', head_sha: repo.head, pull_requests: [pr] } }) },
    });
    expect(own.code).toBe(0);
    expect(own.outputs.verdict).toBeUndefined();
    expect(own.stdout).toContain('the check run "configgate" is this gate\'s own: not a reason to re-judge');
  });

  it('merge_group judges the queue commit against its base: a check run, no comment', async () => {
    const repo = rolloutPullRequest();
    const path = event({ merge_group: { base_sha: repo.base, head_sha: repo.head, base_ref: 'refs/heads/main', head_ref: 'refs/heads/gh-readonly-queue/main/pr-3' } });
    const run = await runAction({ repo, apiUrl: github.server.url, eventName: 'merge_group', env: { GITHUB_EVENT_PATH: path } });
    expect(run.outputs.verdict).toBe('needs-rollout');
    expect(run.stdout).toContain('merge_group is no pull request: no comment');
    expect(github.server.comments).toEqual([]);
    expect(github.server.checkRuns.map((r) => r.head_sha)).toEqual([repo.head]);
  });

  it('a plan in the pull request description is used when the change has no plan file', async () => {
    const repo = pullRequestRepo();
    repo.push({ 'svc/app.yaml': APP.replace('replicas: 3', 'replicas: 6') });
    const path = event({
      pull_request: {
        number: 9,
        body: 'Scale up.\n\n```configgate-rollout\nstages:\n  - { name: half, scope: { share: 50 }, bake: 1h }\n  - { name: all, scope: { share: 100 }, bake: 0m }\n```\n',
        base: { sha: repo.base, ref: 'main', repo: { full_name: FULL } },
        head: { sha: repo.head, ref: 'feature', repo: { full_name: FULL } },
      },
    });
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { comment: 'false', 'check-run': 'false' }, env: { GITHUB_EVENT_PATH: path } });
    expect(run.outputs.verdict).toBe('block');
    expect(run.summary).toContain('rollout.plan-limits');
    expect(run.summary).toContain('pull request #9 description (configgate-rollout)');
  });
});
