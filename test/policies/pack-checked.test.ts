// The built-in pack is loaded without its run-time checks (no policy-schema validation, CEL
// compiled on first evaluation, options schemas not compiled): these tests are those checks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPolicyDir } from '../../src/assets.js';
import { loadDataPolicy } from '../../src/evaluate/data-policy.js';
import { validatePolicy } from '../../src/evaluate/validate-policy.js';
import { GATE_CHECKS } from '../../src/evaluate/index.js';
import type { Policy } from '../../src/evaluate/index.js';

const files = readdirSync(builtinPolicyDir()).filter((name) => /\.ya?ml$/.test(name));

describe('the built-in pack passes every check a user policy passes at load', () => {
  it.each(files)('policies/%s: valid against policy.schema.json, CEL compiles, defaults match its options schema', (name) => {
    const text = readFileSync(join(builtinPolicyDir(), name), 'utf8');
    // Loaded under a user's path: the eager path (schema, CEL compile, validatePolicy).
    const policy = loadDataPolicy(`policies/${name}`, text);
    expect(policy.id).toMatch(/\./);
  });

  it.each(Object.keys(GATE_CHECKS))('gate check %s: options schema compiles and accepts its defaults', (id) => {
    const policy = (GATE_CHECKS as Record<string, Policy>)[id]!;
    expect(() => validatePolicy({ ...policy, source: 'gate-checks.ts' })).not.toThrow();
  });

  it('a built-in policy compiles its CEL when first evaluated, not at load', () => {
    const name = 'capacity.drop-limit.yaml';
    const text = readFileSync(join(builtinPolicyDir(), name), 'utf8').replace(/^when: ".*"$/m, 'when: "signal.kind in ["');
    expect(text).toMatch(/^when: "signal.kind in \["$/m);
    expect(() => loadDataPolicy(`policies/${name}`, text)).toThrow(/^policies\/capacity\.drop-limit\.yaml:21: /);
    const lazy = loadDataPolicy(`builtin:${name}`, text);
    expect(lazy.id).toMatch(/\./);
  });
});
