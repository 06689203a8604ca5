import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../support/cli.js';

// Every fixture folder: before/, after/, expected.json { verdict, policies? }, and optionally
// a .configgate.yml (with its inventory) beside before/ and after/.
const groups = ['incidents', 'benign'];
const cases = groups.flatMap((group) => {
  const dir = join(ROOT, 'test', 'fixtures', group);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'expected.json')))
    .map((name) => ({ group, name, dir: join(dir, name) }));
});

interface Expected {
  verdict: 'pass' | 'warn' | 'needs-rollout' | 'block';
  policies?: string[];
}

describe('fixtures end to end through the CLI', () => {
  it('has the incident and benign sets', () => {
    expect(cases.filter((c) => c.group === 'incidents').length).toBeGreaterThanOrEqual(8);
    expect(cases.filter((c) => c.group === 'benign').length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('$group/$name', ({ dir }) => {
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const run = cli(['compare', 'before', 'after', '--format', 'json', '--fail-on', 'never'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { verdict: string; findings: Array<{ policy: string; level: string; message: string }> };
    const summary = report.findings.map((f) => `${f.level} ${f.policy}: ${f.message}`);
    expect({ verdict: report.verdict, summary }).toMatchObject({ verdict: expected.verdict });
    for (const policy of expected.policies ?? []) {
      expect(report.findings.map((f) => f.policy), summary.join('\n')).toContain(policy);
    }
  });
});
