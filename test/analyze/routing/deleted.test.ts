// A deleted routing file (or a removed document) is read as removals of everything it declared.
import { describe, expect, it } from 'vitest';
import routing from '../../../src/analyze/routing/index.js';
import { parseConfigFile } from '../../../src/load/index.js';
import { diffFile } from '../../../src/diff/index.js';
import type { FileDiff } from '../../../src/model.js';

const side = (path: string, text: string) => parseConfigFile({ path, text, bytes: Buffer.byteLength(text) });
const deleted = (path: string, text: string): FileDiff => diffFile('deleted', path, { before: side(path, text) });
const added = (path: string, text: string): FileDiff => diffFile('added', path, { after: side(path, text) });
const analyze = (files: FileDiff[]) => routing.analyze(files, { options: {} }).map((s) => [s.kind, s.file, s.data.service, s.data.prefixes]);

const announcer = 'speaker:\n  name: edge-1\n  asn: 64500\n  networks:\n    - 198.51.100.0/24\n    - 203.0.113.0/24\n';

describe('a deleted routing file', () => {
  it('withdraws every prefix it announced', () => {
    expect(analyze([deleted('network/edge-1.yaml', announcer)])).toEqual([
      ['routes-withdrawn', 'network/edge-1.yaml', 'edge-1', ['198.51.100.0/24', '203.0.113.0/24']],
    ]);
  });

  it('withdraws nothing another file of the change announces now (a move)', () => {
    expect(analyze([deleted('network/edge-1.yaml', announcer), added('network/edge.yaml', announcer.replace('edge-1', 'edge'))])).toEqual([]);
  });

  it('withdraws only what no other file announces', () => {
    const other = 'speaker:\n  name: edge-2\n  networks: [198.51.100.0/24]\n';
    expect(analyze([deleted('network/edge-1.yaml', announcer), added('network/edge-2.yaml', other)])).toEqual([
      ['routes-withdrawn', 'network/edge-1.yaml', 'edge-1', ['203.0.113.0/24']],
    ]);
  });

  it('a deleted file that announces nothing (a values file, a firewall with cidrs) withdraws nothing', () => {
    expect(analyze([deleted('charts/x/values.yaml', 'ingress:\n  enabled: true\n  hosts: [a.example.com]\n')])).toEqual([]);
    expect(analyze([deleted('fw.yaml', 'rules:\n  - { cidr: 10.0.0.0/8, action: allow }\n')])).toEqual([]);
  });
});
