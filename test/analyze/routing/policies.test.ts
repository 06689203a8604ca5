import { test, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadDataPolicy } from '../../../src/evaluate/data-policy.js';
import { runPolicyExamples } from '../../../src/evaluate/tester.js';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const root = fileURLToPath(new URL('../../..', import.meta.url));
// the pack: blast-radius.limit consults the thresholds of the policies that claim a kind
const pack = readdirSync(`${root}/policies`).filter((f) => f.endsWith('.yaml')).map((f) => loadDataPolicy(f, readFileSync(`${root}/policies/${f}`, 'utf8')));
for (const f of ['verbosity.global-raise', 'routing.capacity-headroom', 'routing.no-empty-pool', 'routing.traffic-shift-limit', 'routing.export-narrowed', 'routing.failover-removed', 'routing.selector-unverified', 'routing.peers-unverified', 'blast-radius.limit']) {
  test(f, () => {
    const p = `${root}/policies/${f}.yaml`;
    const pol = loadDataPolicy(p, readFileSync(p, 'utf8'));
    const res = runPolicyExamples(pol, pack);
    const bad = res.filter((r) => r.problems.length).map((r) => `${r.kind}#${r.index} ${(r.example as { name?: string }).name}: ${r.problems.join('; ')} [${r.findings.map((x) => x.message).join(' | ')}]`);
    expect(bad).toEqual([]);
  });
}

// peers-removed is claimed by routing.peers-unverified: a warning, never escalated to a rollout by blast-radius.limit.
test('BGP peers removed with the rest unknown: one warning, no rollout', async () => {
  const p = `${root}/policies/routing.peers-unverified.yaml`;
  const pol = loadDataPolicy(p, readFileSync(p, 'utf8'));
  const [invalid] = runPolicyExamples(pol, pack).filter((r) => r.kind === 'invalid');
  expect(invalid!.findings.map((f) => [f.policy, f.level, f.messageId])).toEqual([['routing.peers-unverified', 'warn', 'unverified']]);
});
