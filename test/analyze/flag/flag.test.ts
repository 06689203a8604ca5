import { describe, expect, it } from 'vitest';
import { fileDiff } from '../../support/analyze.js';
import { analyzeFlags } from '../../../src/analyze/flag/index.js';

const run = (before: unknown, after: unknown, file = 'flags.yaml') =>
  analyzeFlags([fileDiff(file, before, after)], { options: {} }).map((s) => ({
    kind: s.kind, direction: s.direction, share: s.scope.share, basis: s.scope.basis, ...s.data,
  }));

describe('analyzeFlags', () => {
  it.each([
    ['switched on everywhere', { features: { newCheckout: { enabled: false } } }, { features: { newCheckout: { enabled: true } } },
      [{ kind: 'flag-enabled', direction: 'risky', share: 100, basis: 'assumed', flag: 'newCheckout', exposed: 100 }]],
    ['switched on for 1%', { flags: [{ key: 'beta', enabled: false }] }, { flags: [{ key: 'beta', enabled: true, rollout: { percentage: 1 } }] },
      [{ kind: 'flag-enabled', direction: 'risky', share: 1, flag: 'beta' }]],
    ['widened 5% → 10% exposes 5%', { flags: [{ key: 'co', enabled: true, rollout: { percentage: 5 } }] }, { flags: [{ key: 'co', enabled: true, rollout: { percentage: 10 } }] },
      [{ kind: 'flag-widened', direction: 'risky', share: 5, from: 5, to: 10 }]],
    ['widened 10% → 100%', { featureFlags: { x: { on: true, percentage: 10 } } }, { featureFlags: { x: { on: true, percentage: 100 } } },
      [{ kind: 'flag-widened', share: 90 }]],
    ['a bare boolean flag', { toggles: { darkMode: false } }, { toggles: { darkMode: true } }, [{ kind: 'flag-enabled', share: 100 }]],
    ['switched off is safe', { features: { a: { enabled: true } } }, { features: { a: { enabled: false } } }, [{ kind: 'flag-disabled', direction: 'safe' }]],
    ['narrowed is safe', { flags: { a: { enabled: true, percentage: 50 } } }, { flags: { a: { enabled: true, percentage: 10 } } }, [{ kind: 'flag-narrowed', direction: 'safe' }]],
    ['a new flag switched off says nothing', { flags: {} }, { flags: { a: { enabled: false } } }, []],
    ['a new entry under features is not read as a flag switched on', { features: [{ name: 'f1', enabled: true }] }, { features: [{ name: 'f1', enabled: true }, { name: 'f2', enabled: true }] }, []],
    ['a description edit says nothing', { flags: { a: { enabled: true, description: 'x' } } }, { flags: { a: { enabled: true, description: 'y' } } }, []],
    ['enabled outside a flag container is not a flag', { autoscaling: { enabled: false } }, { autoscaling: { enabled: true } }, []],
  ])('%s', (_name, before, after, expected) => {
    const got = run(before, after);
    expect(got).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(got[i]).toMatchObject(e));
  });
});
