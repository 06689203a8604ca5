import { describe, expect, test } from 'vitest';
import rows from '../../../src/analyze/rows/index.js';
import type { FileDiff } from '../../../src/model.js';
import { pair, run, table, yaml, type Case } from '../kit/table.js';

const FEATURES = (n: number, dup = 0) => JSON.stringify({
  version: 7,
  features: [...Array.from({ length: n }, (_, i) => [`f${i}`, i % 2 ? 'Float64' : 'UInt8']), ...Array.from({ length: dup }, (_, i) => [`f${i}`, i % 2 ? 'Float64' : 'UInt8'])],
}, null, 1);

const LIMIT = { limits: [{ file: 'bot/features.json', path: 'features', maxItems: 20, consumer: 'edge-proxy' }] };

const cases: Case[] = [
  { name: 'a tuple list gains duplicate rows', file: 'bot/features.json', before: FEATURES(6), after: FEATURES(6, 2), expect: ['duplicate-row@28'] },
  { name: 'a tuple list gains new rows', file: 'bot/features.json', before: FEATURES(6), after: FEATURES(8), expect: [] },
  { name: 'rows that were duplicated before', file: 'bot/features.json', before: FEATURES(6, 1), after: FEATURES(7, 1), expect: [] },
  { name: 'rows passing the inventory limit', file: 'bot/features.json', before: FEATURES(16), after: FEATURES(24), inventory: LIMIT, expect: ['rows-over-limit@3'] },
  { name: 'rows under the inventory limit', file: 'bot/features.json', before: FEATURES(16), after: FEATURES(19), inventory: LIMIT, expect: [] },
  { name: 'duplicated and over the limit', file: 'bot/features.json', before: FEATURES(16), after: FEATURES(16, 8), inventory: LIMIT, expect: ['duplicate-row@68', 'rows-over-limit@3'] },
  {
    name: 'YAML pairs: [name, type] rows',
    file: 'features.yaml',
    before: 'columns:\n  - [user_agent, String]\n  - [asn, UInt32]\n',
    after: 'columns:\n  - [user_agent, String]\n  - [asn, UInt32]\n  - [asn, UInt32]\n',
    expect: ['duplicate-row@4'],
  },
  { name: 'a list of scalars is not rows', before: 'hosts: [a, b]\n', after: 'hosts: [a, b, a]\n', expect: [] },
];

table(rows, 'rows of data files', cases);

function generated(path: string, before: string, after: string): FileDiff {
  return { ...pair(path, yaml(before), yaml(after)), role: { kind: 'generated', reason: 'test' } };
}

describe('rows: limits from schemas, and the missing fact', () => {
  test('a generated file over its bound schema maxItems', () => {
    const schema = { type: 'object', properties: { features: { $ref: '#/definitions/list' } }, definitions: { list: { type: 'array', maxItems: 20 } } };
    const s = rows.analyze([generated('gen/features.json', FEATURES(16), FEATURES(24))], { options: { schemas: [{ files: ['gen/*.json'], schema, source: 'features.schema.json' }] } });
    expect(s.map((x) => [x.kind, x.data.maxItems, x.data.source])).toEqual([['rows-over-limit', 20, 'maxItems of features.schema.json']]);
  });

  test('a generated list doubling with no limit declared names inventory.limits', () => {
    const [s] = rows.analyze([generated('gen/features.json', FEATURES(20), FEATURES(40))], { options: {} });
    expect(s!.kind).toBe('rows-counted');
    expect(s!.direction).toBe('neutral');
    expect(s!.missing?.[0]).toContain('inventory.limits');
  });

  test('a hand-written file growing is not asked for a limit', () => {
    expect(run(rows, { name: 'x', file: 'bot/features.json', before: FEATURES(20), after: FEATURES(40), expect: [] })).toEqual([]);
  });
});
