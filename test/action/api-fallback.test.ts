// A checkout without history (actions/checkout's default depth 1): the Action reads the pull request
// through the GitHub API, judges it by the base commit's gate files, and fails closed when it cannot.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeTree } from '../support/cli.js';
import { APP, pullRequestRepo, runAction, type ActionRun, type PullRequestRepo, useGitHub, failures, warningCommands } from './harness.js';

const CONTENTS = 'GET /repos/:owner/:repo/contents/*path' as const;
const FILES = 'GET /repos/:owner/:repo/pulls/:number/files' as const;
const CREATE = 'POST /repos/:owner/:repo/issues/:number/comments' as const;
const WARNING = /^configgate: the checkout has no history for [0-9a-f]{12}…[0-9a-f]{12} \(set fetch-depth: 0 on actions\/checkout\); reading the pull request through the GitHub API instead$/;

const github = useGitHub();

const warnings = warningCommands;
const annotations = (run: ActionRun) => run.commands.filter((c) => c.props.file);
const report = (run: ActionRun) => JSON.parse(readFileSync(run.outputs.report, 'utf8'));

/** Serves the pull request `origin.base…origin.head` from the local GitHub, as GitHub would from the repository. */
function serve(origin: PullRequestRepo, number: number): { mergeBase: string } {
  const { base, head } = origin;
  const mergeBase = origin.git('merge-base', base, head).trim();
  for (const sha of new Set([base, head, mergeBase])) {
    const files: Record<string, Uint8Array> = {};
    for (const path of origin.git('ls-tree', '-r', '-z', '--name-only', sha).split('\0').filter(Boolean)) {
      files[path] = execFileSync('git', ['cat-file', 'blob', `${sha}:${path}`], { cwd: origin.dir });
    }
    github.server.commits.set(sha, files);
  }
  github.server.mergeBases.set(`${base}...${head}`, mergeBase);
  const fields = origin.git('diff', '--name-status', '-z', '-M', mergeBase, head).split('\0').filter(Boolean);
  const listed: Array<Record<string, unknown>> = [];
  const statuses: Record<string, string> = { A: 'added', D: 'removed', M: 'modified', R: 'renamed' };
  for (let i = 0; i < fields.length; ) {
    const letter = fields[i++][0];
    if (letter === 'R') {
      const previous = fields[i++];
      listed.push({ filename: fields[i++], previous_filename: previous, status: 'renamed' });
    } else {
      listed.push({ filename: fields[i++], status: statuses[letter] });
    }
  }
  github.server.pullFiles.set(number, listed);
  github.server.pulls.set(number, { number, base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature' }, changed_files: listed.length });
  return { mergeBase };
}

/** A depth-1 clone of the head branch: neither the base nor the merge-base is in it. */
function shallowClone(origin: PullRequestRepo): PullRequestRepo {
  const clone = tempDir('configgate-shallow-');
  execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin.dir}`, clone]);
  return { ...origin, dir: clone };
}

/** The base branch moves on after the pull request branched: base ≠ merge-base. */
function advanceBase(origin: PullRequestRepo, files: Record<string, string>): PullRequestRepo {
  origin.git('checkout', '-q', 'main');
  writeTree(origin.dir, files);
  origin.git('add', '-A');
  origin.git('commit', '-qm', 'main moves on');
  const base = origin.git('rev-parse', 'HEAD').trim();
  origin.git('checkout', '-q', 'feature');
  return { ...origin, base };
}

describe('a checkout without history: the pull request through the GitHub API', () => {
  it('gives the same verdict, annotations and report as a full checkout, warns once, and posts the comment', async () => {
    let origin = pullRequestRepo({ 'svc/old-name.yaml': 'name: old\n', 'svc/gone.yaml': 'name: gone\nreplicas: 2\n', 'svc/ünï côde #1.yaml': 'owner: team-a\n' });
    origin.git('mv', 'svc/old-name.yaml', 'svc/new-name.yaml');
    origin.git('rm', '-q', 'svc/gone.yaml');
    writeTree(origin.dir, { 'assets/blob.json': Buffer.from([0x7b, 0x00, 0x01, 0x7d]), 'docs/readme.md': '# hi\n' });
    origin.push({ 'svc/app.yaml': APP.replace('logLevel: info', 'logLevel: debug').replace('replicas: 3', 'replicas: 5'), 'svc/ünï côde #1.yaml': 'owner: team-b\n' }, 'risky');
    // Changed on main after the branch point: not part of the pull request, never "reverted" by it.
    origin = advanceBase(origin, { 'svc/main-only.yaml': 'name: main\nlogLevel: info\n' });

    const full = await runAction({ repo: origin, apiUrl: github.server.url, number: 21 });
    expect(full.code).toBe(1);
    expect(warnings(full)).toHaveLength(0);
    github.server.reset();

    const { mergeBase } = serve(origin, 22);
    const run = await runAction({ repo: shallowClone(origin), apiUrl: github.server.url, number: 22 });

    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(warnings(run).map((w) => w.message)).toEqual([expect.stringMatching(WARNING)]);
    expect(warnings(run)[0].message).toContain(`${origin.base.slice(0, 12)}…${origin.head.slice(0, 12)}`);
    expect(failures(run).map((f) => f.message)).toEqual(failures(full).map((f) => f.message));
    expect(failures(run)[0].message).toMatch(/^configgate: block — 1 blocking, 1 needs rollout, 1 warning/);
    expect(annotations(run)).toEqual(annotations(full));
    expect(annotations(run)).toContainEqual(expect.objectContaining({ command: 'error', props: expect.objectContaining({ file: 'svc/app.yaml', line: '2' }) }));
    const { report: _a, ...outputs } = run.outputs;
    const { report: _b, ...fullOutputs } = full.outputs;
    expect(outputs).toEqual(fullOutputs);
    const [api, git] = [report(run), report(full)];
    expect(api.findings).toEqual(git.findings);
    expect(api.files).toEqual(git.files);
    expect(api.skipped).toEqual(expect.arrayContaining(git.skipped));
    expect(api.files.map((f: { path: string; status: string }) => `${f.status} ${f.path}`).sort()).toEqual([
      'deleted svc/gone.yaml',
      'modified svc/app.yaml',
      'modified svc/ünï côde #1.yaml',
      'renamed svc/new-name.yaml',
    ]);
    expect(api.skipped).toContainEqual({ path: 'assets/blob.json', reason: 'binary' });
    expect(run.summary).toMatch(/configgate: block/);

    // The comment, as from a full checkout.
    expect(github.server.calls(CREATE)).toHaveLength(1);
    const body = (github.server.calls(CREATE)[0].body as { body: string }).body;
    expect(body).toMatch(/configgate: block — 1 blocking/);
    expect(body).toContain(`base main (${origin.base.slice(0, 7)}) → head feature (${origin.head.slice(0, 7)})`);

    // Paged 100 at a time; raw contents; the before side at the merge-base, the after side at the head.
    expect(github.server.calls(FILES).every((r) => r.query.per_page === '100')).toBe(true);
    const contents = github.server.calls(CONTENTS);
    expect(contents.every((r) => r.headers.accept === 'application/vnd.github.raw+json')).toBe(true);
    const refsOf = (path: string) => contents.filter((r) => r.path.endsWith(`/contents/${path}`)).map((r) => r.query.ref).sort();
    expect(refsOf('svc/app.yaml')).toEqual([mergeBase, origin.head].sort());
    expect(refsOf('svc/main-only.yaml')).toEqual([]);
    expect(refsOf('svc/gone.yaml')).toEqual([mergeBase]);
  });

  it('reads config and policies from the base: a head that relaxes the policy is still blocked', async () => {
    const origin = pullRequestRepo();
    origin.push({
      'svc/app.yaml': APP.replace('logLevel: info', 'logLevel: debug'),
      '.configgate.yml': 'builtin: false\npolicies: [policies]\nrules:\n  team.log-level: off\n',
      'policies/log-level.yaml': readFileSync(join(origin.dir, 'policies/log-level.yaml'), 'utf8').replace('level: block', 'level: warn').replace("'debug'", "'nope'"),
    });
    serve(origin, 23);
    const run = await runAction({ repo: shallowClone(origin), apiUrl: github.server.url, number: 23 });
    expect(run.code).toBe(1);
    expect(warnings(run)[0].message).toMatch(WARNING);
    expect(run.outputs.verdict).toBe('block');
    const result = report(run);
    expect(result.findings.map((f: { policy: string }) => f.policy)).toEqual(expect.arrayContaining(['team.log-level', 'gate.policy-change']));
    expect(result.policyFilesChanged).toEqual(expect.arrayContaining(['.configgate.yml', 'policies/log-level.yaml']));
    // The gate's own files were read at the base, and only there (the head's copies are diffed as changes).
    const gateReads = github.server.calls(CONTENTS).filter((r) => /\/contents\/(\.configgate\.yml|policies\/)/.test(r.path));
    const baseReads = gateReads.filter((r) => r.query.ref === origin.base).map((r) => r.path.split('/contents/')[1]);
    expect(baseReads).toEqual(expect.arrayContaining(['.configgate.yml', 'policies/log-level.yaml', 'policies/replicas.yaml', 'policies/owner.yaml']));
    expect(github.server.calls('GET /repos/:owner/:repo/git/trees/:sha').map((r) => r.path.split('/').pop())).toEqual([origin.base]);
  });

  it('passes a harmless change', async () => {
    const origin = pullRequestRepo();
    origin.push({ 'svc/app.yaml': APP.replace('the app', 'the app, described') });
    serve(origin, 24);
    const run = await runAction({ repo: shallowClone(origin), apiUrl: github.server.url, number: 24 });
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(warnings(run)[0].message).toMatch(WARNING);
  });
});

describe('the API fallback fails closed', () => {
  function blocked(number: number): PullRequestRepo {
    const origin = pullRequestRepo();
    origin.push({ 'svc/app.yaml': APP.replace('logLevel: info', 'logLevel: debug') });
    serve(origin, number);
    return shallowClone(origin);
  }
  const expectClosed = (run: ActionRun, message: RegExp) => {
    expect(run.code).toBe(1);
    expect(failures(run)).toHaveLength(1);
    expect(failures(run)[0].message).toMatch(message);
    expect(run.stdout).not.toMatch(/\n\s+at /);
    expect(run.outputs.verdict).toBeUndefined();
    // No verdict: the sticky comment says the change could not be judged, never a pass.
    for (const call of github.server.calls(CREATE)) expect((call.body as { body: string }).body).toMatch(/^<!-- configgate:default -->\n### ❗ configgate: not judged/);
  };

  it('a 500 on contents, after retries, fails the step and never passes', async () => {
    const repo = blocked(31);
    github.server.fault(CONTENTS, { status: 500 });
    const run = await runAction({ repo, apiUrl: github.server.url, number: 31 });
    expectClosed(run, /^configgate: cannot read the pull request through the GitHub API: contents of \.configgate\.yml at [0-9a-f]{7}: GitHub answered 500 after retries; set fetch-depth: 0/);
    expect(github.server.calls(CONTENTS)).toHaveLength(4); // 1 + 3 retries
    expect(warnings(run)[0].message).toMatch(WARNING);
  });

  it('a changed file GitHub lists but cannot serve fails the step (a pass is never the default)', async () => {
    const origin = pullRequestRepo();
    origin.push({ 'svc/app.yaml': APP.replace('the app', 'harmless') });
    serve(origin, 32);
    // The gate files read fine; the changed file does not.
    delete github.server.commits.get(origin.head)!['svc/app.yaml'];
    const run = await runAction({ repo: shallowClone(origin), apiUrl: github.server.url, number: 32 });
    expectClosed(run, /^configgate: cannot read the pull request through the GitHub API: GitHub lists svc\/app\.yaml as changed but has no such file at [0-9a-f]{7}/);
  });

  it('a 403 on the files listing names the permission', async () => {
    const repo = blocked(33);
    github.server.fault(FILES, { status: 403 });
    const run = await runAction({ repo, apiUrl: github.server.url, number: 33 });
    expectClosed(run, /^configgate: cannot read the pull request through the GitHub API: files of pull request #33: GitHub answered 403 \(the github-token needs `contents: read` and `pull-requests: read`\)/);
  });

  it('without a github-token, fails with the fetch-depth: 0 fix', async () => {
    const repo = blocked(34);
    const run = await runAction({ repo, apiUrl: github.server.url, number: 34, inputs: { 'github-token': '' } });
    expectClosed(run, /^configgate: the checkout has no history and there is no github-token .*set fetch-depth: 0 on actions\/checkout$/);
    expect(github.server.requests).toHaveLength(0);
  });

  it('more files than the API lists (3,000) fails with the fetch-depth: 0 fix', async () => {
    const repo = blocked(35);
    github.server.pulls.set(35, { ...github.server.pulls.get(35), changed_files: 3001 });
    const run = await runAction({ repo, apiUrl: github.server.url, number: 35 });
    expectClosed(run, /^configgate: pull request #35 changes 3001 files; the GitHub API lists at most 3,000: set fetch-depth: 0/);
    expect(github.server.calls(FILES)).toHaveLength(0);
  });

  it('a head that moved on since the event fails rather than judge a mixed change', async () => {
    const repo = blocked(36);
    github.server.pulls.set(36, { ...github.server.pulls.get(36), head: { sha: 'f'.repeat(40) } });
    const run = await runAction({ repo, apiUrl: github.server.url, number: 36 });
    expectClosed(run, /^configgate: pull request #36 has moved on to fffffff/);
  });

  it('defect 6: a pull request file list shorter than changed_files fails closed (after every page is read)', async () => {
    const origin = pullRequestRepo();
    origin.push({ 'svc/app.yaml': APP.replace('logLevel: info', 'logLevel: debug'), 'svc/other.yaml': 'name: other\n' });
    serve(origin, 37);
    github.server.pullFiles.set(37, github.server.pullFiles.get(37)!.filter((f) => f.filename !== 'svc/app.yaml'));
    github.server.pulls.set(37, { ...github.server.pulls.get(37), changed_files: 2 });
    const run = await runAction({ repo: shallowClone(origin), apiUrl: github.server.url, number: 37 });
    expectClosed(run, /^configgate: pull request #37 changes 2 files but GitHub listed 1: an incomplete listing cannot be judged; set fetch-depth: 0/);
  });

  it('defect 6: a file listed as unchanged but with a patch fails closed', async () => {
    const origin = pullRequestRepo();
    origin.push({ 'svc/app.yaml': APP.replace('logLevel: info', 'logLevel: debug') });
    serve(origin, 38);
    github.server.pullFiles.set(38, [{ filename: 'svc/app.yaml', status: 'unchanged', patch: '@@ -2 +2 @@\n-logLevel: info\n+logLevel: debug', additions: 1, deletions: 1, changes: 2 }]);
    const run = await runAction({ repo: shallowClone(origin), apiUrl: github.server.url, number: 38 });
    expectClosed(run, /^configgate: pull request #38: GitHub lists svc\/app\.yaml as unchanged but with a patch: a listing that contradicts itself cannot be judged/);
  });

  it('defect 6: a 404 on the base config through the API means the defaults, and the summary says so', async () => {
    const origin = pullRequestRepo();
    origin.push({ 'svc/app.yaml': APP.replace('description: the app', 'description: reworded') });
    serve(origin, 39);
    for (const sha of new Set([origin.base, origin.head])) delete github.server.commits.get(sha)!['.configgate.yml'];
    const run = await runAction({ repo: shallowClone(origin), apiUrl: github.server.url, number: 39, inputs: { 'check-run': 'false' } });
    expect(run.code).toBe(0);
    const said = `The base commit ${origin.base.slice(0, 7)} has no .configgate.yml or .configgate.yaml: the change was judged by the built-in defaults.`;
    expect(run.summary).toContain(said);
    expect((github.server.calls(CREATE)[0].body as { body: string }).body).toContain(said);
  });

  it('defect 6: a 500 on the base config through the API fails closed, never the defaults', async () => {
    const repo = blocked(40);
    github.server.fault(CONTENTS, { status: 500 });
    const run = await runAction({ repo, apiUrl: github.server.url, number: 40, inputs: { 'check-run': 'false' } });
    expectClosed(run, /^configgate: cannot read the pull request through the GitHub API: contents of \.configgate\.yml at [0-9a-f]{7}: GitHub answered 500/);
    expect(run.summary).not.toContain('built-in defaults');
  });
});

// Issue 11, nested configs, in the Action: without the `config` input each file is judged by its
// nearest .configgate.yml of the base commit, through the API as through git.
describe('nested configs from the base commit', () => {
  const NESTED = {
    'teams/a/.configgate.yml': 'rules:\n  team.log-level: warn\n',
    'teams/b/svc/.configgate.yml': 'rules:\n  team.owner: block\n',
    'teams/a/app.yaml': APP,
    'teams/b/svc/app.yaml': APP,
  };
  /** Team a raises its log level (a warning by its config), team b changes its owner (a block by its config) and tries to relax its config. */
  function nested(number: number): PullRequestRepo {
    const origin = pullRequestRepo(NESTED);
    origin.push({
      'teams/a/app.yaml': APP.replace('logLevel: info', 'logLevel: debug'),
      'teams/b/svc/app.yaml': APP.replace('owner: team-a', 'owner: team-b'),
      'teams/b/svc/.configgate.yml': 'rules:\n  team.owner: off\n',
    });
    serve(origin, number);
    return origin;
  }
  const brief = (run: ActionRun) =>
    (report(run).findings as Array<{ policy: string; level: string; file: string; line: number; column: number }>)
      .map(({ policy, level, file, line, column }) => ({ policy, level, file, line, column }))
      .sort((a, b) => a.file.localeCompare(b.file) || a.policy.localeCompare(b.policy));
  const EXPECTED = [
    { policy: 'team.log-level', level: 'warn', file: 'teams/a/app.yaml', line: 2, column: 1 },
    { policy: 'gate.policy-change', level: 'warn', file: 'teams/b/svc/.configgate.yml', line: 1, column: 1 },
    { policy: 'team.owner', level: 'block', file: 'teams/b/svc/app.yaml', line: 4, column: 1 },
  ];

  it("judges each file by its team's config of the base, through the API and through git alike", async () => {
    const origin = nested(41);
    const api = await runAction({ repo: shallowClone(origin), apiUrl: github.server.url, number: 41, inputs: { 'check-run': 'false', comment: 'false' } });
    expect(warnings(api)[0].message).toMatch(WARNING);
    expect(api.code).toBe(1);
    expect(api.outputs.verdict).toBe('block');
    expect(brief(api)).toEqual(EXPECTED);
    // Every config was read at the base; the head's only as the changed file it is (team b relaxed its own).
    const configReads = github.server.calls(CONTENTS).filter((r) => r.path.endsWith('.configgate.yml'));
    const atHead = configReads.filter((r) => r.query.ref === origin.head).map((r) => r.path.split('/contents/')[1]);
    expect(atHead).toEqual(['teams/b/svc/.configgate.yml']);
    const atBase = new Set(configReads.filter((r) => r.query.ref === origin.base).map((r) => r.path.split('/contents/')[1]));
    expect([...atBase].sort()).toEqual(['.configgate.yml', 'teams/a/.configgate.yml', 'teams/b/svc/.configgate.yml']);

    const full = await runAction({ repo: origin, apiUrl: github.server.url, number: 41, inputs: { 'check-run': 'false', comment: 'false' } });
    expect(warnings(full)).toHaveLength(0);
    expect(full.code).toBe(1);
    expect(brief(full)).toEqual(EXPECTED);
  });

  it('the config input still names one config for every file (the team configs are not read)', async () => {
    const origin = nested(42);
    const run = await runAction({ repo: shallowClone(origin), apiUrl: github.server.url, number: 42, inputs: { config: '.configgate.yml', 'check-run': 'false', comment: 'false' } });
    expect(brief(run).filter((f) => f.policy !== 'gate.policy-change')).toEqual([
      { policy: 'team.log-level', level: 'block', file: 'teams/a/app.yaml', line: 2, column: 1 },
      { policy: 'team.owner', level: 'warn', file: 'teams/b/svc/app.yaml', line: 4, column: 1 },
    ]);
  });

  it('a team config the base tree lists but GitHub cannot serve fails closed (500), never the root config or the defaults in its place', async () => {
    const origin = nested(43);
    github.server.fault(CONTENTS, { status: 500 }, Number.POSITIVE_INFINITY, /\/contents\/teams\/b\/svc\/\.configgate\.yml$/);
    const run = await runAction({ repo: shallowClone(origin), apiUrl: github.server.url, number: 43, inputs: { 'check-run': 'false' } });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBeUndefined();
    expect(failures(run).map((f) => f.message)).toEqual([
      expect.stringMatching(/^configgate: cannot read the pull request through the GitHub API: contents of teams\/b\/svc\/\.configgate\.yml at [0-9a-f]{7}: GitHub answered 500 after retries/),
    ]);
    for (const call of github.server.calls(CREATE)) expect((call.body as { body: string }).body).toMatch(/configgate: not judged/);
  });

  it('a team config the base tree lists but GitHub answers 404 for fails closed', async () => {
    const origin = nested(44);
    github.server.fault(CONTENTS, { status: 404 }, Number.POSITIVE_INFINITY, /\/contents\/teams\/a\/\.configgate\.yml$/);
    const run = await runAction({ repo: shallowClone(origin), apiUrl: github.server.url, number: 44, inputs: { 'check-run': 'false', comment: 'false' } });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBeUndefined();
    expect(failures(run).map((f) => f.message)).toEqual(['configgate: teams/a/.configgate.yml: config file not found']);
  });
});

describe('new files through the API: a new component or live configuration (issue 13)', () => {
  const TREES = 'GET /repos/:owner/:repo/git/trees/:sha' as const;
  // The built-in pack beside the team's policies: verbosity.global-raise and verbosity.starts-raised judge.
  const WITH_BUILTIN = { '.configgate.yml': 'policies: [policies]\n' };
  const AGENT = 'server:\n  log_level: debug\n';
  const COMPOSE = 'services:\n  agent:\n    volumes:\n      - ./agent/config.yaml:/etc/agent/agent.yaml\n';
  const policiesOf = (run: ActionRun) => report(run).findings.filter((f: { level: string }) => f.level !== 'notice').map((f: { policy: string; file: string }) => `${f.policy} ${f.file}`);

  it('intro-to-mltp 8c374c53: a new demo agent at debug in a folder the base did not have is named, not blocked; the merge-base is listed once', async () => {
    let origin = pullRequestRepo(WITH_BUILTIN);
    origin.push({ 'agent/config.yaml': AGENT, 'docker-compose.yml': COMPOSE });
    origin = advanceBase(origin, { 'svc/main-only.yaml': 'name: main\n' });
    const { mergeBase } = serve(origin, 41);
    const run = await runAction({ repo: shallowClone(origin), apiUrl: github.server.url, number: 41 });
    expect(warnings(run)[0].message).toMatch(WARNING);
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('warn');
    expect(policiesOf(run)).toEqual(['verbosity.starts-raised agent/config.yaml']);
    const trees = github.server.calls(TREES);
    expect(trees.map((r) => r.path.split('/').pop())).toEqual([origin.base, mergeBase]);
    expect(trees.every((r) => r.query.recursive === '1')).toBe(true);
  });

  it('a file dropped beside live configuration is blocked (readers are not searched through the API)', async () => {
    const origin = pullRequestRepo(WITH_BUILTIN);
    origin.push({ 'svc/agent.yaml': AGENT, 'docker-compose.yml': COMPOSE.replace('./agent/config.yaml', './svc/agent.yaml') });
    serve(origin, 42);
    const run = await runAction({ repo: shallowClone(origin), apiUrl: github.server.url, number: 42 });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    expect(policiesOf(run)).toEqual(['verbosity.global-raise svc/agent.yaml']);
  });

  it('a merge-base listing GitHub cannot give: the new file is judged, the step does not fail', async () => {
    let origin = pullRequestRepo(WITH_BUILTIN);
    origin.push({ 'agent/config.yaml': AGENT });
    origin = advanceBase(origin, { 'svc/main-only.yaml': 'name: main\n' });
    const { mergeBase } = serve(origin, 43);
    github.server.fault(TREES, { status: 500 }, Number.POSITIVE_INFINITY, new RegExp(`/git/trees/${mergeBase}$`));
    const run = await runAction({ repo: shallowClone(origin), apiUrl: github.server.url, number: 43 });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('block');
    expect(policiesOf(run)).toEqual(['verbosity.global-raise agent/config.yaml']);
  });

  it('the same pull request from a full checkout (git): the same verdicts', async () => {
    const origin = pullRequestRepo(WITH_BUILTIN);
    origin.push({ 'agent/config.yaml': AGENT, 'docker-compose.yml': COMPOSE });
    const run = await runAction({ repo: origin, apiUrl: github.server.url, number: 44 });
    expect(run.outputs.verdict).toBe('warn');
    expect(policiesOf(run)).toEqual(['verbosity.starts-raised agent/config.yaml']);
  });
});
