import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATE_CHECKS, loadDataPolicy } from '../../src/evaluate/index.js';
import { runPolicyExamples } from '../../src/evaluate/tester.js';
import { ROOT } from '../support/cli.js';

const dir = join(ROOT, 'policies');
const policies = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => loadDataPolicy(`policies/${f}`, readFileSync(join(dir, f), 'utf8')));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

const REQUIRED = [
  'verbosity.global-raise', 'routing.capacity-headroom', 'routing.no-empty-pool', 'routing.traffic-shift-limit',
  'entitlement.internal-callers-exempt', 'capacity.drop-limit', 'quota.below-usage', 'size.growth-limit',
  'size.duplicate-identity', 'deletion.mass-removal', 'schema.valid', 'schema.emptied-field', 'blast-radius.limit',
];

describe('the built-in policy pack', () => {
  it('has every required policy, one file each, named by id', () => {
    expect(policies.map((p) => p.id)).toEqual(expect.arrayContaining(REQUIRED));
    for (const p of policies) expect(p.source).toBe(`policies/${p.id}.yaml`);
  });

  describe.each(policies.map((p) => [p.id, p] as const))('%s', (_id, policy) => {
    it('is documented: description, rationale, examples, a README entry', () => {
      expect(policy.meta.description.length).toBeGreaterThan(10);
      expect(policy.meta.rationale?.length ?? 0).toBeGreaterThan(10);
      expect(policy.meta.examples?.valid.length ?? 0).toBeGreaterThan(0);
      expect(policy.meta.examples?.invalid.length ?? 0).toBeGreaterThan(0);
      expect(readme).toContain(`\`${policy.id}\``);
    });

    const outcomes = runPolicyExamples(policy, policies);
    it.each(outcomes.map((o) => [`${o.kind} #${o.index + 1}`, o] as const))('example %s', (_name, outcome) => {
      expect(outcome.problems).toEqual([]);
    });
  });
});

describe("the gate's own checks", () => {
  it.each(Object.values(GATE_CHECKS).map((c) => [c.id, c] as const))('%s has a row in the README with its default level', (id, check) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${id.replace('.', '\\.')}\` \\| ${check.meta.defaultLevel} \\|`, 'm'));
  });
});
