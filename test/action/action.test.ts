import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGitHubServer } from '../support/github-server.js';
import { gitRepo, tempDir, writeTree } from '../support/cli.js';
import { APP, CONFIG, pullRequestRepo, runAction, useGitHub, failures, warningCommands } from './harness.js';

const MARKER = '<!-- configgate:default -->';
const COMMENTS = 'GET /repos/:owner/:repo/issues/:number/comments' as const;
const CREATE = 'POST /repos/:owner/:repo/issues/:number/comments' as const;
const UPDATE = 'PATCH /repos/:owner/:repo/issues/comments/:id' as const;
const CHECK_RUNS = 'POST /repos/:owner/:repo/check-runs' as const;

const github = useGitHub();

// Each run creates its own check run (test/action/check-run.test.ts); these are the comment's writes.
const writes = () => github.server.requests.filter((r) => r.method !== 'GET' && r.route !== CHECK_RUNS);
const warnings = warningCommands;

function blockedRepo() {
  const repo = pullRequestRepo();
  repo.push({ 'svc/app.yaml': APP.replace('logLevel: info', 'logLevel: debug') }, 'debug logging');
  return repo;
}

describe('the Action on a pull request', () => {
  it('blocks: fails with the verdict line, annotates the line, posts the sticky comment, writes summary and outputs', async () => {
    const repo = blockedRepo();
    const run = await runAction({ repo, apiUrl: github.server.url, number: 7 });

    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(failures(run)).toHaveLength(1);
    expect(failures(run)[0].message).toMatch(/^configgate: block — 1 blocking, 0 needs rollout, 0 warnings \(fail-on: rollout\)$/);

    const annotation = run.commands.find((c) => c.command === 'error' && c.props.file);
    expect(annotation).toMatchObject({ props: { file: 'svc/app.yaml', line: '2', col: '1', title: 'configgate block: team.log-level' } });
    expect(annotation?.message).toMatch(/log level raised to debug/);
    expect(run.stdout).toMatch(/^::error title=[^\n]*,file=svc\/app\.yaml,line=2,col=1::log level raised to debug/m);

    expect(github.server.calls(CREATE)).toHaveLength(1);
    const created = github.server.calls(CREATE)[0];
    expect(created.path).toBe('/repos/acme/platform-config/issues/7/comments');
    expect(created.headers.authorization).toMatch(/ghs_localtesttoken/);
    const body = (created.body as { body: string }).body;
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body).toMatch(/configgate: block — 1 blocking/);
    expect(body).toMatch(/team\.log-level/);
    expect(body).toContain(`base main (${repo.base.slice(0, 7)}) → head feature (${repo.head.slice(0, 7)})`);
    expect(github.server.calls(COMMENTS)[0].query.per_page).toBe('100');

    expect(run.summary).toContain(MARKER);
    expect(run.summary).toMatch(/configgate: block/);

    expect(run.outputs).toMatchObject({ verdict: 'block', blocking: '1', rollout: '0', warnings: '0', findings: '1', sarif: '' });
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'));
    expect(report.verdict).toBe('block');
    expect(report.findings[0]).toMatchObject({ policy: 'team.log-level', file: 'svc/app.yaml', line: 2 });
  });

  it('updates the sticky comment in place on a new push, and makes no write when nothing changed', async () => {
    const repo = blockedRepo();
    const first = await runAction({ repo, apiUrl: github.server.url, number: 8 });
    expect(first.code).toBe(1);
    expect(github.server.comments).toHaveLength(1);
    const id = github.server.comments[0].id;

    repo.push({ 'svc/app.yaml': APP.replace('logLevel: info', 'logLevel: debug').replace('owner: team-a', 'owner: team-b') }, 'new owner');
    const second = await runAction({ repo, apiUrl: github.server.url, number: 8 });
    expect(second.code).toBe(1);
    expect(github.server.calls(CREATE)).toHaveLength(1);
    expect(github.server.calls(UPDATE)).toHaveLength(1);
    expect(github.server.calls(UPDATE)[0].path).toBe(`/repos/acme/platform-config/issues/comments/${id}`);
    expect(github.server.comments).toHaveLength(1);
    expect(github.server.comments[0].body).toMatch(/team\.owner/);
    expect(second.stdout).toMatch(/comment updated/);

    const before = writes().length;
    const third = await runAction({ repo, apiUrl: github.server.url, number: 8 });
    expect(third.code).toBe(1);
    expect(writes()).toHaveLength(before);
    expect(third.stdout).toMatch(/comment unchanged/);
  });

  it('needs-rollout: fails and names the next step', async () => {
    const repo = pullRequestRepo();
    repo.push({ 'svc/app.yaml': APP.replace('replicas: 3', 'replicas: 6') });
    const run = await runAction({ repo, apiUrl: github.server.url });
    expect(run.code).toBe(1);
    expect(failures(run)[0].message).toMatch(/^configgate: needs-rollout — 0 blocking, 1 needs rollout, 0 warnings \(fail-on: rollout\)\. Next step: \S/);
    expect(run.outputs).toMatchObject({ verdict: 'needs-rollout', blocking: '0', rollout: '1' });
    expect(run.commands.find((c) => c.command === 'error' && c.props.file)).toMatchObject({ props: { file: 'svc/app.yaml', line: '3' } });
    expect((github.server.calls(CREATE)[0].body as { body: string }).body).toMatch(/needs-rollout/);
  });

  it("needs-rollout passes with the base config's failOn: block", async () => {
    const repo = pullRequestRepo({ '.configgate.yml': `${CONFIG}failOn: block\n` });
    repo.push({ 'svc/app.yaml': APP.replace('replicas: 3', 'replicas: 6') });
    const run = await runAction({ repo, apiUrl: github.server.url });
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('needs-rollout');
  });

  it('warn: a warning annotation, exit 0 by default, exit 1 with fail-on: warn', async () => {
    const repo = pullRequestRepo();
    repo.push({ 'svc/app.yaml': APP.replace('owner: team-a', 'owner: team-b') });
    const run = await runAction({ repo, apiUrl: github.server.url });
    expect(run.code).toBe(0);
    expect(failures(run)).toHaveLength(0);
    expect(run.outputs).toMatchObject({ verdict: 'warn', warnings: '1' });
    expect(run.commands.find((c) => c.command === 'warning' && c.props.file)).toMatchObject({ props: { file: 'svc/app.yaml', line: '4' } });
    expect(github.server.calls(CREATE)).toHaveLength(1);

    const strict = await runAction({ repo, apiUrl: github.server.url, inputs: { 'fail-on': 'warn' } });
    expect(strict.code).toBe(1);
    expect(failures(strict)[0].message).toMatch(/^configgate: warn — 0 blocking, 0 needs rollout, 1 warning \(fail-on: warn\)$/);
  });

  it('pass: exit 0, a pass comment, summary and outputs', async () => {
    const repo = pullRequestRepo();
    repo.push({ 'svc/app.yaml': APP.replace('the app', 'the app, described') });
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { sarif: 'configgate.sarif' } });
    expect(run.code).toBe(0);
    expect(run.commands.filter((c) => c.command === 'error')).toHaveLength(0);
    expect(run.outputs).toMatchObject({ verdict: 'pass', blocking: '0', rollout: '0', warnings: '0', findings: '0' });
    expect(run.summary).toMatch(/configgate: pass/);
    expect((github.server.calls(CREATE)[0].body as { body: string }).body).toMatch(/configgate: pass/);
    expect(run.outputs.sarif).toBe(join(repo.dir, 'configgate.sarif'));
    const sarif = JSON.parse(readFileSync(run.outputs.sarif, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
  });

  it('writes SARIF for upload-sarif', async () => {
    const repo = blockedRepo();
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { sarif: 'out/configgate.sarif', comment: 'false', 'check-run': 'false' } });
    expect(run.code).toBe(1);
    const sarif = JSON.parse(readFileSync(join(repo.dir, 'out/configgate.sarif'), 'utf8'));
    expect(sarif.runs[0].results[0]).toMatchObject({
      ruleId: 'team.log-level',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'svc/app.yaml' }, region: { startLine: 2 } } }],
    });
    expect(github.server.requests).toHaveLength(0);
  });

  it('a pull request that relaxes the policies is judged by the base commit\'s policies', async () => {
    const repo = pullRequestRepo();
    repo.push({
      'svc/app.yaml': APP.replace('logLevel: info', 'logLevel: debug'),
      '.configgate.yml': 'builtin: false\npolicies: [policies]\nrules:\n  team.log-level: off\n',
      'policies/log-level.yaml': readFileSync(join(repo.dir, 'policies/log-level.yaml'), 'utf8').replace('level: block', 'level: warn').replace("'debug'", "'nope'"),
    });
    const run = await runAction({ repo, apiUrl: github.server.url });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'));
    expect(report.findings.map((f: { policy: string }) => f.policy)).toEqual(expect.arrayContaining(['team.log-level', 'gate.policy-change']));
    expect(report.policyFilesChanged).toEqual(expect.arrayContaining(['.configgate.yml']));
  });

  it('a fork pull request gets annotations and the summary, and no comment', async () => {
    const repo = blockedRepo();
    const run = await runAction({ repo, apiUrl: github.server.url, headRepo: 'someone/platform-config' });
    expect(run.code).toBe(1);
    expect(github.server.requests).toHaveLength(0);
    expect(run.commands.some((c) => c.command === 'error' && c.props.file === 'svc/app.yaml')).toBe(true);
    expect(run.summary).toMatch(/configgate: block/);
    expect(warnings(run).map((w) => w.message).join('\n')).toMatch(/fork/);

    const pass = pullRequestRepo();
    pass.push({ 'svc/app.yaml': APP.replace('the app', 'the app!') });
    const passRun = await runAction({ repo: pass, apiUrl: github.server.url, headRepo: null });
    expect(passRun.code).toBe(0);
    expect(github.server.requests).toHaveLength(0);
  });

  it('on pull_request_target the token may write, so a fork pull request gets its comment', async () => {
    const repo = blockedRepo();
    const run = await runAction({ repo, apiUrl: github.server.url, headRepo: 'someone/platform-config', eventName: 'pull_request_target' });
    expect(run.code).toBe(1);
    expect(github.server.calls(CREATE)).toHaveLength(1);
  });

  it('works without a config: the built-in pack judges the change', async () => {
    const { dir, git } = gitRepo();
    writeTree(dir, { 'svc/app.yaml': APP });
    git('add', '-A');
    git('commit', '-qm', 'base');
    const base = git('rev-parse', 'HEAD').trim();
    git('checkout', '-qb', 'feature');
    writeTree(dir, { 'svc/app.yaml': APP.replace('logLevel: info', 'logLevel: debug') });
    git('commit', '-qam', 'debug');
    const head = git('rev-parse', 'HEAD').trim();
    const repo = { dir, git, base, head, push: () => head };
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { comment: 'false' } });
    for (const f of failures(run)) expect(f.message).toMatch(/^configgate: (warn|needs-rollout|block) — /);
    expect(['warn', 'needs-rollout', 'block']).toContain(run.outputs.verdict);
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'));
    expect(report.findings.some((f: { file: string; line: number }) => f.file === 'svc/app.yaml' && f.line === 2)).toBe(true);
  });

  it('working-directory: judges a checkout below the workspace', async () => {
    const repo = blockedRepo();
    const run = await runAction({
      repo,
      apiUrl: github.server.url,
      cwd: dirname(repo.dir),
      inputs: { 'working-directory': basename(repo.dir), comment: 'false', sarif: 'gate.sarif' },
      env: { GITHUB_WORKSPACE: dirname(repo.dir) },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    expect(run.outputs.sarif).toBe(join(dirname(repo.dir), 'gate.sarif'));
  });

  it('comment: false posts no comment (the check run is its own input)', async () => {
    const repo = blockedRepo();
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { comment: 'false' } });
    expect(run.code).toBe(1);
    expect(github.server.requests.map((r) => r.route)).toEqual([CHECK_RUNS]);

    github.server.reset();
    const silent = await runAction({ repo, apiUrl: github.server.url, inputs: { comment: 'false', 'check-run': 'false' } });
    expect(silent.code).toBe(1);
    expect(github.server.requests).toHaveLength(0);
  });
});

describe('the sticky comment', () => {
  it('ignores a marked comment written by someone else, and pages through 100 comments at a time', async () => {
    for (let i = 0; i < 130; i++) github.server.addComment(9, `chatter ${i}`, 'someone');
    github.server.addComment(9, `${MARKER}\nforged by someone else`, 'mallory');
    const repo = blockedRepo();
    await runAction({ repo, apiUrl: github.server.url, number: 9 });
    expect(github.server.calls(CREATE)).toHaveLength(1);
    expect(github.server.calls(UPDATE)).toHaveLength(0);
    const pages = github.server.calls(COMMENTS).map((r) => [r.query.per_page, r.query.page ?? '1']);
    expect(pages).toEqual([
      ['100', '1'],
      ['100', '2'],
    ]);
    expect(github.server.comments.find((c) => c.user.login === 'mallory')?.body).toMatch(/forged/);

    // the second run finds its own comment on page 2 and updates it
    repo.push({ 'svc/app.yaml': APP.replace('logLevel: info', 'logLevel: debug').replace('owner: team-a', 'owner: team-c') });
    await runAction({ repo, apiUrl: github.server.url, number: 9 });
    expect(github.server.calls(CREATE)).toHaveLength(1);
    expect(github.server.calls(UPDATE)).toHaveLength(1);
  });

  it('uses github-actions[bot] as the identity of the Actions token (GET /user is 403)', async () => {
    const bot = await startGitHubServer({ login: null });
    try {
      bot.addComment(3, `${MARKER}\nold report`, 'github-actions[bot]');
      const repo = blockedRepo();
      const run = await runAction({ repo, apiUrl: bot.url, number: 3 });
      expect(run.code).toBe(1);
      expect(bot.calls('GET /user')).toHaveLength(1);
      expect(bot.calls(CREATE)).toHaveLength(0);
      expect(bot.calls(UPDATE)).toHaveLength(1);
      expect(bot.comments[0].body).toMatch(/configgate: block/);
    } finally {
      await bot.close();
    }
  });

  it('keeps one comment per instance', async () => {
    const repo = blockedRepo();
    await runAction({ repo, apiUrl: github.server.url, number: 4 });
    await runAction({ repo, apiUrl: github.server.url, number: 4, inputs: { instance: 'prod' } });
    expect(github.server.comments.map((c) => c.body.split('\n')[0])).toEqual([MARKER, '<!-- configgate:prod -->']);
  });
});

describe('faults never turn into a pass, and never fail a pass', () => {
  for (const [name, fault] of [
    ['500 on every comment endpoint', { status: 500 }],
    ['a 403 on every comment endpoint', { status: 403 }],
    ['a rate limit that does not reset in time', { rateLimit: true, resetInSeconds: 3600 }],
  ] as const) {
    it(`${name}: block still fails, pass still passes, with a warning`, async () => {
      for (const route of [COMMENTS, CREATE, UPDATE, 'GET /user'] as const) github.server.fault(route, fault);
      const blocked = await runAction({ repo: blockedRepo(), apiUrl: github.server.url });
      expect(blocked.code).toBe(1);
      expect(blocked.outputs.verdict).toBe('block');
      expect(failures(blocked)[0].message).toMatch(/^configgate: block/);
      expect(warnings(blocked).map((w) => w.message).join('\n')).toMatch(/comment was not written/);
      expect(blocked.summary).toMatch(/configgate: block/);

      const repo = pullRequestRepo();
      repo.push({ 'svc/app.yaml': APP.replace('the app', 'the app, again') });
      const passed = await runAction({ repo, apiUrl: github.server.url });
      expect(passed.code).toBe(0);
      expect(passed.outputs.verdict).toBe('pass');
      expect(warnings(passed).map((w) => w.message).join('\n')).toMatch(/comment was not written/);
      expect(github.server.comments).toHaveLength(0);
      expect(github.server.overflowed).toBe(false);
    });
  }

  it('retries a 5xx a bounded number of times', async () => {
    github.server.fault(COMMENTS, { status: 502 });
    const run = await runAction({ repo: blockedRepo(), apiUrl: github.server.url });
    expect(run.code).toBe(1);
    expect(github.server.calls(COMMENTS)).toHaveLength(4); // 1 + 3 retries
    expect(github.server.calls(CREATE)).toHaveLength(0);
  });

  it('recovers from a transient 5xx and a rate limit that resets', async () => {
    github.server.fault(COMMENTS, { status: 500 }, 1);
    github.server.fault(COMMENTS, { rateLimit: true, resetInSeconds: 0 }, 1);
    const run = await runAction({ repo: blockedRepo(), apiUrl: github.server.url });
    expect(run.code).toBe(1);
    expect(github.server.calls(COMMENTS).map((r) => r.status)).toEqual([500, 403, 200]);
    expect(github.server.calls(CREATE)).toHaveLength(1);
    expect(warnings(run)).toHaveLength(0);
  });

  it('a hanging API times out, is retried, and the verdict still decides', async () => {
    github.server.fault('GET /user', { hang: true });
    const run = await runAction({ repo: blockedRepo(), apiUrl: github.server.url, env: { CONFIGGATE_API_TIMEOUT_MS: '300', CONFIGGATE_API_RETRIES: '1' } });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    expect(github.server.calls('GET /user')).toHaveLength(2);
    expect(warnings(run).map((w) => w.message).join('\n')).toMatch(/comment was not written/);
  });

  it('an overall deadline bounds the API work, retries included', async () => {
    github.server.fault('*', { hang: true });
    const run = await runAction({
      repo: blockedRepo(),
      apiUrl: github.server.url,
      env: { CONFIGGATE_API_TIMEOUT_MS: '30000', CONFIGGATE_API_DEADLINE_MS: '400', CONFIGGATE_API_BACKOFF_MS: '20' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    expect(github.server.calls('GET /user')).toHaveLength(1);
    expect(warnings(run).map((w) => w.message).join('\n')).toMatch(/comment was not written/);
  });
});

describe('fail closed', () => {
  it('a shallow checkout without a github-token fails with the fetch-depth: 0 fix', async () => {
    const origin = blockedRepo();
    const clone = tempDir('configgate-shallow-');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin.dir}`, clone]);
    const run = await runAction({ repo: { ...origin, dir: clone }, apiUrl: github.server.url, inputs: { 'github-token': '' } });
    expect(run.code).toBe(1);
    expect(failures(run)).toHaveLength(1);
    expect(failures(run)[0].message).toMatch(/^configgate: the checkout has no history and there is no github-token .*fetch-depth: 0/);
    expect(run.outputs.verdict).toBeUndefined();
    expect(github.server.requests).toHaveLength(0);
  });

  it('unrelated histories in a full checkout are compared directly, with a warning', async () => {
    const repo = pullRequestRepo();
    repo.git('checkout', '-q', '--orphan', 'unrelated');
    repo.push({ 'svc/app.yaml': APP.replace('logLevel: info', 'logLevel: debug') }, 'orphan');
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { comment: 'false' } });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    expect(warnings(run)[0].message).toMatch(/share no history/);
  });

  it.each([
    [{ 'fail-on': 'sometimes' }, /^configgate: input fail-on must be one of warn, rollout, block, never, not "sometimes"$/],
    [{ comment: 'maybe' }, /^configgate: input comment must be true or false/],
    [{ config: 'missing.yml' }, /^configgate: .*missing\.yml/],
  ])('bad input %j fails with one line', async (inputs, message) => {
    const run = await runAction({ repo: blockedRepo(), apiUrl: github.server.url, inputs });
    expect(run.code).toBe(1);
    expect(failures(run)).toHaveLength(1);
    expect(failures(run)[0].message).toMatch(message);
    expect(run.stdout).not.toMatch(/\n\s+at /);
  });

  it('a broken policy in the base commit fails the step', async () => {
    const repo = pullRequestRepo({ 'policies/broken.yaml': 'id: team.broken\nwhen: "change.after =="\n' });
    repo.push({ 'svc/app.yaml': APP.replace('the app', 'x') });
    const run = await runAction({ repo, apiUrl: github.server.url });
    expect(run.code).toBe(1);
    expect(failures(run)[0].message).toMatch(/^configgate: .*broken\.yaml/);
  });

  it('an event it does not judge fails with a clear message', async () => {
    const run = await runAction({ repo: blockedRepo(), apiUrl: github.server.url, eventName: 'issues' });
    expect(run.code).toBe(1);
    expect(failures(run)[0].message).toMatch(/configgate runs on pull_request, .*, not "issues"/);
  });
});

describe('annotations', () => {
  it('emits the 10 most severe of each kind, then one notice for the rest', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 13; i++) files[`svc/app${String(i).padStart(2, '0')}.yaml`] = APP.replace('logLevel: info', 'logLevel: debug');
    const repo = pullRequestRepo(Object.fromEntries(Object.keys(files).map((f) => [f, APP])));
    repo.push(files);
    const run = await runAction({ repo, apiUrl: github.server.url, inputs: { comment: 'false' } });
    const errors = run.commands.filter((c) => c.command === 'error' && c.props.file);
    expect(errors).toHaveLength(10);
    expect(errors.map((e) => e.props.file)).toEqual(Object.keys(files).slice(0, 10));
    const more = run.commands.filter((c) => c.command === 'notice');
    expect(more).toHaveLength(1);
    expect(more[0].message).toMatch(/^3 more findings are not annotated/);
    expect(run.outputs.blocking).toBe('13');
  });
});

describe('a large report', () => {
  it('keeps the comment within GitHub\'s limit, listing what it leaves out', async () => {
    const names = Array.from({ length: 400 }, (_, i) => `svc/team-${String(i).padStart(3, '0')}/service-with-a-long-name.yaml`);
    const repo = pullRequestRepo(Object.fromEntries(names.map((n) => [n, APP])));
    repo.push(Object.fromEntries(names.map((n) => [n, APP.replace('logLevel: info', 'logLevel: debug').replace('owner: team-a', 'owner: team-z')])));
    const run = await runAction({ repo, apiUrl: github.server.url, number: 11 });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'block', blocking: '400', warnings: '400', findings: '800' });
    const body = (github.server.calls(CREATE)[0].body as { body: string }).body;
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toMatch(/\+\d+ more/);
    expect(run.summary).toContain(MARKER);
    // 10 errors, 10 warnings, one notice for the other 780
    expect(run.commands.filter((c) => c.props.file)).toHaveLength(20);
    expect(run.commands.find((c) => c.command === 'notice')?.message).toMatch(/^780 more findings/);
    // the check run holds all 800, sent 50 at a time, under a summary within 65,535 bytes
    const check = github.server.checkRuns[0] as { output: { summary: string; annotations: unknown[] } };
    expect(check.output.annotations).toHaveLength(800);
    expect(github.server.calls('PATCH /repos/:owner/:repo/check-runs/:id')).toHaveLength(15);
    expect(Buffer.byteLength(check.output.summary, 'utf8')).toBeLessThanOrEqual(65_535);
    expect(warnings(run)).toEqual([]);
  });
});
