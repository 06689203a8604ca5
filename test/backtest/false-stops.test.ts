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

describe('pattern 4: a list rewritten is a restructure, not every entry removed', () => {
  it('a command line rewritten (10 arguments replaced by 10 others) is no mass removal', () => {
    const args = (prefix: string) => Array.from({ length: 10 }, (_, i) => `    - ${prefix}${i}\n`).join('');
    const result = judge([delta('docker-compose.yml', `services:\n  app:\n    entrypoint:\n${args('-Xold')}`, `services:\n  app:\n    entrypoint:\n${args('--new=')}`)]);
    expect(result.signals.filter((s) => s.kind === 'mass-removal')).toEqual([]);
    expect(result.verdict).toBe('pass');
  });

  it('one compose service removed with its fields is one entry of services, not six of six removed', () => {
    const service = (name: string) => `  ${name}:\n    image: ${name}:1\n    container_name: ${name}\n    mem_limit: 512M\n    depends_on: [db]\n    entrypoint: [run]\n    ports: ["80"]\n`;
    const all = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'];
    const result = judge([delta('docker-compose.yml', `services:\n${all.map(service).join('')}`, `services:\n${all.filter((n) => n !== 'c').map(service).join('')}`)]);
    expect(result.signals.filter((s) => s.kind === 'mass-removal').map((s) => s.summary)).toEqual([]);
    expect(result.verdict).toBe('pass');
  });

  it('a whole list of routes removed is still a mass removal', () => {
    const routes = Array.from({ length: 12 }, (_, i) => `  - name: r${i}\n    prefix: /r${i}\n`).join('');
    const result = judge([delta('gateway.yaml', `keep: 1\nroutes:\n${routes}`, 'keep: 1\n')]);
    expect(result.signals.filter((s) => s.kind === 'mass-removal').map((s) => s.data.removed)).toEqual([12]);
    expect(result.findings.map((f) => f.policy)).toContain('deletion.mass-removal');
  });
});
