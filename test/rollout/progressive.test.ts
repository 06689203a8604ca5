// Progressive (GitOps) mode end to end: real git repositories whose commits land at controlled
// dates (GIT_COMMITTER_DATE / GIT_AUTHOR_DATE), judged with `check --base main --now …`.
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { tempDir, writeTree } from '../support/cli.js';

const T0 = Date.parse('2026-12-01T09:00:00Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

/** canary 1% (1h) → early 10% (2h) → half 50% (4h) → all. */
const FOUR_STAGES = [
  'rollout:',
  '  stages:',
  '    - { name: canary, share: 1, bake: 1h }',
  '    - { name: early, share: 10, bake: 2h }',
  '    - { name: half, share: 50, bake: 4h }',
  '    - { name: all, share: 100, bake: 0m }',
].join('\n');

/** canary (1h) → everyone. */
const TWO_STAGES = ['rollout:', '  stages:', '    - { name: canary, share: 1, bake: 1h }', '    - { name: all, share: 100, bake: 0m }'].join('\n');

interface Repo {
  dir: string;
  /** Commit `files` on the current branch, landed at `minutes` after T0. */
  commit(minutes: number, files: Record<string, string>, message?: string): string;
  git(...args: string[]): string;
}

function repo(config: string): Repo {
  const dir = tempDir('configgate-progressive-');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  git('config', 'commit.gpgsign', 'false');
  const commit = (minutes: number, files: Record<string, string>, message = `at ${minutes}m`) => {
    writeTree(dir, files);
    git('add', '-A');
    const date = at(minutes);
    execFileSync('git', ['commit', '-q', '-m', message], { cwd: dir, env: { ...process.env, GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date } });
    return git('rev-parse', 'HEAD').trim();
  };
  commit(-24 * 60, { '.configgate.yml': `${config}\n` }, 'config');
  return { dir, commit, git };
}

/** The change on a branch off main, judged as at `nowMinutes` after T0. */
async function judge(r: Repo, change: Record<string, string>, nowMinutes: number) {
  r.git('checkout', '-q', '-b', `change-${nowMinutes}-${Math.random().toString(36).slice(2, 7)}`);
  r.commit(nowMinutes - 1, change, 'the change');
  let stdout = '';
  let stderr = '';
  const code = await runCli(['check', '--base', 'main', '--now', at(nowMinutes), '--format', 'json'], {
    cwd: r.dir,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
    env: {},
  });
  r.git('checkout', '-q', 'main');
  expect(stderr).toBe('');
  const json = JSON.parse(stdout);
  return { code, json, rollout: json.rollout, policies: json.findings.map((f: { policy: string }) => f.policy) };
}

const flag = (percentage: number) => `flags:\n  search:\n    enabled: true\n    rollout: { percentage: ${percentage} }\n`;

describe('a flag percentage widened stage by stage', () => {
  function flagRepo(): Repo {
    const r = repo(FOUR_STAGES);
    r.commit(-600, { 'flags.yaml': 'flags:\n  search:\n    enabled: false\n    rollout: { percentage: 1 }\n' });
    r.commit(0, { 'flags.yaml': flag(1) }, 'search on for 1%');
    r.commit(30, { 'other.yaml': 'unrelated: true\n' }, 'an unrelated commit after the stage landed');
    return r;
  }

  test('1 → 10 after its bake: pass, the landing commit as evidence', async () => {
    const r = flagRepo();
    const landed = r.git('log', '--format=%H', '-n1', '--grep', 'search on for 1%').trim();
    const { code, json, rollout, policies } = await judge(r, { 'flags.yaml': flag(10) }, 90);
    expect(policies).toEqual(['blast-radius.limit']);
    expect(json.verdict).toBe('pass');
    expect(code).toBe(0);
    expect(rollout.mode).toBe('progressive');
    expect(rollout.satisfied).toBe(true);
    expect(rollout.stages.map((s: { state: string }) => s.state)).toEqual(['done', 'pending', 'pending', 'pending']);
    expect(rollout.stages[0].since).toBe(at(0));
    expect(rollout.stages[0].evidence).toEqual([{ kind: 'commit', name: `${landed.slice(0, 7)} flags.yaml`, state: 'success', at: at(0) }]);
    expect(rollout.next).toBe(`flag search: 1% → 10%: widens one stage, to early; canary landed at ${landed.slice(0, 7)} (${at(0)}) and baked 1h`);
  });

  test('1 → 10 before the bake ends: needs-rollout, the time left', async () => {
    const { json, rollout } = await judge(flagRepo(), { 'flags.yaml': flag(10) }, 40);
    expect(json.verdict).toBe('needs-rollout');
    expect(rollout.stages[0]).toMatchObject({ name: 'canary', state: 'baking', bakeLeftMinutes: 20, since: at(0) });
    expect(rollout.next).toMatch(/^stage 1 of 4 \(canary, 1%\): baking, 20 min left \(landed at [0-9a-f]{7} \(2026-12-01T09:00:00.000Z\)\); then set flags\.search\.rollout\.percentage: 10 \(stage early\)$/);
  });

  test('1 → 100: needs-rollout naming the next allowed stage and its percentage', async () => {
    const { json, rollout } = await judge(flagRepo(), { 'flags.yaml': flag(100) }, 90);
    expect(json.verdict).toBe('needs-rollout');
    expect(rollout.satisfied).toBe(false);
    expect(rollout.next).toBe('flag search: 1% → 100% skips stages early, half; next allowed: stage 2 of 4 (early) now — set flags.search.rollout.percentage: 10 (stage early), not 100');
  });

  test('1 → 100 while the canary still bakes: the time left is named', async () => {
    const { rollout } = await judge(flagRepo(), { 'flags.yaml': flag(100) }, 45);
    expect(rollout.next).toMatch(/skips stages early, half; next allowed: stage 2 of 4 \(early\) in 15 min — /);
  });

  test('canary → everyone in one change, with no earlier stage: needs-rollout, the first stage specific to the flag', async () => {
    const r = repo(FOUR_STAGES);
    r.commit(0, { 'flags.yaml': 'flags:\n  search: { enabled: false }\n' });
    const { json, rollout } = await judge(r, { 'flags.yaml': 'flags:\n  search: { enabled: true }\n' }, 600);
    expect(json.verdict).toBe('needs-rollout');
    expect(rollout.stages.every((s: { state: string }) => s.state === 'pending')).toBe(true);
    expect(rollout.next).toBe(
      'enabled: everyone (100%, flags.yaml) in one change, with no earlier stage on the base branch; first give flag search a rollout percentage of 1 (stage canary) instead of switching it on for everyone, bake 1h',
    );
  });

  test('narrowing is always allowed (10 → 1 is safe; no rollout needed)', async () => {
    const r = flagRepo();
    r.commit(200, { 'flags.yaml': flag(10) });
    const { json } = await judge(r, { 'flags.yaml': flag(1) }, 201);
    expect(json.verdict).toBe('pass');
  });
});

describe('weights', () => {
  const routes = (stable: number, canary: number) => `routes:\n  - { name: api-stable, weight: ${stable} }\n  - { name: api-canary, weight: ${canary} }\n`;

  function weightRepo(): Repo {
    const r = repo(FOUR_STAGES);
    r.commit(-600, { 'mesh/routes.yaml': routes(100, 0) });
    r.commit(0, { 'mesh/routes.yaml': routes(99, 1) });
    return r;
  }

  test('99/1 → 90/10 after the bake: pass', async () => {
    const { json, rollout } = await judge(weightRepo(), { 'mesh/routes.yaml': routes(90, 10) }, 61);
    expect(rollout.next).toMatch(/^routes → api-canary: 1% → 10%: widens one stage, to early/);
    expect(json.verdict).toBe('pass');
  });

  test('widening two stages at once (99/1 → 50/50): needs-rollout with the next weights', async () => {
    const { json, rollout, policies } = await judge(weightRepo(), { 'mesh/routes.yaml': routes(50, 50) }, 61);
    expect(policies).toContain('routing.traffic-shift-limit');
    expect(json.verdict).toBe('needs-rollout');
    expect(rollout.next).toBe('routes → api-canary: 1% → 50% skips stage early; next allowed: stage 2 of 4 (early) now — set the weights to api-stable 90 / api-canary 10 (stage early: api-canary at 10%)');
  });

  test('narrowing (a rollback to weights the base had): always allowed', async () => {
    const r = weightRepo();
    r.commit(100, { 'mesh/routes.yaml': routes(50, 50) });
    const { json, rollout } = await judge(r, { 'mesh/routes.yaml': routes(100, 0) }, 101);
    expect(json.verdict).toBe('pass');
    expect(rollout.next).toBe('routes → api-stable: 50% → 100%: a narrowing (rollback), always allowed');
  });
});

describe('the same setting widened across files', () => {
  const LEVEL_AS_ROLLOUT = 'rules:\n  verbosity.global-raise: rollout\n';

  test('a canary override file, then the base file: allowed once the canary has baked', async () => {
    const r = repo(`${LEVEL_AS_ROLLOUT}${TWO_STAGES}`);
    r.commit(-600, { 'svc/app.yaml': 'logLevel: info\nreplicas: 3\n' });
    const landed = r.commit(0, { 'svc/app.canary.yaml': 'logLevel: debug\n' }, 'debug on the canary');
    const baking = await judge(r, { 'svc/app.yaml': 'logLevel: debug\nreplicas: 3\n' }, 30);
    expect(baking.policies).toEqual(['verbosity.global-raise']);
    expect(baking.json.verdict).toBe('needs-rollout');
    expect(baking.rollout.stages[0]).toMatchObject({
      state: 'baking',
      bakeLeftMinutes: 30,
      evidence: [{ kind: 'commit', name: `${landed.slice(0, 7)} svc/app.canary.yaml`, state: 'success', at: at(0) }],
    });
    const baked = await judge(r, { 'svc/app.yaml': 'logLevel: debug\nreplicas: 3\n' }, 61);
    expect(baked.json.verdict).toBe('pass');
    expect(baked.rollout.next).toMatch(/^logLevel: canary \(1%, svc\/app\.canary\.yaml\) → everyone \(100%, svc\/app\.yaml\): widens one stage, to all/);
  });

  test('canary file → base file skipping stages of a four-stage plan: needs-rollout, the scope to set next', async () => {
    const r = repo(`${LEVEL_AS_ROLLOUT}${FOUR_STAGES}`);
    r.commit(-600, { 'svc/app.yaml': 'logLevel: info\n' });
    r.commit(0, { 'svc/app.canary.yaml': 'logLevel: debug\n' });
    const { json, rollout } = await judge(r, { 'svc/app.yaml': 'logLevel: debug\n' }, 300);
    expect(json.verdict).toBe('needs-rollout');
    expect(rollout.next).toBe(
      'logLevel: canary (1%, svc/app.canary.yaml) → everyone (100%, svc/app.yaml) skips stages early, half; next allowed: stage 2 of 4 (early) now — set `logLevel: debug` for a scope reaching at most 10% next (a region, cohort or host group: e.g. `regions.<name>.logLevel` in svc/app.yaml), stage early',
    );
  });

  test('staging → production: the staging copy is the earlier stage', async () => {
    const r = repo(`${LEVEL_AS_ROLLOUT}${TWO_STAGES}`);
    r.commit(-600, { 'environments/staging/app.yaml': 'logLevel: info\n', 'environments/production/app.yaml': 'logLevel: info\n' });
    r.commit(0, { 'environments/staging/app.yaml': 'logLevel: debug\n' });
    const { json, rollout } = await judge(r, { 'environments/production/app.yaml': 'logLevel: debug\n' }, 120);
    expect(json.verdict).toBe('pass');
    expect(rollout.stages[0].evidence[0].name).toMatch(/^[0-9a-f]{7} environments\/staging\/app\.yaml$/);
  });

  test('the debug level only on an unrelated service is no earlier stage', async () => {
    const r = repo(`${LEVEL_AS_ROLLOUT}${TWO_STAGES}`);
    r.commit(-600, { 'svc/app.yaml': 'logLevel: info\n', 'billing/app.canary.yaml': 'logLevel: debug\n' });
    const { json, rollout } = await judge(r, { 'svc/app.yaml': 'logLevel: debug\n' }, 120);
    expect(json.verdict).toBe('needs-rollout');
    expect(rollout.next).toMatch(/^logLevel: everyone \(100%, svc\/app\.yaml\) in one change, with no earlier stage on the base branch; first set `logLevel: debug` on the canary only first/);
  });
});

describe('capacity', () => {
  test('a large cut: the next step is a −25% step, never "scope replicas to the canary"', async () => {
    const r = repo(FOUR_STAGES);
    r.commit(0, { 'k8s/api.yaml': 'kind: Deployment\nmetadata: { name: api }\nspec: { replicas: 12 }\n' });
    const { json, rollout } = await judge(r, { 'k8s/api.yaml': 'kind: Deployment\nmetadata: { name: api }\nspec: { replicas: 4 }\n' }, 60);
    expect(json.verdict).toBe('needs-rollout');
    expect(rollout.next).toContain('lower spec.replicas 12 → 9 in this change (−25% at most a change), then on toward 4 after each bake');
    expect(rollout.next).not.toMatch(/canary/);
  });
});

describe('health evidence a progressive stage requires', () => {
  const CHECKED = [
    'rollout:',
    '  stages:',
    '    - { name: canary, share: 1, bake: 1h, checks: [{ kind: check-run, name: canary-smoke }] }',
    '    - { name: early, share: 10, bake: 2h }',
    '    - { name: all, share: 100, bake: 0m }',
  ].join('\n');

  async function withEvidence(entries: object[] | undefined) {
    const r = repo(CHECKED);
    r.commit(-600, { 'flags.yaml': 'flags:\n  search: { enabled: false, percentage: 1 }\n' });
    r.commit(0, { 'flags.yaml': 'flags:\n  search: { enabled: true, percentage: 1 }\n' });
    r.git('checkout', '-q', '-b', 'change');
    r.commit(89, { 'flags.yaml': 'flags:\n  search: { enabled: true, percentage: 10 }\n' });
    const args = ['check', '--base', 'main', '--now', at(90), '--format', 'json'];
    if (entries) {
      writeTree(r.dir, { '../evidence.json': JSON.stringify(entries) });
      args.push('--evidence', '../evidence.json');
    }
    let stdout = '';
    const code = await runCli(args, { cwd: r.dir, stdout: (t) => (stdout += t), stderr: () => {}, isTTY: false, env: {} });
    return { code, json: JSON.parse(stdout) };
  }

  test('green: the widening passes', async () => {
    const { json } = await withEvidence([{ stage: 'canary', state: 'success', at: at(20), kind: 'check-run', name: 'canary-smoke' }]);
    expect(json.verdict).toBe('pass');
    expect(json.rollout.stages[0].evidence.map((e: { kind: string }) => e.kind)).toEqual(['commit', 'check-run']);
  });

  test('not reported yet: needs-rollout, naming the check', async () => {
    const { json } = await withEvidence(undefined);
    expect(json.verdict).toBe('needs-rollout');
    expect(json.rollout.next).toBe('stage 1 of 3 (canary, 1%): baked, but its health check check-run canary-smoke is not green yet');
  });

  test('failed: block, naming the check', async () => {
    const { json, code } = await withEvidence([{ stage: 'canary', state: 'failure', at: at(20), kind: 'check-run', name: 'canary-smoke', url: 'https://ci.example/smoke/3' }]);
    expect(code).toBe(1);
    expect(json.verdict).toBe('block');
    const finding = json.findings.find((f: { policy: string }) => f.policy === 'rollout.health-failed');
    expect(finding).toMatchObject({ level: 'block', file: '.configgate.yml (rollout.stages)', path: 'stages[name=canary]' });
    expect(finding.message).toBe(`stage 1 of 3 (canary, 1%): health check check-run canary-smoke failed at ${at(20)} (https://ci.example/smoke/3); roll the stage back (undo the change) before widening`);
  });
});
