// Issue 10, item 3: a 60-key map (or a whole document) replaced by a scalar or a one-item list
// passed, while the same map replaced by `{}` blocked. Replacing entries is removing them.
import { beforeAll, describe, expect, it } from 'vitest';
import { dump } from 'js-yaml';
import type { ChangeSet } from '../../../src/model.js';
import { fsReader, loadSetup, type GateSetup } from '../../../src/config/index.js';
import { runPipeline } from '../../../src/gate.js';
import { analyzeSize } from '../../../src/analyze/size/index.js';
import { byKind, run } from '../../support/analyze.js';

const hosts = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`host-${i}`, `10.0.0.${i}`]));

let setup: GateSetup;
beforeAll(async () => {
  setup = await loadSetup({ reader: fsReader(process.cwd()) });
});

function judge(before: unknown, after: unknown) {
  const blob = (v: unknown) => {
    const text = dump(v);
    return { path: 'hosts.yaml', text, bytes: Buffer.byteLength(text) };
  };
  const changeSet: ChangeSet = { baseLabel: 'a', headLabel: 'b', files: [{ status: 'modified', path: 'hosts.yaml', before: blob(before), after: blob(after) }], skipped: [] };
  const result = runPipeline({ changeSet, setup, now: new Date('2026-12-01T00:00:00Z') });
  return { verdict: result.verdict, blocks: result.findings.filter((f) => f.level === 'block').map((f) => [f.policy, f.messageId, f.path]) };
}

describe('a map of 60 entries replaced by a scalar or a one-item list removes those entries, as {} does', () => {
  it.each([
    ['replaced by {}', {}],
    ['replaced by a scalar', 'none'],
    ['replaced by null', null],
    ['replaced by a one-item list', ['host-0']],
  ])('%s: blocked by deletion.mass-removal', (_name, replacement) => {
    expect(judge({ upstream: { hosts } }, { upstream: { hosts: replacement } })).toEqual({
      verdict: 'block',
      blocks: [['deletion.mass-removal', 'mass-removal', 'upstream.hosts']],
    });
  });

  it('a whole document replaced by a scalar: blocked by deletion.mass-removal', () => {
    expect(judge(hosts, 'nothing')).toEqual({ verdict: 'block', blocks: [['deletion.mass-removal', 'mass-removal', '']] });
  });

  it('the signal counts the entries replaced, less those the replacement holds', () => {
    const s = byKind(run(analyzeSize, 'hosts.yaml', { hosts }, { hosts: ['only'] }), 'mass-removal');
    expect(s.data).toMatchObject({ removed: 60, before: 60, after: 1, collection: 'hosts' });
    expect(s.pathText).toBe('hosts');
  });

  it('a list rewritten as a map of as many entries is a restructure, not a removal', () => {
    const list = Object.entries(hosts).map(([name, ip]) => ({ name, ip }));
    const map = Object.fromEntries(Object.entries(hosts).map(([name, ip]) => [name, { ip }]));
    expect(judge({ hosts: list }, { hosts: map }).verdict).toBe('pass');
  });
});
