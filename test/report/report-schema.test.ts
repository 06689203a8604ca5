// schemas/report.schema.json describes the JSON contract: every JSON report validates, the
// snapshots of every verdict and real runs alike, and the schema requires what the contract promises.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaValidator } from '../../src/ajv.js';
import { check, format } from '../../src/check.js';
import { ROOT } from '../support/cli.js';

const validate = schemaValidator('report.schema.json');
const errors = (value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe('schemas/report.schema.json', () => {
  it.each(['block', 'pass', 'warn', 'rollout'])('the %s snapshot validates', (name) => {
    const report = JSON.parse(readFileSync(join(ROOT, 'test/report/__snapshots__', `${name}.json`), 'utf8'));
    expect(errors(report)).toEqual([]);
  });

  it('a real run validates, with a column on every finding that has a line', async () => {
    const result = await check({
      before: { 'svc/app.yaml': 'logLevel: info\nreplicas: 4\n', 'svc/routes.yaml': 'pools:\n  - name: a\n    weight: 50\n  - name: b\n    weight: 50\n' },
      after: { 'svc/app.yaml': 'logLevel: debug\nreplicas: 1\n', 'svc/routes.yaml': 'pools:\n  - name: a\n    weight: 100\n' },
    });
    const report = JSON.parse(format(result, 'json'));
    expect(errors(report)).toEqual([]);
    expect(report.findings.length).toBeGreaterThan(2);
    for (const f of report.findings) expect(f.column).toBeGreaterThan(0);
  });

  it.each([
    ['a finding without column', (r: { findings: Array<Record<string, unknown>> }) => delete r.findings[0].column, /must have required property 'column'/],
    ['an unknown verdict', (r: Record<string, unknown>) => (r.verdict = 'maybe'), /verdict must be equal to one of the allowed values/],
    ['a negative column', (r: { findings: Array<Record<string, unknown>> }) => (r.findings[0].column = -1), /column must be >= 0/],
  ])('refuses %s', (_name, spoil, message) => {
    const report = JSON.parse(readFileSync(join(ROOT, 'test/report/__snapshots__/block.json'), 'utf8'));
    spoil(report);
    expect(errors(report).join('\n')).toMatch(message);
  });
});
