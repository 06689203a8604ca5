// GitHub evidence against the local server speaking GitHub's REST shapes: deployments and their
// statuses per environment, commit statuses by context, check runs by name; paginated; faults.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { githubEvidence } from '../../src/rollout/github.js';
import { parsePlanText } from '../../src/rollout/plan.js';
import { runCli } from '../../src/cli/run.js';
import { InputError } from '../../src/errors.js';
import { gitRepo, writeTree } from '../support/cli.js';
import { startGitHubServer, type GitHubServer } from '../support/github-server.js';

const SHA = 'a'.repeat(40);
const NOW = '2026-12-02T12:00:00Z';
const ago = (minutes: number): string => new Date(Date.parse(NOW) - minutes * 60_000).toISOString().replace('.000Z', 'Z');

const PLAN = parsePlanText(
  'rollout.yaml',
  [
    'stages:',
    '  - { name: canary, scope: { share: 1 }, bake: 1h, checks: [{ kind: deployment, name: canary }, { kind: check-run, name: canary-smoke }] }',
    '  - { name: early, scope: { share: 10 }, bake: 2h, checks: [{ kind: status, name: deploy/early }] }',
    '  - { name: all, scope: { share: 100 }, bake: 0m }',
    '',
  ].join('\n'),
);

let server: GitHubServer;
beforeAll(async () => {
  server = await startGitHubServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.deployments.length = 0;
  server.deploymentStatuses.clear();
  server.commitStatuses.clear();
});

const options = (extra = {}) => ({ apiUrl: server.url, token: 't0ken', repository: 'acme/config', sha: SHA, ...extra });

function deployment(id: number, environment: string, statuses: Array<{ state: string; minutesAgo: number; url?: string }>, sha = SHA) {
  server.deployments.push({ id, sha, ref: 'feature', environment, url: `${server.url}/repos/acme/config/deployments/${id}` });
  server.deploymentStatuses.set(
    id,
    statuses.map((s, i) => ({ id: id * 100 + i, state: s.state, created_at: ago(s.minutesAgo), ...(s.url ? { log_url: s.url } : {}) })),
  );
}

function checkRun(name: string, conclusion: string | null, minutesAgo: number, sha = SHA) {
  server.checkRuns.push({
    id: server.checkRuns.length + 1,
    name,
    head_sha: sha,
    status: conclusion === null ? 'in_progress' : 'completed',
    conclusion,
    started_at: ago(minutesAgo + 5),
    completed_at: conclusion === null ? null : ago(minutesAgo),
    html_url: `https://github.test/acme/config/runs/${name}`,
  });
}

describe('githubEvidence', () => {
  test('deployments, check runs and commit statuses become evidence for their stages', async () => {
    deployment(1, 'canary', [
      { state: 'success', minutesAgo: 300, url: 'https://ci.example/deploy/1' },
      { state: 'in_progress', minutesAgo: 310 },
    ]);
    deployment(2, 'canary', [{ state: 'inactive', minutesAgo: 200 }]);
    deployment(3, 'canary', [{ state: 'failure', minutesAgo: 10 }], 'b'.repeat(40)); // another commit: not ours
    checkRun('canary-smoke', 'success', 250);
    checkRun('lint', 'failure', 250);
    server.commitStatuses.set(SHA, [{ context: 'deploy/early', state: 'success', created_at: ago(150), updated_at: ago(150), target_url: 'https://ci.example/early' }]);
    const evidence = await githubEvidence(PLAN, options());
    expect(evidence).toEqual([
      { stage: 'canary', state: 'success', at: '2026-12-02T07:00:00.000Z', kind: 'deployment', name: 'canary', url: 'https://ci.example/deploy/1' },
      { stage: 'canary', state: 'pending', at: '2026-12-02T06:50:00.000Z', kind: 'deployment', name: 'canary' },
      { stage: 'canary', state: 'success', at: '2026-12-02T07:50:00.000Z', kind: 'check-run', name: 'canary-smoke', url: 'https://github.test/acme/config/runs/canary-smoke' },
      { stage: 'early', state: 'success', at: '2026-12-02T09:30:00.000Z', kind: 'status', name: 'deploy/early', url: 'https://ci.example/early' },
    ]);
    const deployments = server.calls('GET /repos/:owner/:repo/deployments');
    expect(deployments.map((r) => r.query)).toEqual([
      { sha: SHA, environment: 'canary', per_page: '100' },
      { sha: SHA, environment: 'all', per_page: '100' },
    ]);
    expect(server.calls('GET /repos/:owner/:repo/commits/:ref/check-runs')[0].query).toEqual({ check_name: 'canary-smoke', per_page: '100' });
    expect(server.requests.every((r) => r.headers.authorization === 'Bearer t0ken')).toBe(true);
  });

  test('a stage without checks reads deployments to the environment named like it', async () => {
    deployment(7, 'all', [{ state: 'success', minutesAgo: 5 }]);
    const evidence = await githubEvidence(PLAN, options());
    expect(evidence).toEqual([{ stage: 'all', state: 'success', at: '2026-12-02T11:55:00.000Z', kind: 'deployment', name: 'all' }]);
  });

  test('paginated: every page of statuses and check runs is read (per_page 100, Link rel="next")', async () => {
    const others = Array.from({ length: 230 }, (_, i) => ({ context: `ci/${i}`, state: 'success', created_at: ago(500), updated_at: ago(500) }));
    server.commitStatuses.set(SHA, [...others, { context: 'deploy/early', state: 'failure', created_at: ago(20), updated_at: ago(20) }]);
    for (let i = 0; i < 120; i++) checkRun('canary-smoke', i === 119 ? 'failure' : 'success', 400 - i);
    const evidence = await githubEvidence(PLAN, options());
    expect(evidence.filter((e) => e.kind === 'status')).toEqual([{ stage: 'early', state: 'failure', at: '2026-12-02T11:40:00.000Z', kind: 'status', name: 'deploy/early' }]);
    expect(evidence.filter((e) => e.kind === 'check-run')).toHaveLength(120);
    expect(server.calls('GET /repos/:owner/:repo/commits/:ref/statuses').map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3']);
    expect(server.calls('GET /repos/:owner/:repo/commits/:ref/check-runs').map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
  });

  test.each([
    ['a 5xx', { status: 503 }, 'GitHub evidence: GET /repos/acme/config/deployments: 503 Server Error'],
    ['a 403', { status: 403 }, 'GitHub evidence: GET /repos/acme/config/deployments: 403 Resource not accessible by integration (does the token have deployments: read, statuses: read and checks: read?)'],
    ['a rate limit', { rateLimit: true as const }, 'GitHub evidence: GET /repos/acme/config/deployments: 403 API rate limit exceeded for installation ID 1. (does the token have deployments: read, statuses: read and checks: read?)'],
    ['a hang', { hang: true as const }, 'GitHub evidence: GET /repos/acme/config/deployments: no answer within 0.3 s'],
  ])('%s is an error, never an empty answer', async (_name, fault, message) => {
    server.fault('GET /repos/:owner/:repo/deployments', fault);
    await expect(githubEvidence(PLAN, options({ timeoutMs: 300 }))).rejects.toThrow(new InputError(message));
  });

  test('a fault on the statuses list after good deployment answers is an error too', async () => {
    deployment(1, 'canary', [{ state: 'success', minutesAgo: 300 }]);
    server.fault('GET /repos/:owner/:repo/commits/:ref/statuses', { status: 502 }, 1);
    await expect(githubEvidence(PLAN, options())).rejects.toThrow(new InputError('GitHub evidence: GET /repos/acme/config/commits/' + SHA + '/statuses: 502 Server Error'));
    expect(server.calls('GET /repos/:owner/:repo/deployments/:id/statuses')).toHaveLength(1);
  });
});

describe('check --evidence github', () => {
  function change() {
    const { dir, git } = gitRepo();
    writeTree(dir, { 'flags.yaml': 'flags:\n  search: { enabled: false }\n' });
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'change');
    writeTree(dir, {
      'flags.yaml': 'flags:\n  search: { enabled: true }\n',
      '.configgate/rollout.yaml': 'stages:\n  - { name: canary, scope: { share: 1 }, bake: 1h }\n  - { name: early, scope: { share: 10 }, bake: 1h }\n  - { name: all, scope: { share: 100 }, bake: 0m }\n',
    });
    git('add', '-A');
    git('commit', '-q', '-m', 'change');
    return { dir, head: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim() };
  }

  async function check(dir: string, env: Record<string, string>) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['check', '--base', 'main', '--evidence', 'github', '--now', NOW, '--format', 'json'], {
      cwd: dir,
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      isTTY: false,
      env,
    });
    return { code, stderr, json: stdout ? JSON.parse(stdout) : undefined };
  }

  const env = () => ({ GITHUB_TOKEN: 't0ken', GITHUB_REPOSITORY: 'acme/config', GITHUB_API_URL: server.url });

  test('every stage deployed and baked: pass, with the head commit read from git', async () => {
    const { dir, head } = change();
    deployment(1, 'canary', [{ state: 'success', minutesAgo: 400, url: 'https://ci.example/1' }], head);
    deployment(2, 'early', [{ state: 'success', minutesAgo: 200 }], head);
    deployment(3, 'all', [{ state: 'success', minutesAgo: 5 }], head);
    const { code, json, stderr } = await check(dir, env());
    expect(stderr).toBe('');
    expect(json.verdict).toBe('pass');
    expect(code).toBe(0);
    expect(json.rollout.stages.map((s: { evidence: Array<{ kind: string }> }) => s.evidence.map((e) => e.kind))).toEqual([['deployment'], ['deployment'], ['deployment']]);
  });

  test('a 5xx never passes: exit 2, one line', async () => {
    const { dir } = change();
    server.fault('*', { status: 500 });
    const { code, stderr } = await check(dir, env());
    expect(code).toBe(2);
    expect(stderr).toBe('configgate: GitHub evidence: GET /repos/acme/config/deployments: 500 Server Error\n');
  });

  test.each([
    [{ GITHUB_REPOSITORY: 'acme/config' }, 'configgate: --evidence github: GITHUB_TOKEN is not set\n'],
    [{ GITHUB_TOKEN: 'x', GITHUB_REPOSITORY: 'acme' }, 'configgate: --evidence github: GITHUB_REPOSITORY must be owner/name, not "acme"\n'],
  ])('missing environment %j: one line, exit 2', async (partial, message) => {
    const { dir } = change();
    const { code, stderr } = await check(dir, partial);
    expect(code).toBe(2);
    expect(stderr).toBe(message);
  });
});
