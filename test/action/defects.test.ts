// Issue #10, items 6, 7, 8 and 17: the Action failed open. Each test is named after its defect and runs
// the real Action (run(), @actions/core) on real git checkouts against the local GitHub.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gitRepo, tempDir, writeTree } from '../support/cli.js';
import { CheckRunIncomplete, renderCheckRun, sendCheckRun } from '../../src/action/check-run.js';
import { createClient } from '../../src/action/octokit.js';
import { result } from './results.js';
import {
  APP,
  CONFIG,
  OWNER,
  REPO,
  pullRequestOn,
  pullRequestRepo,
  runAction,
  useGitHub,
  failures,
  type ActionRun,
  type PullRequestRepo,
} from './harness.js';

const CREATE = 'POST /repos/:owner/:repo/issues/:number/comments' as const;
const UPDATE = 'PATCH /repos/:owner/:repo/issues/comments/:id' as const;
const CHECK_CREATE = 'POST /repos/:owner/:repo/check-runs' as const;
const CHECK_UPDATE = 'PATCH /repos/:owner/:repo/check-runs/:id' as const;

const github = useGitHub();

const report = (run: ActionRun) =>
  JSON.parse(readFileSync(run.outputs.report, 'utf8')) as { verdict: string; findings: Array<Record<string, unknown>> };
const notices = (run: ActionRun) => run.commands.filter((c) => c.command === 'notice' && !c.props.file).map((c) => c.message);

/** A repository whose base commit holds `base` and no gate config unless given; the PR branch checked out. */
function repoWith(base: Record<string, string>): PullRequestRepo {
  const { dir, git } = gitRepo();
  writeTree(dir, base);
  git('add', '-A');
  git('commit', '-qm', 'base');
  const baseSha = git('rev-parse', 'HEAD').trim();
  git('checkout', '-qb', 'feature');
  return pullRequestOn(dir, git, baseSha);
}

describe('defect 6: the Action fails open on the trusted config', () => {
  it('defect 6: a base without a config is judged by the defaults, and the log and the summary say so', async () => {
    const repo = repoWith({ 'svc/app.yaml': APP });
    repo.push({ 'svc/app.yaml': APP.replace('description: the app', 'description: the app, reworded') });
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { comment: 'false', 'check-run': 'false' } });
    expect(run.code).toBe(0);
    const said = `The base commit ${repo.base.slice(0, 7)} has no .configgate.yml or .configgate.yaml: the change was judged by the built-in defaults.`;
    expect(notices(run)).toContain(`configgate: ${said}`);
    expect(run.summary).toContain(`> [!NOTE]\n> ${said}`);
  });

  it('defect 6: a config blob missing from a partial clone fails the step instead of meaning the defaults', async () => {
    const origin = pullRequestRepo();
    origin.push({ 'svc/new.yaml': 'name: new\nlogLevel: debug\n' }, 'add a service');
    // The base branch moves on and tightens its config: that blob is in no tree the head checks out.
    origin.git('checkout', '-q', 'main');
    writeTree(origin.dir, { '.configgate.yml': `${CONFIG}rules:\n  team.owner: block\n` });
    origin.git('commit', '-qam', 'tighten the gate');
    const base = origin.git('rev-parse', 'HEAD').trim();
    origin.git('checkout', '-q', 'feature');
    origin.git('config', 'uploadpack.allowFilter', 'true');
    const clone = tempDir('configgate-partial-');
    execFileSync('git', ['clone', '-q', '--filter=blob:none', '--no-checkout', `file://${origin.dir}`, clone]);
    execFileSync('git', ['checkout', '-q', origin.head], { cwd: clone });
    // The promisor remote is gone (a runner that cannot reach it): the base's blob cannot be fetched.
    execFileSync('git', ['remote', 'set-url', 'origin', `file://${tempDir('configgate-gone-')}/nothing`], { cwd: clone });
    const run = await runAction({ repo: { ...origin, base, dir: clone }, apiUrl: github.server.url, inputs: { comment: 'false', 'check-run': 'false' } });
    expect(run.code).toBe(1);
    expect(failures(run)).toHaveLength(1);
    expect(failures(run)[0].message).toMatch(
      new RegExp(`^configgate: \\.configgate\\.yml: the base commit ${base.slice(0, 7)} has this config but it could not be read \\(.+\\); the gate fails rather than judge by the defaults`),
    );
    expect(run.outputs.verdict).toBeUndefined();
  });

  it('defect 6: a config input the base commit lacks fails the step', async () => {
    const repo = pullRequestRepo();
    repo.push({ 'svc/app.yaml': APP.replace('owner: team-a', 'owner: team-b') });
    const run = await runAction({
      repo,
      apiUrl: github.server.url,
      inputs: { comment: 'false', 'check-run': 'false', config: 'gate/strict.yml' },
    });
    expect(run.code).toBe(1);
    expect(failures(run)[0].message).toBe(
      `configgate: gate/strict.yml: config file not found in the base commit ${repo.base.slice(0, 7)} (input config)`,
    );
  });
});

describe('defect 7: the workflow could loosen the gate that judges it', () => {
  it('defect 7: a fail-on input looser than the base threshold is ignored, and the log and summary say so', async () => {
    const repo = pullRequestRepo();
    repo.push({ 'svc/app.yaml': APP.replace('replicas: 3', 'replicas: 6') });
    const run = await runAction({
      repo,
      apiUrl: github.server.url,
      inputs: { comment: 'false', 'check-run': 'false', 'fail-on': 'never' },
    });
    expect(run.code).toBe(1);
    expect(failures(run)[0].message).toMatch(/^configgate: needs-rollout — .*\(fail-on: rollout\)/);
    const said =
      "The fail-on input (never) is looser than the base commit's threshold (rollout) and was ignored: an input may only tighten it; set failOn in the base branch's .configgate.yml to loosen it.";
    expect(notices(run)).toContain(`configgate: ${said}`);
    expect(run.summary).toContain(said);
  });

  it('defect 7: a fail-on input looser than the base config failOn is ignored; a stricter one applies', async () => {
    const repo = pullRequestRepo({ '.configgate.yml': `${CONFIG}failOn: warn\n` });
    repo.push({ 'svc/app.yaml': APP.replace('owner: team-a', 'owner: team-b') });
    const loose = await runAction({
      repo,
      apiUrl: github.server.url,
      inputs: { comment: 'false', 'check-run': 'false', 'fail-on': 'block' },
    });
    expect(loose.code).toBe(1);
    expect(failures(loose)[0].message).toBe('configgate: warn — 0 blocking, 0 needs rollout, 1 warning (fail-on: warn)');

    const lenientBase = pullRequestRepo({ '.configgate.yml': `${CONFIG}failOn: never\n` });
    lenientBase.push({ 'svc/app.yaml': APP.replace('owner: team-a', 'owner: team-b') });
    const strict = await runAction({
      repo: lenientBase,
      apiUrl: github.server.url,
      inputs: { comment: 'false', 'check-run': 'false', 'fail-on': 'warn' },
    });
    expect(strict.code).toBe(1);
    expect(notices(strict).filter((n) => n.includes('fail-on'))).toEqual([]);
  });

  it('defect 7: a change to a workflow that runs configgate is reported as gate.policy-change', async () => {
    const workflow = (failOn: string) =>
      `on: pull_request\njobs:\n  gate:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: acme/configgate@v1\n        with:\n          fail-on: ${failOn}\n`;
    const other = 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';
    const repo = pullRequestRepo({ '.github/workflows/gate.yml': workflow('rollout'), '.github/workflows/test.yml': other });
    repo.push({
      '.github/workflows/gate.yml': workflow('never'),
      '.github/workflows/test.yml': `${other}# tweak\n`,
      'svc/app.yaml': APP.replace('description: the app', 'description: reworded'),
    });
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { 'check-run': 'false' } });
    const gate = report(run).findings.filter((f) => f.policy === 'gate.policy-change');
    expect(gate).toEqual([
      expect.objectContaining({
        policy: 'gate.policy-change',
        messageId: 'workflow-change',
        level: 'warn',
        file: '.github/workflows/gate.yml',
        line: 1,
      }),
    ]);
    expect(run.outputs.verdict).toBe('warn');
    expect(run.commands.find((c) => c.command === 'warning' && c.props.file === '.github/workflows/gate.yml')).toBeDefined();
    expect((github.server.calls(CREATE)[0].body as { body: string }).body).toContain('.github/workflows/gate.yml');
  });

  it("defect 7: the base config's level for gate.policy-change applies to a workflow change", async () => {
    const workflow = 'jobs:\n  gate:\n    uses: acme/configgate/.github/workflows/gate.yml@v1\n';
    const repo = pullRequestRepo({
      '.configgate.yml': `${CONFIG}rules:\n  gate.policy-change: block\n`,
      '.github/workflows/gate.yaml': workflow,
    });
    repo.push({ '.github/workflows/gate.yaml': `${workflow}# removed a job\n` });
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { comment: 'false', 'check-run': 'false' } });
    expect(run.code).toBe(1);
    expect(report(run).findings).toEqual([
      expect.objectContaining({ policy: 'gate.policy-change', level: 'block', file: '.github/workflows/gate.yaml' }),
    ]);
  });
});

describe('defect 8: a stale pass in the sticky comment', () => {
  it('defect 8: after a pass, a push that makes the gate error updates the sticky comment to say the change was not judged', async () => {
    const origin = pullRequestRepo();
    origin.push({ 'svc/app.yaml': APP.replace('description: the app', 'description: reworded') });
    const pass = await runAction({ repo: origin, apiUrl: github.server.url, number: 8, inputs: { 'check-run': 'false' } });
    expect(pass.code).toBe(0);
    expect(github.server.comments[0].body).toMatch(/^<!-- configgate:default -->\n### ✅ configgate: pass/);

    // The next push is checked out shallow and the API cannot serve the pull request: no verdict.
    origin.push({ 'svc/app.yaml': APP.replace('logLevel: info', 'logLevel: debug') });
    const shallow = tempDir('configgate-shallow-');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin.dir}`, shallow]);
    const broken = await runAction({
      repo: { ...origin, dir: shallow },
      apiUrl: github.server.url,
      number: 8,
      inputs: { 'check-run': 'false' },
    });
    expect(broken.code).toBe(1);
    expect(broken.outputs.verdict).toBeUndefined();
    expect(github.server.calls(UPDATE)).toHaveLength(1);
    expect(github.server.comments).toHaveLength(1);
    const body = github.server.comments[0].body;
    expect(body).toMatch(/^<!-- configgate:default -->\n### ❗ configgate: not judged — the change could not be judged\n/);
    // The first read that fails: the base commit's file tree (where its configs are found), unknown to this GitHub.
    expect(body).toMatch(/\n> configgate: cannot read the pull request through the GitHub API: the file tree of [0-9a-f]{7}: GitHub answered 404/);
    expect(body).not.toContain('✅');
  });
});

describe('defect 17: 20,000 findings', () => {
  it('defect 17: 20,000 findings are batched within the limits, and the comment and check run say how much they show', async () => {
    const N = 20_000;
    // A map, not a list: the routing analyzer is quadratic in a list's length (reported separately).
    const list = (level: string) => `services:\n${Array.from({ length: N }, (_, i) => `  s${i}:\n    logLevel: ${level}\n`).join('')}`;
    const repo = pullRequestRepo({ 'svc/fleet.yaml': list('info') });
    repo.push({ 'svc/fleet.yaml': list('debug') });
    // GitHub throttles the check run's writes once: the throttling plugin waits for the reset.
    github.server.fault(CHECK_UPDATE, { rateLimit: true, resetInSeconds: 1 }, 1);
    const run = await runAction({ repo, apiUrl: github.server.url, number: 17 });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'block', blocking: String(N), findings: String(N) });

    const check = github.server.checkRuns[0] as { output: { summary: string; annotations: unknown[] } };
    expect(check.output.annotations).toHaveLength(1_000);
    expect(github.server.calls(CHECK_CREATE)).toHaveLength(1);
    expect(github.server.calls(CHECK_UPDATE).filter((r) => r.status === 200)).toHaveLength(19);
    for (const call of github.server.calls(CHECK_UPDATE))
      expect(((call.body as { output: { annotations?: unknown[] } }).output.annotations ?? []).length).toBeLessThanOrEqual(50);
    expect(Buffer.byteLength(check.output.summary, 'utf8')).toBeLessThanOrEqual(65_535);
    expect(check.output.summary).toContain('This check run annotates 1,000 of 20,000 findings in files, most severe first');

    const comment = (github.server.calls(CREATE)[0].body as { body: string }).body;
    expect(comment.length).toBeLessThanOrEqual(65_536);
    expect(comment).toMatch(/_\+19,9\d\d more findings \(this table shows \d+ of 20,000; the JSON report has them all\)_/);
    expect(run.commands.find((c) => c.command === 'notice' && c.props.title === 'configgate: more findings')?.message).toMatch(
      /^19990 more findings are not annotated/,
    );
    expect(report(run).findings).toHaveLength(N);
    expect(github.server.requests.length).toBeLessThan(40);
  }, 120_000);

  it('defect 17: when the time budget for annotations is spent, the check run stops and says how many arrived', async () => {
    const judged = result(Array.from({ length: 300 }, (_, i) => ({ level: 'block' as const, file: 'svc/a.yaml', line: i + 1 })));
    const plan = renderCheckRun(judged, { instance: 'default', headSha: 'a'.repeat(40) });
    expect(plan.annotations).toBe(300);
    const client = createClient('ghs_test', { baseUrl: github.server.url, backoffMs: 5 });
    const sent = sendCheckRun(client, { owner: OWNER, repo: REPO }, plan, 0);
    await expect(sent).rejects.toBeInstanceOf(CheckRunIncomplete);
    await expect(sent).rejects.toMatchObject({ outcome: { annotated: 50 }, total: 300 });
    const check = github.server.checkRuns[0] as { output: { summary: string; annotations: unknown[] } };
    expect(check.output.annotations).toHaveLength(50);
    expect(check.output.summary).toContain(
      'This check run annotates 50 of 300 findings in files, most severe first (the GitHub API deadline was reached)',
    );
    expect(github.server.calls(CHECK_UPDATE)).toHaveLength(1);
  });
});
