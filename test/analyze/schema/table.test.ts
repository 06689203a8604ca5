import schema from '../../../src/analyze/schema/index.js';
import { table } from '../kit/table.js';

const bound = {
  schemas: [
    {
      files: ['services/*.yaml'],
      source: 'schemas/service.json',
      schema: {
        type: 'object',
        required: ['name', 'port'],
        properties: { name: { type: 'string' }, port: { type: 'integer', minimum: 1 } },
        additionalProperties: false,
      },
    },
  ],
};

table(schema, 'recognised (kind@line)', [
  {
    name: 'a port no longer valid',
    file: 'services/api.yaml',
    before: `
      name: api
      port: 8080`,
    after: `
      name: api
      port: 0`,
    options: bound,
    expect: ['schema-invalid@2'],
  },
  {
    name: 'an unknown property added',
    file: 'services/api.yaml',
    before: `
      name: api
      port: 8080`,
    after: `
      name: api
      port: 8080
      prot: 80`,
    options: bound,
    expect: ['schema-invalid@1'],
  },
  {
    // Bug: the emptied list was reported at a removed entry's line in the old file (3), a line
    // the new file does not have; it belongs at the emptied field in the new file.
    name: 'field-emptied of a list is at the list line in the new file, not at a removed entry line',
    file: 'pool.yaml',
    before: `
      description: api pool
      hosts:
        - a
        - b`,
    after: `
      description: ""
      hosts: []`,
    expect: ['field-emptied@1', 'field-emptied@2'],
  },
]);

table(schema, 'ignored', [
  {
    name: 'an error the file already had',
    file: 'services/api.yaml',
    before: `
      name: api
      port: 0
      owner: a`,
    after: `
      name: api
      port: 0
      owner: b`,
    options: { schemas: [{ ...bound.schemas[0]!, schema: { ...bound.schemas[0]!.schema, additionalProperties: true } }] },
    expect: [],
  },
  {
    name: 'a file no schema is bound to',
    file: 'other/api.yaml',
    before: `
      port: 8080`,
    after: `
      port: x`,
    options: bound,
    expect: [],
  },
]);
