// The false stops found by replaying real history (issue 13), each a test named after its pattern,
// run through the whole pipeline in process with zero configuration.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSet, FileDelta } from '../../src/model.js';
import { runPipeline } from '../../src/gate.js';
import { fsReader, loadSetup, type GateSetup } from '../../src/config/index.js';

const NOW = new Date('2026-12-01T00:00:00Z');
let setup: GateSetup;
beforeAll(async () => {
  setup = await loadSetup({ reader: fsReader(process.cwd()) });
});

function delta(path: string, before: string | undefined, after: string | undefined): FileDelta {
  const side = (text: string) => ({ path, text, bytes: Buffer.byteLength(text) });
  const status = before === undefined ? 'added' : after === undefined ? 'deleted' : 'modified';
  return { status, path, ...(before !== undefined ? { before: side(before) } : {}), ...(after !== undefined ? { after: side(after) } : {}) };
}

function judge(files: FileDelta[], extra: Partial<ChangeSet> = {}) {
  return runPipeline({ changeSet: { baseLabel: 'a', headLabel: 'b', files, skipped: [], ...extra }, setup, now: NOW });
}

const values = Array.from({ length: 14 }, (_, i) => `key${i}:\n  enabled: true\n  size: ${i}\n`).join('');
const manifest = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: 2\n`;

describe('pattern 7: whole files or charts deleted on purpose', () => {
  it('a deleted values file is a file-deleted signal with its share of the repository, not a stop', () => {
    const result = judge([delta('charts/old/values.yaml', values, undefined)], { baseConfigFiles: 40 });
    expect(result.verdict).toBe('pass');
    const deletion = result.signals.filter((s) => s.type === 'deletion');
    expect(deletion.map((s) => [s.kind, s.direction, s.file])).toEqual([['file-deleted', 'neutral', 'charts/old/values.yaml']]);
    expect(deletion[0].data).toMatchObject({ repositoryFiles: 40, sharePercent: 2.5, entries: 14 });
  });

  it('a whole chart deleted (several files) passes', () => {
    const result = judge([delta('charts/old/Chart.yaml', 'apiVersion: v2\nname: old\nversion: 1.0.0\ndescription: x\n', undefined), delta('charts/old/values.yaml', values, undefined)]);
    expect(result.verdict).toBe('pass');
    expect(result.signals.filter((s) => s.type === 'deletion').map((s) => s.kind)).toEqual(['file-deleted', 'file-deleted']);
  });

  it('a Kubernetes document removed from a multi-document file is a document-removed signal, not a mass removal', () => {
    const before = `${manifest('a')}---\n${manifest('b')}---\n${manifest('c')}`;
    const after = `${manifest('a')}---\n${manifest('c')}`;
    const result = judge([delta('deploy/all.yaml', before, after)]);
    expect(result.verdict).toBe('pass');
    expect(result.signals.filter((s) => s.type === 'deletion').map((s) => [s.kind, s.summary])).toEqual([
      ['document-removed', 'Deployment/b removed from deploy/all.yaml (4 top-level entries)'],
    ]);
  });

  it('a mass removal inside a file that stays is still a mass removal', () => {
    const keep = Array.from({ length: 3 }, (_, i) => `key${i}:\n  enabled: true\n  size: ${i}\n`).join('');
    const result = judge([delta('charts/x/values.yaml', values, keep)]);
    expect(result.signals.filter((s) => s.type === 'deletion').map((s) => s.kind)).toEqual(['mass-removal']);
    expect(result.findings.map((f) => f.policy)).toContain('deletion.mass-removal');
  });
});
