import { describe, expect, it } from 'vitest';
import { analyzeSchema, schemasFor } from '../../../src/analyze/schema/index.js';
import type { AnalyzeOptions } from '../../../src/analyze/types.js';
import { byKind, kinds, run } from '../../support/analyze.js';

const serviceSchema = {
  type: 'object',
  required: ['name', 'port'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    hosts: { type: 'array', items: { type: 'string', format: 'hostname' } },
    mode: { enum: ['active', 'standby'] },
    description: { type: 'string' },
  },
};
const options: AnalyzeOptions = { schemas: [{ files: ['services/*.yaml'], schema: serviceSchema, source: 'schemas/service.json' }] };
const valid = { name: 'api', port: 8080, hosts: ['api.example.com'], mode: 'active', description: 'API' };

describe('schema: validity', () => {
  it('one schema-invalid signal per error, at the error path', () => {
    const after = { ...valid, port: 70000, mode: 'primary', extra: true };
    const signals = run(analyzeSchema, 'services/api.yaml', valid, after, { options }).filter((s) => s.kind === 'schema-invalid');
    expect(signals.map((s) => [s.pathText, s.data.keyword])).toEqual([
      ['', 'additionalProperties'],
      ['port', 'maximum'],
      ['mode', 'enum'],
    ]);
    const port = signals[1]!;
    expect(port.direction).toBe('risky');
    expect(port.type).toBe('schema');
    expect(port.data).toMatchObject({ instancePath: '/port', schema: 'schemas/service.json' });
    expect(port.line).toBe(2); // test/support/analyze.ts: line = depth + 1
    expect(signals[0]!.summary).toContain('unknown property "extra"');
  });

  it('formats are checked (ajv-formats)', () => {
    const s = byKind(run(analyzeSchema, 'services/api.yaml', valid, { ...valid, hosts: ['not a host!'] }, { options }), 'schema-invalid');
    expect(s.data).toMatchObject({ instancePath: '/hosts/0', keyword: 'format' });
  });

  it('errors already there before the change are not reported', () => {
    const before = { ...valid, extra: 1 };
    const after = { ...valid, extra: 2, description: 'changed' };
    expect(kinds(run(analyzeSchema, 'services/api.yaml', before, after, { options }))).toEqual([]);
  });

  it('files outside the globs are not checked', () => {
    expect(kinds(run(analyzeSchema, 'other/api.yaml', valid, { ...valid, port: 'x' }, { options }))).toEqual([]);
  });

  it('binds by a $schema key naming a loaded schema file', () => {
    const opts: AnalyzeOptions = { schemas: [{ files: ['nothing/**'], schema: serviceSchema, source: 'schemas/service.json' }] };
    const doc = { $schema: '../schemas/service.json', ...valid };
    const s = byKind(run(analyzeSchema, 'services/api.yaml', doc, { ...doc, port: 0 }, { options: opts }), 'schema-invalid');
    expect(s.data.instancePath).toBe('/port');
    expect(schemasFor('services/api.yaml', { $schema: 'https://json-schema.org/draft-07/schema' }, opts.schemas!)).toEqual([]);
  });

  it('compiles each schema object once and supports draft 2020-12', () => {
    const schema2020 = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { list: { type: 'array', prefixItems: [{ type: 'string' }] } } };
    const opts: AnalyzeOptions = { schemas: [{ files: ['*.json'], schema: schema2020, source: 's.json' }] };
    const s = byKind(run(analyzeSchema, 'a.json', { list: ['a'] }, { list: [1] }, { options: opts }), 'schema-invalid');
    expect(s.data.instancePath).toBe('/list/0');
  });

  it('an uncompilable schema is reported, not thrown', () => {
    const opts: AnalyzeOptions = { schemas: [{ files: ['*.json'], schema: { type: 'nonsense' }, source: 'bad.json' }] };
    const s = byKind(run(analyzeSchema, 'a.json', { a: 1 }, { a: 2 }, { options: opts }), 'schema-unusable');
    expect(s.direction).toBe('neutral');
  });
});

describe('schema: emptied fields', () => {
  it.each([
    ['string → ""', { upstream: 'api.internal' }, { upstream: '' }, 'upstream', '""'],
    ['value → null', { upstream: 'api.internal' }, { upstream: null }, 'upstream', 'null'],
    ['list → []', { allow: ['a', 'b'] }, { allow: [] }, 'allow', '[]'],
    ['map → {}', { backends: { a: 1, b: 2 } }, { backends: {} }, 'backends', '{}'],
  ])('%s', (_name, before, after, pathText, empty) => {
    const s = byKind(run(analyzeSchema, 'x.yaml', before, after), 'field-emptied');
    expect(s.direction).toBe('risky');
    expect(s.pathText).toBe(pathText);
    expect(s.data.empty).toBe(empty);
  });

  it('a list whose entries were all removed', () => {
    const s = byKind(run(analyzeSchema, 'x.yaml', { pool: { hosts: ['a', 'b', 'c'] } }, { pool: { hosts: [] } }), 'field-emptied');
    expect(s.pathText).toBe('pool.hosts');
    expect(s.data).toMatchObject({ entriesBefore: 3, empty: '[]' });
  });

  it('prose fields are neutral; filling an empty field or removing a key is not emptying', () => {
    expect(byKind(run(analyzeSchema, 'x.yaml', { description: 'x' }, { description: '' }), 'field-emptied').direction).toBe('neutral');
    expect(kinds(run(analyzeSchema, 'x.yaml', { a: '' }, { a: 'set' }))).toEqual([]);
    expect(kinds(run(analyzeSchema, 'x.yaml', { a: 'x', b: 1 }, { b: 1 }))).toEqual([]);
  });
});
