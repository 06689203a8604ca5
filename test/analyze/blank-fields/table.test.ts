import { describe, expect, test } from 'vitest';
import blankFields from '../../../src/analyze/blank-fields/index.js';
import { run, table, type Case } from '../kit/table.js';

const QUOTAS = `quotaPolicies:
  - name: compute-reads
    metric: compute.googleapis.com/read_requests
    unit: 1/min/{project}
    limit: 6000
  - name: compute-writes
    metric: compute.googleapis.com/write_requests
    unit: 1/min/{project}
    limit: 1200
`;
const NEW_ENTRY = (metric: string, unit: string, limit: string) => `${QUOTAS}  - name: storage-lists
    metric: ${metric}
    unit: ${unit}
    limit: ${limit}
`;

const cases: Case[] = [
  { name: 'a quota policy added with blank metric, unit and a null limit', before: QUOTAS, after: NEW_ENTRY('""', '""', 'null'), expect: ['entry-blank-fields@11'] },
  { name: 'a quota policy added with every field set', before: QUOTAS, after: NEW_ENTRY('storage.googleapis.com/list_requests', '1/min/{project}', '600'), expect: [] },
  {
    name: 'the same in JSON',
    file: 'quota.json',
    before: '{"quotaPolicies": [{"name": "a", "metric": "m1", "unit": "u", "limit": 1}, {"name": "b", "metric": "m2", "unit": "u", "limit": 2}]}',
    after: '{"quotaPolicies": [{"name": "a", "metric": "m1", "unit": "u", "limit": 1}, {"name": "b", "metric": "m2", "unit": "u", "limit": 2}, {"name": "c", "metric": "", "unit": "u", "limit": null}]}',
    expect: ['entry-blank-fields@1'],
  },
  {
    name: 'a blank field some sibling leaves blank too is optional',
    before: 'routes:\n  - { name: a, host: x, prefix: "" }\n  - { name: b, host: y, prefix: /b }\n',
    after: 'routes:\n  - { name: a, host: x, prefix: "" }\n  - { name: b, host: y, prefix: /b }\n  - { name: c, host: z, prefix: "" }\n',
    expect: [],
  },
  {
    name: 'an env entry with an empty value',
    before: 'env:\n  - { name: A, value: "1" }\n  - { name: B, value: "2" }\n',
    after: 'env:\n  - { name: A, value: "1" }\n  - { name: B, value: "2" }\n  - { name: C, value: "" }\n',
    expect: [],
  },
  {
    name: 'a blank description is prose',
    before: 'rules:\n  - { name: a, description: one, action: allow }\n  - { name: b, description: two, action: deny }\n',
    after: 'rules:\n  - { name: a, description: one, action: allow }\n  - { name: b, description: two, action: deny }\n  - { name: c, description: "", action: allow }\n',
    expect: [],
  },
  {
    name: 'a map of records gains a blank entry',
    before: 'limits:\n  reads: { metric: r, limit: 10 }\n  writes: { metric: w, limit: 5 }\n',
    after: 'limits:\n  reads: { metric: r, limit: 10 }\n  writes: { metric: w, limit: 5 }\n  lists: { metric: "", limit: 3 }\n',
    expect: ['entry-blank-fields@4'],
  },
  {
    name: 'one sibling is not enough to say what is required',
    before: 'quotas:\n  - { metric: a, limit: 1 }\n',
    after: 'quotas:\n  - { metric: a, limit: 1 }\n  - { metric: "", limit: null }\n',
    expect: [],
  },
  { name: 'an existing entry emptied is schema.emptied-field\'s, not this', before: QUOTAS, after: QUOTAS.replace('limit: 1200', 'limit: null'), expect: [] },
];

table(blankFields, 'new entries with blank fields', cases);

describe('blank-fields: data and schemas', () => {
  test('the blank fields and the sibling count are data', () => {
    const [s] = run(blankFields, { name: 'x', before: QUOTAS, after: NEW_ENTRY('""', '""', 'null'), expect: [] });
    expect(s!.data).toEqual({ entry: 'storage-lists', blank: ['metric', 'unit', 'limit'], siblings: 2, list: 'quotaPolicies' });
  });
  test('a file with a bound schema is left to schema.valid', () => {
    const s = run(blankFields, { name: 'x', before: QUOTAS, after: NEW_ENTRY('""', '""', 'null'), expect: [], options: { schemas: [{ files: ['config.yaml'], schema: {}, source: 's.json' }] } });
    expect(s).toEqual([]);
  });
});
