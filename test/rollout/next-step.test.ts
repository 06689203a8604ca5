// The next step is specific to the change: found on real history (argoproj/argocd-example-apps),
// a whole file added or entries removed once read "set `` on the canary" — a bug, named here.
import { describe, expect, test } from 'vitest';
import type { Change, Signal } from '../../src/model.js';
import { specificStep } from '../../src/rollout/next-step.js';
import { parsePlanText } from '../../src/rollout/plan.js';

const PLAN = parsePlanText('rollout.yaml', 'stages:\n  - { name: canary, scope: { share: 1 }, bake: 1h }\n  - { name: early, scope: { share: 10, regions: [eu-west-1] }, bake: 2h }\n  - { name: all, scope: { share: 100 }, bake: 0m }\n');
const OPTS = { capacityStepPercent: 25 };

function change(pathText: string, kind: Change['kind'], before: unknown, after: unknown): Change {
  return { file: 'svc/app.yaml', document: 0, path: pathText ? pathText.split('.') : [], pathText, kind, before, after, line: 1 };
}

function signal(type: Signal['type'], pathText: string, changes: Change[], data: Record<string, unknown> = {}): Signal {
  return {
    type,
    kind: 'mass-removal',
    direction: 'risky',
    file: 'svc/app.yaml',
    document: 0,
    path: pathText ? pathText.split('.') : [],
    pathText,
    line: 1,
    changes,
    scope: { dimension: 'traffic', targets: ['*'], share: 100, basis: 'assumed' },
    summary: '',
    data,
  };
}

describe('specificStep', () => {
  test.each([
    {
      name: 'bug: a whole document added names the file, never an empty key',
      signal: signal('deletion', '', [change('', 'added', undefined, { a: 1 })]),
      stage: 0,
      step: 'apply the change to svc/app.yaml for stage canary, 1% (a scoped copy or an override, e.g. svc/app.canary.yaml), then widen it after the bake',
    },
    {
      name: 'bug: entries removed are removed a share at a time',
      signal: signal('deletion', 'hosts', Array.from({ length: 40 }, (_, i) => change(`hosts.${i}`, 'removed', `h${i}`, undefined))),
      stage: 1,
      step: 'remove 4 of the 40 entries of hosts next (stage early), the rest in later changes after each bake',
    },
    {
      name: 'a scalar setting at a region stage: the region override',
      signal: signal('verbosity', 'logLevel', [change('logLevel', 'modified', 'info', 'debug')]),
      stage: 1,
      step: 'set `logLevel: debug` for region eu-west-1 only next (e.g. `regions.eu-west-1.logLevel` in svc/app.yaml), stage early',
    },
    {
      name: 'capacity: a step of the drop limit, never the canary',
      signal: signal('capacity', 'spec.replicas', [change('spec.replicas', 'modified', 20, 5)], { from: 20, to: 5 }),
      stage: 0,
      step: 'lower spec.replicas 20 → 15 in this change (−25% at most a change), then on toward 5 after each bake',
    },
  ])('$name', ({ signal: s, stage, step }) => {
    expect(specificStep(s, PLAN.stages[stage], OPTS, stage === 0)).toBe(step);
  });
});
