// The check run: one completed run on the pull request's head commit, its conclusion from the
// verdict, the job summary as its summary, an annotation per unwaived finding (50 per request).
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model.js';
import { checkAnnotations, checkConclusion, checkRunName, checkSummary, MAX_SUMMARY_BYTES, renderCheckRun } from '../../src/action/check-run.js';
import { renderMarkdown } from '../../src/report/index.js';
import { APP, CONFIG, pullRequestRepo, runAction, type ActionRun, useGitHub, failures, warningCommands } from './harness.js';
import { result } from './results.js';

const CREATE = 'POST /repos/:owner/:repo/check-runs' as const;
const UPDATE = 'PATCH /repos/:owner/:repo/check-runs/:id' as const;
const COMMENT = 'POST /repos/:owner/:repo/issues/:number/comments' as const;

interface SentAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: string;
  title: string;
  message: string;
}
interface SentCheckRun {
  name: string;
  head_sha: string;
  status: string;
  conclusion: string;
  output: { title: string; summary: string; annotations?: SentAnnotation[] };
}

const github = useGitHub();

const warnings = (run: ActionRun) => warningCommands(run).map((c) => c.message);
const created = (i = 0) => github.server.calls(CREATE)[i].body as SentCheckRun;
const verdictOf = (run: ActionRun) => run.stdout.split('\n').find((l) => /^(::error::)?configgate: (pass|warn|needs-rollout|block) — /.test(l))?.replace(/^::error::/, '');

function blockedRepo() {
  const repo = pullRequestRepo();
  repo.push({ 'svc/app.yaml': APP.replace('logLevel: info', 'logLevel: debug') }, 'debug logging');
  return repo;
}

/** 40 files, each with a block, a rollout and a warn finding: 120 findings. */
function manyFindingsRepo() {
  const names = Array.from({ length: 40 }, (_, i) => `svc/app${String(i).padStart(2, '0')}.yaml`);
  const repo = pullRequestRepo(Object.fromEntries(names.map((n) => [n, APP])));
  repo.push(Object.fromEntries(names.map((n) => [n, APP.replace('logLevel: info', 'logLevel: debug').replace('replicas: 3', 'replicas: 4').replace('owner: team-a', 'owner: team-b')])));
  return repo;
}

describe('the check run', () => {
  it('block: one completed run on the head sha, conclusion failure, the verdict line as title, the summary, an annotation on the line', async () => {
    const repo = blockedRepo();
    const run = await runAction({ repo, apiUrl: github.server.url, number: 7, inputs: { comment: 'false' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');

    expect(github.server.calls(CREATE)).toHaveLength(1);
    expect(github.server.calls(UPDATE)).toHaveLength(0);
    const call = github.server.calls(CREATE)[0];
    expect(call.path).toBe('/repos/acme/platform-config/check-runs');
    expect(call.headers.authorization).toMatch(/ghs_localtesttoken/);
    expect(call.status).toBe(201);
    const body = created();
    expect(body).toMatchObject({ name: 'configgate', head_sha: repo.head, status: 'completed', conclusion: 'failure' });
    expect(body.head_sha).not.toBe(repo.base);
    expect(body.output.title).toBe(failures(run)[0].message);
    expect(body.output.title).toMatch(/^configgate: block — 1 blocking, 0 needs rollout, 0 warnings \(fail-on: rollout\)$/);
    // the same Markdown as the job summary
    expect(body.output.summary.trimEnd()).toBe(run.summary.trimEnd());
    expect(body.output.annotations).toEqual([
      {
        path: 'svc/app.yaml',
        start_line: 2,
        end_line: 2,
        start_column: 1,
        end_column: 1,
        annotation_level: 'failure',
        title: 'configgate block: team.log-level',
        message: expect.stringMatching(/^log level raised to debug/),
      },
    ]);
    expect(run.stdout).toMatch(/check run "configgate" failure with 1 annotation/);
    expect(warnings(run)).toEqual([]);
  });

  it('is named after the instance', async () => {
    await runAction({ repo: blockedRepo(), apiUrl: github.server.url, inputs: { comment: 'false', instance: 'prod' } });
    expect(created().name).toBe('configgate (prod)');
    expect(created().output.summary).toContain('<!-- configgate:prod -->');
  });

  it('120 findings: the create carries 50 annotations, two updates append 50 and 20', async () => {
    const repo = manyFindingsRepo();
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { comment: 'false' } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'block', blocking: '40', rollout: '40', warnings: '40' });

    expect(github.server.calls(CREATE)).toHaveLength(1);
    expect(created().output.annotations).toHaveLength(50);
    const updates = github.server.calls(UPDATE);
    expect(updates.map((u) => (u.body as SentCheckRun).output.annotations?.length)).toEqual([50, 20]);
    const stored = github.server.checkRuns[0];
    for (const u of updates) {
      expect(u.path).toBe(`/repos/acme/platform-config/check-runs/${stored.id}`);
      expect(u.status).toBe(200);
      // title and summary are required on every output; the same ones each time
      expect((u.body as SentCheckRun).output).toMatchObject({ title: created().output.title, summary: created().output.summary });
    }
    const all = (stored.output as { annotations: SentAnnotation[] }).annotations;
    expect(all).toHaveLength(120);
    const levels = all.map((a) => a.annotation_level);
    expect(levels.filter((l) => l === 'failure')).toHaveLength(80);
    expect(levels.filter((l) => l === 'warning')).toHaveLength(40);
    // most severe first: blocks, then rollouts, then warnings
    expect(all[0].title).toBe('configgate block: team.log-level');
    expect(all[40].title).toBe('configgate rollout: team.replicas');
    expect(all[119]).toMatchObject({ path: 'svc/app39.yaml', start_line: 4, annotation_level: 'warning', title: 'configgate warn: team.owner' });
    expect(new Set(all.map((a) => `${a.path}:${a.start_line}`)).size).toBe(120);
    expect(run.stdout).toMatch(/check run "configgate" failure with 120 annotations/);
    // the step's own annotations stay capped at 10 of each kind
    expect(run.commands.filter((c) => c.props.file)).toHaveLength(20);
  });

  it('pass: conclusion success, no annotations', async () => {
    const repo = pullRequestRepo();
    repo.push({ 'svc/app.yaml': APP.replace('the app', 'the app, described') });
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { comment: 'false' } });
    expect(run.code).toBe(0);
    expect(created()).toMatchObject({ conclusion: 'success', head_sha: repo.head });
    expect(created().output.title).toMatch(/^configgate: pass — 0 blocking/);
    expect(created().output.annotations ?? []).toEqual([]);
  });

  it('warn: conclusion neutral with a warning annotation; failure when fail-on: warn', async () => {
    const repo = pullRequestRepo();
    repo.push({ 'svc/app.yaml': APP.replace('owner: team-a', 'owner: team-b') });
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { comment: 'false' } });
    expect(run.code).toBe(0);
    expect(created()).toMatchObject({ conclusion: 'neutral' });
    expect(created().output.title).toBe(verdictOf(run));
    expect(created().output.annotations).toEqual([expect.objectContaining({ path: 'svc/app.yaml', start_line: 4, annotation_level: 'warning' })]);

    const strict = await runAction({ repo, apiUrl: github.server.url, inputs: { comment: 'false', 'fail-on': 'warn' } });
    expect(strict.code).toBe(1);
    expect(created(1)).toMatchObject({ conclusion: 'failure' });
  });

  it('needs-rollout fails as failure, and is success when fail-on: block lets it pass', async () => {
    const repo = pullRequestRepo();
    repo.push({ 'svc/app.yaml': APP.replace('replicas: 3', 'replicas: 6') });
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { comment: 'false' } });
    expect(run.code).toBe(1);
    expect(created()).toMatchObject({ conclusion: 'failure' });
    expect(created().output.title).toMatch(/^configgate: needs-rollout — .*\. Next step: \S/);
    expect(created().output.annotations).toEqual([expect.objectContaining({ start_line: 3, annotation_level: 'failure' })]);

    // Only the base config may loosen the threshold (an input may only tighten it).
    const lenientRepo = pullRequestRepo({ '.configgate.yml': `${CONFIG}failOn: block\n` });
    lenientRepo.push({ 'svc/app.yaml': APP.replace('replicas: 3', 'replicas: 6') });
    const lenient = await runAction({ repo: lenientRepo, apiUrl: github.server.url, inputs: { comment: 'false' } });
    expect(lenient.code).toBe(0);
    expect(created(1)).toMatchObject({ conclusion: 'success' });
  });

  it('check-run: false makes no request', async () => {
    const run = await runAction({ repo: blockedRepo(), apiUrl: github.server.url, inputs: { 'check-run': 'false' } });
    expect(run.code).toBe(1);
    expect(github.server.calls(CREATE)).toHaveLength(0);
    expect(github.server.calls(UPDATE)).toHaveLength(0);
    expect(github.server.calls(COMMENT)).toHaveLength(1);
  });

  it('is written after the comment, with the same client', async () => {
    const run = await runAction({ repo: blockedRepo(), apiUrl: github.server.url });
    expect(run.code).toBe(1);
    const writes = github.server.requests.filter((r) => r.method !== 'GET').map((r) => r.route);
    expect(writes).toEqual([COMMENT, CREATE]);
  });

  it('a fork pull request on pull_request gets none (read-only token); on pull_request_target it does', async () => {
    const fork = await runAction({ repo: blockedRepo(), apiUrl: github.server.url, headRepo: 'someone/platform-config' });
    expect(fork.code).toBe(1);
    expect(github.server.requests).toHaveLength(0);
    expect(warnings(fork)).toEqual([expect.stringMatching(/fork: the token is read-only, so no pull request comment and no check run/)]);

    const target = await runAction({ repo: blockedRepo(), apiUrl: github.server.url, headRepo: 'someone/platform-config', eventName: 'pull_request_target' });
    expect(target.code).toBe(1);
    expect(github.server.calls(CREATE)).toHaveLength(1);
  });

  it('without a github-token: a warning, no request', async () => {
    const run = await runAction({ repo: blockedRepo(), apiUrl: github.server.url, inputs: { 'github-token': '' } });
    expect(run.code).toBe(1);
    expect(github.server.requests).toHaveLength(0);
    expect(warnings(run)).toEqual([expect.stringMatching(/no github-token, so no pull request comment and no check run/)]);
  });
});

describe('check run failures never change the outcome', () => {
  it('a 403 (read-only token): a warning naming checks: write; block still fails, pass still passes, the comment is still written', async () => {
    github.server.fault(CREATE, { status: 403 });
    const blocked = await runAction({ repo: blockedRepo(), apiUrl: github.server.url });
    expect(blocked.code).toBe(1);
    expect(blocked.outputs.verdict).toBe('block');
    expect(failures(blocked).map((f) => f.message)).toEqual([expect.stringMatching(/^configgate: block — 1 blocking/)]);
    expect(warnings(blocked)).toEqual([expect.stringMatching(/^configgate: the check run was not created: GitHub answered 403 \(the token needs `checks: write`; fork pull requests get a read-only token\); see the annotations and the job summary$/)]);
    expect(github.server.calls(CREATE)).toHaveLength(1); // a 403 is not retried
    expect(github.server.calls(COMMENT)).toHaveLength(1);
    expect(blocked.summary).toMatch(/configgate: block/);

    const repo = pullRequestRepo();
    repo.push({ 'svc/app.yaml': APP.replace('the app', 'the app, again') });
    const passed = await runAction({ repo, apiUrl: github.server.url });
    expect(passed.code).toBe(0);
    expect(passed.outputs.verdict).toBe('pass');
    expect(failures(passed)).toHaveLength(0);
    expect(warnings(passed)).toEqual([expect.stringMatching(/check run was not created: GitHub answered 403/)]);
    expect(github.server.checkRuns).toHaveLength(0);
  });

  it('a 500: retried a bounded number of times, then a warning; block still fails', async () => {
    github.server.fault(CREATE, { status: 500 });
    const run = await runAction({ repo: blockedRepo(), apiUrl: github.server.url, inputs: { comment: 'false' } });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    expect(failures(run).map((f) => f.message)).toEqual([expect.stringMatching(/^configgate: block — /)]);
    expect(github.server.calls(CREATE)).toHaveLength(4); // 1 + 3 retries
    expect(warnings(run)).toEqual([expect.stringMatching(/^configgate: the check run was not created: the GitHub API failed with 500 after retries/)]);
    expect(github.server.overflowed).toBe(false);
  });

  it('a 500 on a pass: a warning, still exit 0', async () => {
    github.server.fault(CREATE, { status: 502 });
    const repo = pullRequestRepo();
    repo.push({ 'svc/app.yaml': APP.replace('the app', 'the app!') });
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { comment: 'false' } });
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(warnings(run)).toEqual([expect.stringMatching(/check run was not created: the GitHub API failed with 502/)]);
  });

  it('a transient 5xx is retried and the run is created', async () => {
    github.server.fault(CREATE, { status: 503 }, 1);
    const run = await runAction({ repo: blockedRepo(), apiUrl: github.server.url, inputs: { comment: 'false' } });
    expect(run.code).toBe(1);
    expect(github.server.calls(CREATE).map((r) => r.status)).toEqual([503, 201]);
    expect(github.server.checkRuns).toHaveLength(1);
    expect(warnings(run)).toEqual([]);
  });

  it('an update that fails: the run stays with the annotations it has, and a warning says how many', async () => {
    github.server.fault(UPDATE, { status: 403 });
    const run = await runAction({ repo: manyFindingsRepo(), apiUrl: github.server.url, inputs: { comment: 'false' } });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    expect(github.server.calls(UPDATE)).toHaveLength(1);
    expect(warnings(run)).toEqual([expect.stringMatching(/^configgate: the check run was created, but holds only 50 of 120 annotations: GitHub answered 403/)]);
  });

  it('a hanging API times out; the verdict still decides', async () => {
    github.server.fault(CREATE, { hang: true });
    const run = await runAction({ repo: blockedRepo(), apiUrl: github.server.url, inputs: { comment: 'false' }, env: { CONFIGGATE_API_TIMEOUT_MS: '300', CONFIGGATE_API_RETRIES: '1' } });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    expect(github.server.calls(CREATE)).toHaveLength(2);
    expect(warnings(run)).toEqual([expect.stringMatching(/check run was not created/)]);
  });
});

// The rendering, in-process.
describe('renderCheckRun', () => {
  it('names, concludes and maps levels', () => {
    expect(checkRunName('default')).toBe('configgate');
    expect(checkRunName('prod')).toBe('configgate (prod)');
    expect(checkConclusion(result([{ level: 'block', file: 'a.yaml', line: 1 }]))).toBe('failure');
    expect(checkConclusion(result([{ level: 'warn', file: 'a.yaml', line: 1 }]))).toBe('neutral');
    expect(checkConclusion(result([{ level: 'warn', file: 'a.yaml', line: 1 }], { failed: true, failOn: 'warn' }))).toBe('failure');
    expect(checkConclusion(result([{ level: 'rollout', file: 'a.yaml', line: 1 }], { failed: false, failOn: 'block' }))).toBe('success');
    expect(checkConclusion(result([]))).toBe('success');
    const levels = checkAnnotations(
      result([
        { level: 'notice', file: 'n.yaml', line: 4 },
        { level: 'warn', file: 'w.yaml', line: 3 },
        { level: 'rollout', file: 'r.yaml', line: 2 },
        { level: 'block', file: 'b.yaml', line: 1 },
      ]),
    ).map((a) => `${a.path}:${a.annotation_level}`);
    expect(levels).toEqual(['b.yaml:failure', 'r.yaml:failure', 'w.yaml:warning', 'n.yaml:notice']);
  });

  it('annotates unwaived findings in a file only; a file-level finding points at line 1', () => {
    const annotations = checkAnnotations(
      result([
        { level: 'block', file: 'a.yaml', line: 7 },
        { level: 'block', file: 'b.yaml', line: 2, waivedBy: 'w1' },
        { level: 'warn', file: 'c.yaml', line: 0 },
        { level: 'warn', file: '', line: 0 },
      ]),
    );
    expect(annotations.map((a) => [a.path, a.start_line, a.end_line])).toEqual([
      ['a.yaml', 7, 7],
      ['c.yaml', 1, 1],
    ]);
  });

  it('batches annotations 50 to a request; no annotations key when there are none', () => {
    const many = result(Array.from({ length: 101 }, (_, i) => ({ level: 'warn' as const, file: `f${i}.yaml`, line: i + 1 })));
    const plan = renderCheckRun(many, { instance: 'default', headSha: 'b'.repeat(40) });
    expect(plan.create.output.annotations).toHaveLength(50);
    expect(plan.updates.map((u) => u.annotations?.length)).toEqual([50, 1]);
    expect(plan.annotations).toBe(101);
    const none = renderCheckRun(result([]), { instance: 'default', headSha: 'b'.repeat(40) });
    expect(none.create.output).not.toHaveProperty('annotations');
    expect(none.updates).toEqual([]);
  });

  it('keeps the summary within 65,535 bytes, even when emoji make it longer in UTF-8 than in characters', () => {
    const big = result(
      Array.from({ length: 3000 }, (_, i) => ({
        level: 'block' as const,
        file: `svc/team-${i}/ünïcödé-sërvïcé.yaml`,
        line: i + 1,
        message: `⛔ ${'日本語のメッセージ'.repeat(30)} ${i}`,
      })),
      {
        // 100 files × 30 changes of Japanese text: about 3 UTF-8 bytes per character
        files: Array.from({ length: 100 }, (_, f) => ({
          path: `svc/サービス-${f}/設定ファイル.yaml`,
          status: 'modified' as const,
          changes: Array.from({ length: 30 }, (_, c) => ({ kind: 'modified', pathText: `設定.項目${c}.${'値'.repeat(40)}`, line: c + 1, before: 'あ'.repeat(40), after: 'い'.repeat(40) }) as unknown as Change),
        })),
      },
    );
    // rendered to 65,000 characters, it would be far over 65,535 bytes
    expect(Buffer.byteLength(renderMarkdown(big, { instance: 'default', maxLength: 65_000 }), 'utf8')).toBeGreaterThan(100_000);
    const summary = checkSummary(big, 'default');
    const bytes = Buffer.byteLength(summary, 'utf8');
    expect(bytes).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    expect(bytes).toBeGreaterThan(MAX_SUMMARY_BYTES * 0.8);
    expect(summary.startsWith('<!-- configgate:default -->')).toBe(true);
    expect(summary).toMatch(/configgate: block — 3000 blocking/);
    expect(summary).toMatch(/\+\d+ more/);
  });
});
