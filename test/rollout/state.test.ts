import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parsePlanText } from '../../src/rollout/plan.js';
import { parseEvidence, parseEvidenceText, readEvidenceFile } from '../../src/rollout/evidence.js';
import { stageStates } from '../../src/rollout/state.js';
import type { EvidenceState } from '../../src/rollout/types.js';
import { InputError } from '../../src/errors.js';

const PLAN = parsePlanText(
  'rollout.yaml',
  `stages:
  - { name: canary, scope: { share: 1 }, bake: 1h }
  - { name: early, scope: { share: 10 }, bake: 2h }
  - { name: half, scope: { share: 50, regions: [eu-west-1] }, bake: 4h }
  - { name: all, scope: { share: 100 }, bake: 0m }
`,
);

const NOW = new Date('2026-12-02T12:00:00Z');
/** An ISO time `minutes` before NOW. */
const ago = (minutes: number): string => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const ev = (stage: string, state: EvidenceState, minutesAgo: number, url?: string) =>
  parseEvidence([{ stage, state, at: ago(minutesAgo), ...(url ? { url } : {}) }], 'evidence.json')[0];

describe('stageStates', () => {
  test.each([
    {
      name: 'no evidence: every stage pending',
      evidence: [],
      states: ['pending', 'pending', 'pending', 'pending'],
      left: [undefined, undefined, undefined, undefined],
      satisfied: false,
      next: 'stage 1 of 4 (canary, 1%): pending, no evidence yet (bake 1h once it succeeds)',
    },
    {
      name: 'stage 2 baking with minutes left',
      evidence: [ev('canary', 'success', 300), ev('early', 'success', 73)],
      states: ['done', 'baking', 'pending', 'pending'],
      left: [undefined, 47, undefined, undefined],
      satisfied: false,
      next: 'stage 2 of 4 (early, 10%): baking, 47 min left',
    },
    {
      name: 'bake left rounds up to whole minutes',
      evidence: [ev('canary', 'success', 59.5)],
      states: ['baking', 'pending', 'pending', 'pending'],
      left: [1, undefined, undefined, undefined],
      satisfied: false,
      next: 'stage 1 of 4 (canary, 1%): baking, 1 min left',
    },
    {
      name: 'a bake of exactly its time is done',
      evidence: [ev('canary', 'success', 60)],
      states: ['done', 'pending', 'pending', 'pending'],
      left: [undefined, undefined, undefined, undefined],
      satisfied: false,
      next: 'stage 2 of 4 (early, 10%): pending, no evidence yet (bake 2h once it succeeds)',
    },
    {
      name: 'all done → satisfied',
      evidence: [ev('canary', 'success', 1000), ev('early', 'success', 900), ev('half', 'success', 500), ev('all', 'success', 1)],
      states: ['done', 'done', 'done', 'done'],
      left: [undefined, undefined, undefined, undefined],
      satisfied: true,
      next: 'all 4 stages done',
    },
    {
      name: 'a failure → failed, named even when an earlier stage still bakes',
      evidence: [ev('canary', 'success', 30), ev('half', 'failure', 5, 'https://ci.example/run/7')],
      states: ['baking', 'pending', 'failed', 'pending'],
      left: [30, undefined, undefined, undefined],
      satisfied: false,
      next: `stage 3 of 4 (half, 50%, eu-west-1): failed at ${ago(5)} (https://ci.example/run/7)`,
    },
    {
      name: 'a success after a failure (a retry) bakes from the retry',
      evidence: [ev('canary', 'failure', 200), ev('canary', 'success', 100), ev('canary', 'success', 10)],
      states: ['done', 'pending', 'pending', 'pending'],
      left: [undefined, undefined, undefined, undefined],
      satisfied: false,
      next: 'stage 2 of 4 (early, 10%): pending, no evidence yet (bake 2h once it succeeds)',
    },
    {
      name: 'a failure after a success → failed',
      evidence: [ev('canary', 'success', 200), ev('canary', 'failure', 3)],
      states: ['failed', 'pending', 'pending', 'pending'],
      left: [undefined, undefined, undefined, undefined],
      satisfied: false,
      next: `stage 1 of 4 (canary, 1%): failed at ${ago(3)}`,
    },
    {
      name: 'pending evidence → pending since then',
      evidence: [ev('canary', 'pending', 4)],
      states: ['pending', 'pending', 'pending', 'pending'],
      left: [undefined, undefined, undefined, undefined],
      satisfied: false,
      next: `stage 1 of 4 (canary, 1%): pending since ${ago(4)}`,
    },
  ])('$name', ({ evidence, states, left, satisfied, next }) => {
    const result = stageStates(PLAN, evidence, NOW);
    expect(result.stages.map((s) => s.state)).toEqual(states);
    expect(result.stages.map((s) => s.bakeLeftMinutes)).toEqual(left);
    expect(result.satisfied).toBe(satisfied);
    expect(result.next).toBe(next);
  });

  test('each stage carries its own evidence, oldest first, and since', () => {
    const evidence = [ev('early', 'success', 10, 'https://deploy/2'), ev('early', 'pending', 20), ev('canary', 'success', 300)];
    const [canary, early] = stageStates(PLAN, evidence, NOW).stages;
    expect(canary.evidence).toEqual([{ state: 'success', at: ago(300), kind: 'file', name: 'canary' }]);
    expect(early.evidence.map((e) => e.state)).toEqual(['pending', 'success']);
    expect(early.since).toBe(ago(10));
    expect(early.scope).toEqual({ share: 10 });
  });

  test('evidence for a stage the plan lacks is reported, not dropped silently', () => {
    expect(stageStates(PLAN, [ev('beta', 'success', 5)], NOW).unknownStages).toEqual(['beta']);
  });
});

describe('evidence files', () => {
  test('the object form and the bare array are the same evidence', () => {
    const entries = [{ stage: 'canary', state: 'success', at: '2026-12-02T10:00:00Z', url: 'https://x/1' }];
    expect(parseEvidenceText('e.json', JSON.stringify({ evidence: entries }))).toEqual(parseEvidenceText('e.json', JSON.stringify(entries)));
    expect(parseEvidenceText('e.json', JSON.stringify(entries))).toEqual([{ stage: 'canary', state: 'success', at: '2026-12-02T10:00:00Z', url: 'https://x/1', kind: 'file', name: 'canary' }]);
  });

  test.each([
    ['not JSON', '{ evidence: ', 'e.json: not valid JSON ('],
    ['an unknown state', '[{"stage":"a","state":"ok","at":"2026-12-02T10:00:00Z"}]', 'e.json: invalid evidence: /0/state must be equal to one of the allowed values (success, failure, pending)'],
    ['a time without a zone', '{"evidence":[{"stage":"a","state":"success","at":"2026-12-02 10:00"}]}', 'e.json: invalid evidence: /evidence/0/at must match format "date-time"'],
    ['no stage', '{"evidence":[{"state":"success","at":"2026-12-02T10:00:00Z"}]}', "e.json: invalid evidence: /evidence/0 must have required property 'stage'"],
    ['an unknown key', '{"evidence":[],"extra":1}', 'e.json: invalid evidence: / must NOT have additional properties "extra"'],
    ['not an object or array', '"done"', 'e.json: invalid evidence: / must be object'],
  ])('%s → one-line error', (_name, text, message) => {
    let error: unknown;
    try {
      parseEvidenceText('e.json', text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message.startsWith(message)).toBe(true);
    expect((error as InputError).message).not.toContain('\n');
  });

  test('a file on disk, and a missing one named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'configgate-evidence-'));
    const path = join(dir, 'evidence.json');
    writeFileSync(path, '[{"stage":"canary","state":"failure","at":"2026-12-02T10:00:00Z"}]');
    expect(readEvidenceFile(path).map((e) => e.state)).toEqual(['failure']);
    expect(() => readEvidenceFile(join(dir, 'none.json'))).toThrow(`${join(dir, 'none.json')}: evidence file not found`);
  });
});

describe('stageStates: a stage that names checks needs every check green', () => {
  const plan = parsePlanText(
    'rollout.yaml',
    'stages:\n  - { name: canary, scope: { share: 1 }, bake: 1h, checks: [{ kind: deployment, name: canary }, { kind: check-run, name: smoke }] }\n  - { name: all, scope: { share: 100 }, bake: 0m }\n',
  );
  const from = (kind: string, name: string, state: EvidenceState, minutesAgo: number) =>
    parseEvidence([{ stage: 'canary', state, at: ago(minutesAgo), kind, name }], 'github')[0];

  test.each([
    { name: 'one check green, the other not reported: pending', evidence: [from('deployment', 'canary', 'success', 300)], state: 'pending', left: undefined },
    {
      name: 'both green: the bake runs from the later one',
      evidence: [from('deployment', 'canary', 'success', 300), from('check-run', 'smoke', 'success', 40)],
      state: 'baking',
      left: 20,
    },
    {
      name: 'a green deployment after a failed smoke check: failed',
      evidence: [from('check-run', 'smoke', 'failure', 200), from('deployment', 'canary', 'success', 100)],
      state: 'failed',
      left: undefined,
    },
    { name: 'evidence from a file (no check named) counts for the whole stage', evidence: [ev('canary', 'success', 300)], state: 'done', left: undefined },
  ])('$name', ({ evidence, state, left }) => {
    const [canary] = stageStates(plan, evidence, NOW).stages;
    expect(canary.state).toBe(state);
    expect(canary.bakeLeftMinutes).toBe(left);
  });
});
