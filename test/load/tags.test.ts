import { describe, expect, it } from 'vitest';
import { parseConfigFile } from '../../src/load/index.js';
import { diffFile } from '../../src/diff/index.js';

const parse = (text: string, path = 't.yaml') => parseConfigFile({ path, text, bytes: Buffer.byteLength(text) });

// Robustness: CloudFormation, GitLab CI and YAML 1.1 files used to end in exit 2 ("unknown tag").
describe('YAML tags are read as data, never refused', () => {
  it.each([
    ['CloudFormation !Ref (scalar)', 'Bucket: !Ref LogBucket\n', { Bucket: { '!Ref': 'LogBucket' } }],
    ['CloudFormation !GetAtt (sequence)', 'Arn: !GetAtt [Queue, Arn]\n', { Arn: { '!GetAtt': ['Queue', 'Arn'] } }],
    ['CloudFormation !Sub (mapping)', 'Name: !Sub { x: 1 }\n', { Name: { '!Sub': { x: 1 } } }],
    ['GitLab !reference', 'script: !reference [.setup, script]\n', { script: { '!reference': ['.setup', 'script'] } }],
    ['!include', 'rules: !include rules.yaml\n', { rules: { '!include': 'rules.yaml' } }],
    ['!!binary keeps its text', 'key: !!binary aGVsbG8=\n', { key: 'aGVsbG8=' }],
    ['!!timestamp keeps its text', 'at: !!timestamp 2001-12-14\n', { at: '2001-12-14' }],
    ['!!set is a map of members', 'hosts: !!set { a, b }\n', { hosts: { a: null, b: null } }],
    ['!!omap is a list of one-key maps', 'order: !!omap [ { a: 1 }, { b: 2 } ]\n', { order: [{ a: 1 }, { b: 2 }] }],
    ['!!pairs is a list of one-key maps', 'order: !!pairs [ { a: 1 }, { a: 2 } ]\n', { order: [{ a: 1 }, { a: 2 }] }],
  ])('%s', (_name, text, expected) => {
    expect(parse(text).documents).toEqual([expected]);
  });

  it('a retargeted !Ref is one modification at its line', () => {
    const before = parse('Resources:\n  Topic:\n    Bucket: !Ref LogBucket\n');
    const after = parse('Resources:\n  Topic:\n    Bucket: !Ref AuditBucket\n');
    const diff = diffFile('modified', 't.yaml', { before, after });
    expect(diff.changes.map((c) => [c.kind, c.pathText, c.before, c.after, c.line])).toEqual([
      ['modified', 'Resources.Topic.Bucket["!Ref"]', 'LogBucket', 'AuditBucket', 3],
    ]);
  });

  it('a prototype key inside a tagged mapping is still refused', () => {
    expect(() => parse('x: !Sub\n  __proto__: 1\n')).toThrow(/t\.yaml:2: .*__proto__/);
  });

  it('a language-specific tag (!!python/object) is still refused, one line', () => {
    expect(() => parse('x: !!python/object:os.system {}\n')).toThrow(/^t\.yaml:1: unknown mapping tag/);
  });
});
