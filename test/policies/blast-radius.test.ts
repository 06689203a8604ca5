// blast-radius.limit, the catch-all, through the whole pipeline (load → diff → analyze →
// evaluate → decide): it counts a risky signal only where its magnitude reaches the threshold
// of a pack policy that claims its kind, at that policy's options (issue 13 pattern 5, issue 7 item 4).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { dump } from 'js-yaml';
import type { ChangeSet } from '../../src/model.js';
import { fsReader, loadSetup } from '../../src/config/index.js';
import { runPipeline } from '../../src/gate.js';

const side = (path: string, value: unknown) => {
  const text = typeof value === 'string' ? value : dump(value);
  return { path, text, bytes: Buffer.byteLength(text) };
};

async function gate(file: string, before: unknown, after: unknown, config?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'configgate-br-'));
  let configPath: string | undefined;
  if (config) {
    configPath = join(dir, '.configgate.yml');
    writeFileSync(configPath, config);
    writeFileSync(join(dir, 'inventory.yml'), 'traffic:\n  region: { eu-west-1: 30, us-east-1: 70 }\n');
  }
  const setup = await loadSetup({ reader: fsReader(dir), configPath });
  const changeSet: ChangeSet = { baseLabel: 'base', headLabel: 'head', skipped: [], files: [{ status: 'modified', path: file, before: side(file, before), after: side(file, after) }] };
  return runPipeline({ changeSet, setup, failOn: 'never', now: new Date('2026-01-01T00:00:00Z') });
}

const r = (n: number, p = 'r') => Array.from({ length: n }, (_, i) => `${p}${i + 1}`);
const named = (n: number) => r(n).map((name) => ({ name, backend: `${name}.svc:80` }));
const replicas = (n: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { replicas: n } });

type Row = [name: string, file: string, before: unknown, after: unknown, verdict: string, findings: Array<[policy: string, line: number]>, config?: string];
const rows: Row[] = [
  // below every applicable policy's threshold: not a stop
  ["deletion.mass-removal's valid example: 2 of 12 routes removed", 'config.yaml', { routes: r(12) }, { routes: r(10) }, 'pass', []],
  ['2 of 12 named routes removed', 'config.yaml', { routes: named(12) }, { routes: named(10) }, 'pass', []],
  ['a file exactly ×2', 'hosts.yaml', { hosts: r(8, 'host-') }, { hosts: r(16, 'host-') }, 'pass', []],
  ['replicas 100 → 99', 'deploy.yaml', replicas(100), replicas(99), 'pass', []],
  ['a scrape interval 30s → 15s', 'prometheus.yml', { global: { scrape_interval: '30s' } }, { global: { scrape_interval: '15s' } }, 'pass', []],
  ['trace sampling 0.1 → 0.2', 'otel.yaml', { tracing: { sampler: { ratio: 0.1 } } }, { tracing: { sampler: { ratio: 0.2 } } }, 'pass', []],
  ['a 5% canary weight step', 'routes.yaml', { routes: [{ name: 'a', weight: 100 }, { name: 'b', weight: 0 }] }, { routes: [{ name: 'a', weight: 95 }, { name: 'b', weight: 5 }] }, 'pass', []],
  // over a claimant's threshold: the specific policy speaks, the catch-all stays silent
  ['5 of 12 routes removed', 'config.yaml', { routes: r(12) }, { routes: r(7) }, 'block', [['deletion.mass-removal', 9]]],
  ['replicas 100 → 50', 'deploy.yaml', replicas(100), replicas(50), 'needs-rollout', [['capacity.drop-limit', 6]]],
  ['a file ×3', 'hosts.yaml', { hosts: r(8, 'host-') }, { hosts: r(24, 'host-') }, 'warn', [['size.growth-limit', 1]]],
  ['half the traffic moved', 'routes.yaml', { routes: [{ name: 'a', weight: 100 }, { name: 'b', weight: 0 }] }, { routes: [{ name: 'a', weight: 50 }, { name: 'b', weight: 50 }] }, 'needs-rollout', [['routing.traffic-shift-limit', 3]]],
  // over a claimant's threshold, but that policy does not speak at this reach: the catch-all does
  ['a raise ×10 on 30% of traffic with global-raise allowing 50%', 'app.yaml', { regions: { 'eu-west-1': { logLevel: 'info' } } }, { regions: { 'eu-west-1': { logLevel: 'debug' } } }, 'needs-rollout', [['blast-radius.limit', 3]],
    'inventory: inventory.yml\nrules:\n  verbosity.global-raise: [block, { maxShare: 50 }]\n'],
  // a kind no policy claims: the catch-all's reach limit is the measure
  ['a feature flag switched on for everyone', 'flags.yaml', { featureFlags: { pay: { enabled: false } } }, { featureFlags: { pay: { enabled: true } } }, 'needs-rollout', [['blast-radius.limit', 3]]],
  // a claimant turned off silences its kind in the catch-all too
  ['mass removal with deletion.mass-removal off', 'config.yaml', { routes: r(12) }, { routes: r(2) }, 'pass', [], 'rules:\n  deletion.mass-removal: off\n'],
  // options move the threshold for both
  ['2 of 12 removed with maxSharePercent 10', 'config.yaml', { routes: r(12) }, { routes: r(10) }, 'block', [['deletion.mass-removal', 12]], 'rules:\n  deletion.mass-removal: [block, { maxSharePercent: 10, minEntries: 10 }]\n'],
];

describe('blast-radius.limit counts only signals over a pack policy threshold', () => {
  test.each(rows)('%s', async (_name, file, before, after, verdict, findings, config) => {
    const result = await gate(file, before, after, config);
    const got = result.findings.filter((f) => !f.policy.startsWith('gate.') && !f.policy.startsWith('waiver.')).map((f) => [f.policy, f.line]);
    expect({ verdict: result.verdict, findings: got }).toEqual({ verdict, findings });
  });
});

// The rollout's next line is src/rollout's; here: a finding of the catch-all names a real step.
describe('blast-radius.limit findings', () => {
  test('a flag switched on for everyone: too-wide, with the reach and the limit', async () => {
    const result = await gate('flags.yaml', { featureFlags: { pay: { enabled: false } } }, { featureFlags: { pay: { enabled: true } } });
    expect(result.findings.map((f) => [f.policy, f.messageId, f.path, f.line])).toEqual([['blast-radius.limit', 'too-wide', 'featureFlags.pay.enabled', 3]]);
  });
});
