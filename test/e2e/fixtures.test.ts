import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliInProcess, ROOT } from '../support/cli.js';

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

const ARGS = ['compare', 'before', 'after', '--format', 'json', '--fail-on', 'never'];

interface Expected {
  verdict: 'pass' | 'warn' | 'needs-rollout' | 'block';
  policies?: string[];
}

// Through the CLI's in-process entry; one fixture also through the process, to show the two agree.
describe('fixtures end to end through the CLI', () => {
  it('has the incident and benign sets', () => {
    expect(cases.filter((c) => c.group === 'incidents').length).toBeGreaterThanOrEqual(8);
    expect(cases.filter((c) => c.group === 'benign').length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('$group/$name', async ({ dir }) => {
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const run = await cliInProcess(ARGS, dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { verdict: string; findings: Array<{ policy: string; level: string; message: string }> };
    const summary = report.findings.map((f) => `${f.level} ${f.policy}: ${f.message}`);
    expect({ verdict: report.verdict, summary }).toMatchObject({ verdict: expected.verdict });
    for (const policy of expected.policies ?? []) {
      expect(report.findings.map((f) => f.policy), summary.join('\n')).toContain(policy);
    }
  });

  it('an incident through the configgate process gives the same report', async () => {
    const dir = cases.find((c) => c.group === 'incidents')!.dir;
    const [spawned, inProcess] = [cli(ARGS, dir), await cliInProcess(ARGS, dir)];
    expect(spawned.stderr).toBe('');
    expect(spawned.code).toBe(0);
    expect(JSON.parse(spawned.stdout)).toEqual(JSON.parse(inProcess.stdout));
  });

  // Found moving these tests in-process: the labels were relative to the process's cwd, not the run's.
  it('compare labels its sides relative to the cwd of the run, not of the process', async () => {
    const dir = cases[0].dir;
    const report = JSON.parse((await cliInProcess(ARGS, dir)).stdout) as { base: string; head: string };
    expect({ base: report.base, head: report.head }).toEqual({ base: 'before/', head: 'after/' });
  });
});
