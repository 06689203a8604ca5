// The entitlement / capacity incident fixtures and this analyzer set's benign fixtures, through
// the gate in-process (the e2e test runs the same folders through the built CLI).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeSet, FileDelta } from '../../../src/model.js';
import { fsReader, loadSetup } from '../../../src/config/index.js';
import { runPipeline } from '../../../src/gate.js';

const ROOT = join(import.meta.dirname, '..', '..', 'fixtures');

/** Relative paths of the config files under `dir` (what `compare` would pick up by default). */
function walk(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), `${prefix}${e.name}/`) : /\.(ya?ml|json)$/.test(e.name) ? [`${prefix}${e.name}`] : [],
  );
}

function changeSet(dir: string): ChangeSet {
  const read = (side: string, path: string) => {
    const text = readFileSync(join(dir, side, path), 'utf8');
    return { path, text, bytes: Buffer.byteLength(text) };
  };
  const before = new Set(walk(join(dir, 'before')));
  const after = new Set(walk(join(dir, 'after')));
  const files: FileDelta[] = [];
  for (const path of new Set([...before, ...after])) {
    const b = before.has(path) ? read('before', path) : undefined;
    const a = after.has(path) ? read('after', path) : undefined;
    if (b && a && b.text === a.text) continue;
    files.push({ status: !b ? 'added' : !a ? 'deleted' : 'modified', path, ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) });
  }
  return { baseLabel: 'before', headLabel: 'after', files, skipped: [] };
}

async function gate(dir: string) {
  const configPath = existsSync(join(dir, '.configgate.yml')) ? join(dir, '.configgate.yml') : undefined;
  const setup = await loadSetup({ reader: fsReader(dir), configPath });
  return runPipeline({ changeSet: changeSet(dir), setup, failOn: 'never' });
}
const BENIGN = [
  'entitlement-exempt-internal-caller', 'entitlement-exempt-internal-flag', 'entitlement-plan-adds-endpoint',
  'entitlement-plan-description', 'entitlement-new-plan', 'quota-increase', 'capacity-increase',
  'generated-file-small-growth', 'deletion-one-of-thirty', 'capacity-hpa-ceiling-raised', 'deletion-retain-policy',
  'schema-valid-change',
];
const incidents = readdirSync(join(ROOT, 'incidents')).filter((n) => /^(entitlement|capacity)-/.test(n));
const cases = [
  ...incidents.map((name) => ({ group: 'incidents', name })),
  ...BENIGN.map((name) => ({ group: 'benign', name })),
].filter(({ group, name }) => existsSync(join(ROOT, group, name, 'expected.json')));

describe('entitlement and capacity fixtures through the gate', () => {
  it('has the sets', () => {
    expect(incidents.filter((n) => n.startsWith('entitlement-')).length).toBeGreaterThanOrEqual(3);
    expect(incidents.filter((n) => n.startsWith('capacity-')).length).toBeGreaterThanOrEqual(2);
    expect(cases.filter((c) => c.group === 'benign')).toHaveLength(BENIGN.length);
  });

  it.each(cases)('$group/$name', async ({ group, name }) => {
    const dir = join(ROOT, group, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { verdict: string; policies?: string[] };
    const result = await gate(dir);
    const summary = result.findings.map((f) => `${f.level} ${f.policy}: ${f.message}`);
    expect(result.verdict, summary.join('\n')).toBe(expected.verdict);
    for (const p of expected.policies ?? []) expect(result.findings.map((f) => f.policy), summary.join('\n')).toContain(p);
    if (name.startsWith('entitlement-') && group === 'incidents') {
      const lost = result.findings.filter((f) => f.policy === 'entitlement.internal-callers-exempt');
      expect(lost.some((f) => /internal callers? (loses? access|becomes? chargeable|rate-limited below (its|their) usage): /.test(f.message))).toBe(true);
    }
  });
});
