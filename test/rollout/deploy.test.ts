// Deploy-before-merge through the CLI: a change that needs a rollout, its plan in the change
// (.configgate/rollout.yaml), evidence from a file, the clock fixed with --now. No sleeping.
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { tempDir, writeTree } from '../support/cli.js';

const NOW = '2026-12-02T12:00:00Z';
const ago = (minutes: number): string => new Date(Date.parse(NOW) - minutes * 60_000).toISOString();

const PLAN = [
  'stages:',
  '  - { name: canary, scope: { share: 1 }, bake: 1h, checks: [{ kind: deployment, name: canary }] }',
  '  - { name: early, scope: { share: 10 }, bake: 2h }',
  '  - { name: all, scope: { share: 100 }, bake: 0m, rollback: set flags.search.enabled back to false }',
  '',
].join('\n');

/** A flag switched on for everyone: blast-radius.limit asks for a staged rollout. */
function change(files: Record<string, string> = {}): string {
  const dir = tempDir('configgate-deploy-');
  writeTree(dir, {
    'before/flags.yaml': 'flags:\n  search: { enabled: false }\n',
    'after/flags.yaml': 'flags:\n  search: { enabled: true }\n',
    ...files,
  });
  return dir;
}

async function run(dir: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['compare', 'before', 'after', '--now', NOW, ...args], {
    cwd: dir,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
    env: {},
  });
  return { code, stdout, stderr, json: stdout.startsWith('{') ? JSON.parse(stdout) : undefined };
}

const evidence = (entries: object[]) => JSON.stringify({ evidence: entries });

describe('deploy before merge: evidence files', () => {
  test.each([
    {
      name: 'stage pending: no evidence yet',
      entries: [],
      verdict: 'needs-rollout',
      code: 1,
      states: ['pending', 'pending', 'pending'],
      next: 'stage 1 of 3 (canary, 1%): pending, no evidence yet (bake 1h once it succeeds)',
    },
    {
      name: 'stage pending: the deploy is running',
      entries: [{ stage: 'canary', state: 'pending', at: ago(5) }],
      verdict: 'needs-rollout',
      code: 1,
      states: ['pending', 'pending', 'pending'],
      next: `stage 1 of 3 (canary, 1%): pending since ${ago(5)}`,
    },
    {
      name: 'bake not elapsed: stage 2 baking',
      entries: [
        { stage: 'canary', state: 'success', at: ago(300), url: 'https://ci.example/canary/1' },
        { stage: 'early', state: 'success', at: ago(73) },
      ],
      verdict: 'needs-rollout',
      code: 1,
      states: ['done', 'baking', 'pending'],
      next: 'stage 2 of 3 (early, 10%): baking, 47 min left',
    },
    {
      name: 'complete: every stage done → pass',
      entries: [
        { stage: 'canary', state: 'success', at: ago(600), url: 'https://ci.example/canary/1' },
        { stage: 'early', state: 'success', at: ago(300) },
        { stage: 'all', state: 'success', at: ago(10) },
      ],
      verdict: 'pass',
      code: 0,
      states: ['done', 'done', 'done'],
      next: 'all 3 stages done',
    },
  ])('$name', async ({ entries, verdict, code, states, next }) => {
    const dir = change({ 'after/.configgate/rollout.yaml': PLAN, 'evidence.json': evidence(entries) });
    const out = await run(dir, '--evidence', 'evidence.json', '--format', 'json');
    expect(out.stderr).toBe('');
    expect(out.json.verdict).toBe(verdict);
    expect(out.code).toBe(code);
    expect(out.json.rollout.mode).toBe('deploy');
    expect(out.json.rollout.plan.source).toBe('.configgate/rollout.yaml');
    expect(out.json.rollout.stages.map((s: { state: string }) => s.state)).toEqual(states);
    expect(out.json.rollout.next).toBe(next);
    expect(out.json.rollout.satisfied).toBe(verdict === 'pass');
    expect(out.json.findings.map((f: { policy: string }) => f.policy)).toEqual(['blast-radius.limit']);
  });

  test('bake not elapsed: bakeLeftMinutes and since in the contract', async () => {
    const dir = change({
      'after/.configgate/rollout.yaml': PLAN,
      'evidence.json': evidence([{ stage: 'canary', state: 'success', at: ago(300) }, { stage: 'early', state: 'success', at: ago(73) }]),
    });
    const { json } = await run(dir, '--evidence', 'evidence.json', '--format', 'json');
    expect(json.rollout.stages[1]).toEqual({
      name: 'early',
      scope: { share: 10 },
      state: 'baking',
      since: ago(73),
      bakeLeftMinutes: 47,
      evidence: [{ kind: 'file', name: 'early', state: 'success', at: ago(73) }],
    });
  });

  test('complete → pass: the text report says so and links each piece of evidence', async () => {
    const dir = change({
      'after/.configgate/rollout.yaml': PLAN,
      'evidence.json': evidence([
        { stage: 'canary', state: 'success', at: ago(600), url: 'https://ci.example/canary/1' },
        { stage: 'early', state: 'success', at: ago(300), url: 'https://ci.example/early/7' },
        { stage: 'all', state: 'success', at: ago(10), url: 'https://ci.example/all/9' },
      ]),
    });
    const out = await run(dir, '--evidence', 'evidence.json');
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toMatch(/^✔ pass — 0 blocking, 1 needs rollout/);
    expect(lines).toContain('Rollout: staged rollout complete (deploy before merge, plan .configgate/rollout.yaml): the needs-rollout is satisfied');
    for (const url of ['https://ci.example/canary/1', 'https://ci.example/early/7', 'https://ci.example/all/9']) expect(out.stdout).toContain(`(${url})`);
    const md = await run(dir, '--evidence', 'evidence.json', '--format', 'markdown');
    expect(md.stdout).toContain('([link](https://ci.example/early/7))');
    expect(md.stdout).toContain('```mermaid\nflowchart LR\n');
  });

  test('a failed health check blocks, naming the stage and the check', async () => {
    const dir = change({
      'after/.configgate/rollout.yaml': PLAN,
      'evidence.json': evidence([
        { stage: 'canary', state: 'success', at: ago(300) },
        { stage: 'canary', state: 'failure', at: ago(20), kind: 'deployment', name: 'canary', url: 'https://ci.example/canary/2' },
      ]),
    });
    const { json, code } = await run(dir, '--evidence', 'evidence.json', '--format', 'json');
    expect(code).toBe(1);
    expect(json.verdict).toBe('block');
    const failed = json.findings.find((f: { policy: string }) => f.policy === 'rollout.health-failed');
    expect(failed).toMatchObject({ level: 'block', messageId: 'health-failed', file: '.configgate/rollout.yaml', path: 'stages[name=canary]', line: 2 });
    expect(failed.message).toBe(
      `stage 1 of 3 (canary): deployment canary failed at ${ago(20)} (https://ci.example/canary/2); roll the stage back (undo the change) before widening`,
    );
    expect(json.rollout.stages[0].state).toBe('failed');
  });

  test('evidence for a stage the plan does not have is a notice', async () => {
    const dir = change({ 'after/.configgate/rollout.yaml': PLAN, 'evidence.json': evidence([{ stage: 'canry', state: 'success', at: ago(5) }]) });
    const { json } = await run(dir, '--evidence', 'evidence.json', '--format', 'json');
    expect(json.findings.find((f: { policy: string }) => f.policy === 'rollout.unknown-stage')).toMatchObject({
      level: 'notice',
      message: 'evidence names stage "canry", which the plan does not have (stages: canary, early, all)',
    });
  });
});

describe('plans and their limits', () => {
  test('no plan in the change: the default plan, the next step specific to the flag', async () => {
    const { json, code } = await run(change(), '--format', 'json');
    expect(code).toBe(1);
    expect(json.verdict).toBe('needs-rollout');
    expect(json.rollout.mode).toBe('progressive');
    expect(json.rollout.plan.source).toBe('(default plan)');
    expect(json.rollout.plan.stages.map((s: { name: string }) => s.name)).toEqual(['canary', 'early', 'half', 'all']);
    expect(json.rollout.next).toBe(
      'flags.yaml:2 blast-radius.limit: first give flag search a rollout percentage of 1 (stage canary) instead of switching it on for everyone, bake 60m',
    );
  });

  test("no plan in the change: the config's rollout.stages are the default", async () => {
    const dir = change({
      '.configgate.yml': 'rollout:\n  stages:\n    - { name: one-host, scope: { hosts: [web-1] }, bake: 45m }\n    - { name: fleet, share: 100, bakeMinutes: 0 }\n',
      'evidence.json': evidence([{ stage: 'one-host', state: 'success', at: ago(30) }]),
    });
    const { json } = await run(dir, '--evidence', 'evidence.json', '--format', 'json');
    expect(json.rollout.mode).toBe('deploy');
    expect(json.rollout.plan.source).toBe('.configgate.yml (rollout.stages)');
    expect(json.rollout.next).toBe('stage 1 of 2 (one-host, hosts: web-1): baking, 15 min left');
  });

  const tooAggressive = [
    'stages:',
    '  - { name: half, scope: { share: 50 }, bake: 1h }',
    '  - { name: all, scope: { share: 100 }, bake: 0m }',
    '',
  ].join('\n');

  test.each([
    {
      name: 'first stage 50%',
      plan: tooAggressive,
      findings: [{ messageId: 'first-stage-too-wide', path: 'stages[name=half]', line: 2, message: 'stage 1 "half": reaches 50%, the first stage may reach at most 1%' }],
    },
    {
      name: 'a step over ×10 and a bake under 30m',
      plan: 'stages:\n  - { name: canary, scope: { share: 1 }, bake: 10m }\n  - { name: all, scope: { share: 100 }, bake: 0m }\n',
      findings: [
        { messageId: 'bake-too-short', path: 'stages[name=canary]', line: 2, message: 'stage 1 "canary": bakes 10m, at least 30 min before the next stage' },
        { messageId: 'step-too-large', path: 'stages[name=all]', line: 3, message: 'stage 2 "all": widens 1% → 100% (×100), at most ×10 a stage' },
      ],
    },
    {
      name: 'everyone before the last stage',
      plan: 'stages:\n  - { name: canary, scope: { share: 1 }, bake: 1h }\n  - { name: early, scope: { share: 10 }, bake: 1h }\n  - { name: all, scope: { share: 100 }, bake: 1h }\n  - { name: after, scope: { share: 10, regions: [eu-west-1] }, bake: 1h }\n',
      findings: [{ messageId: 'last-stage-not-last', path: 'stages[name=all]', line: 4, message: 'stage 3 "all": reaches 100% before the last stage ("after")' }],
    },
  ])('plan too aggressive: $name → block, a finding naming the stage', async ({ plan, findings }) => {
    const { json, code } = await run(change({ 'after/.configgate/rollout.yaml': plan }), '--format', 'json');
    expect(code).toBe(1);
    expect(json.verdict).toBe('block');
    const got = json.findings.filter((f: { policy: string }) => f.policy === 'rollout.plan-limits');
    expect(got.map(({ messageId, path, line, message }: Record<string, unknown>) => ({ messageId, path, line, message }))).toEqual(findings);
    expect(got.every((f: { file: string; level: string }) => f.file === '.configgate/rollout.yaml' && f.level === 'block')).toBe(true);
  });

  test('plan limits are options of rollout.plan-limits (and its level)', async () => {
    const dir = change({
      'after/.configgate/rollout.yaml': tooAggressive,
      '.configgate.yml': 'rules:\n  rollout.plan-limits: [warn, { maxFirstShare: 50 }]\n',
    });
    const { json } = await run(dir, '--format', 'json');
    expect(json.findings.filter((f: { policy: string }) => f.policy === 'rollout.plan-limits')).toEqual([]);
    const warned = await run(change({ 'after/.configgate/rollout.yaml': tooAggressive, '.configgate.yml': 'rules:\n  rollout.plan-limits: warn\n' }), '--format', 'json');
    expect(warned.json.findings.find((f: { policy: string }) => f.policy === 'rollout.plan-limits').level).toBe('warn');
  });

  test.each([
    ['a plan that is not a plan', { 'after/.configgate/rollout.yaml': 'stages: 3\n' }, [], 'configgate: .configgate/rollout.yaml:1: invalid rollout plan: /stages must be array\n'],
    ['a missing evidence file', {}, ['--evidence', 'nope.json'], `configgate: ${'<dir>'}/nope.json: evidence file not found\n`],
    ['bad evidence', { 'e.json': '{"evidence":[{"stage":"canary","state":"done","at":"2026-12-02T10:00:00Z"}]}' }, ['--evidence', 'e.json'], 'configgate: <dir>/e.json: invalid evidence: /evidence/0/state must be equal to one of the allowed values (success, failure, pending)\n'],
    ['an unknown plan-limits option', { '.configgate.yml': 'rules:\n  rollout.plan-limits: [block, { maxFirst: 2 }]\n' }, [], 'configgate: .configgate.yml:2: options of "rollout.plan-limits": unknown option "maxFirst"; it takes maxFirstShare, maxStepFactor, minBakeMinutes, minBake\n'],
  ])('%s: one line, exit 2', async (_name, files, args, message) => {
    const dir = change(files as Record<string, string>);
    const out = await run(dir, ...(args as string[]));
    expect(out.code).toBe(2);
    expect(out.stderr.replace(dir, '<dir>')).toBe(message);
  });
});

describe('the library', () => {
  test('runGate with an evidence reader: the plan is handed to it, complete evidence passes', async () => {
    const { runGate } = await import('../../src/index.js');
    const dir = change({ 'after/.configgate/rollout.yaml': PLAN });
    const asked: string[][] = [];
    const result = await runGate({
      cwd: dir,
      source: { kind: 'compare', before: 'before', after: 'after' },
      now: new Date(NOW),
      evidence: {
        kind: 'reader',
        read: async (plan) => {
          asked.push(plan.stages.map((s) => s.name));
          return plan.stages.map((s, i) => ({ stage: s.name, state: 'success' as const, at: ago(600 - i * 200), kind: 'script', name: `deploy-${s.name}` }));
        },
      },
    });
    expect(asked).toEqual([['canary', 'early', 'all']]);
    expect(result.verdict).toBe('pass');
    expect(result.rollout?.satisfied).toBe(true);
    expect(result.rollout?.stages.map((s) => s.evidence[0].name)).toEqual(['deploy-canary', 'deploy-early', 'deploy-all']);
  });
});
