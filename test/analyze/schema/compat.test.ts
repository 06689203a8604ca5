// Issue 13: schema documents get a compatibility signal of their own — an enum narrowed, a field
// newly required, a property removed, a type narrowed — not a mass removal of their entries.
import { describe, expect, it } from 'vitest';
import schema from '../../../src/analyze/schema/index.js';
import { run, table } from '../kit/table.js';

const jsonSchema = (body: string) => `
  $schema: "http://json-schema.org/draft-07/schema#"
  type: object
${body}`;

table(schema, 'compatibility: recognised (kind@line)', [
  {
    name: 'enum values removed',
    file: 'values.schema.yaml',
    before: jsonSchema(`
  properties:
    level:
      type: string
      enum: [debug, info, warn, error]`),
    after: jsonSchema(`
  properties:
    level:
      type: string
      enum: [info, warn]`),
    expect: ['enum-narrowed@7'],
  },
  {
    name: 'an enum added to a property that took any value',
    file: 'values.schema.yaml',
    before: jsonSchema(`
  properties:
    level:
      type: string`),
    after: jsonSchema(`
  properties:
    level:
      type: string
      enum: [info, warn]`),
    expect: ['enum-narrowed@7'],
  },
  {
    name: 'a field added to required, and a required list added to a nested schema',
    file: 'values.schema.yaml',
    before: jsonSchema(`
  required: [name]
  properties:
    name: {type: string}
    port: {type: integer}
    tls:
      type: object
      properties:
        cert: {type: string}`),
    after: jsonSchema(`
  required: [name, port]
  properties:
    name: {type: string}
    port: {type: integer}
    tls:
      type: object
      required: [cert]
      properties:
        cert: {type: string}`),
    expect: ['required-added@4', 'required-added@10'],
  },
  {
    name: 'properties removed from one schema are one signal, at the removed entries',
    file: 'values.schema.yaml',
    before: jsonSchema(`
  properties:
    a: {type: string}
    b: {type: string}
    c: {type: string}`),
    after: jsonSchema(`
  properties:
    a: {type: string}`),
    expect: ['property-removed@6'],
  },
  {
    name: 'a property named "properties" is a property, not the keyword',
    file: 'values.schema.yaml',
    before: jsonSchema(`
  properties:
    properties:
      type: object
      properties:
        x: {type: string}`),
    after: jsonSchema(`
  properties:
    properties:
      type: object`),
    expect: ['property-removed@7'],
  },
  {
    name: 'a type narrowed',
    file: 'values.schema.yaml',
    before: jsonSchema(`
  properties:
    port: {type: [integer, string]}`),
    after: jsonSchema(`
  properties:
    port: {type: integer}`),
    expect: ['type-narrowed@5'],
  },
  {
    name: 'a CRD version schema: a property removed and an enum narrowed',
    file: 'crds/thing.yaml',
    before: `
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: things.example.com}
      spec:
        versions:
          - name: v1
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      mode: {type: string, enum: [a, b]}
                      size: {type: integer}`,
    after: `
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: things.example.com}
      spec:
        versions:
          - name: v1
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      mode: {type: string, enum: [a]}`,
    expect: ['enum-narrowed@14', 'property-removed@15'],
  },
  {
    name: 'OpenAPI: a component schema property removed, a query parameter made required',
    file: 'api/openapi.yaml',
    before: `
      openapi: 3.0.3
      info: {title: pets, version: "1"}
      paths:
        /pets:
          get:
            parameters:
              - {name: limit, in: query, required: false, schema: {type: integer}}
      components:
        schemas:
          Pet:
            type: object
            properties:
              id: {type: string}
              tag: {type: string}`,
    after: `
      openapi: 3.0.3
      info: {title: pets, version: "1"}
      paths:
        /pets:
          get:
            parameters:
              - {name: limit, in: query, required: true, schema: {type: integer}}
      components:
        schemas:
          Pet:
            type: object
            properties:
              id: {type: string}`,
    expect: ['required-added@7', 'property-removed@14'],
  },
]);

table(schema, 'compatibility: accepted', [
  {
    name: 'an enum widened, a property added, a field no longer required, a type widened',
    file: 'values.schema.yaml',
    before: jsonSchema(`
  required: [name, port]
  properties:
    name: {type: string}
    port: {type: integer}
    level: {type: string, enum: [info]}`),
    after: jsonSchema(`
  required: [name]
  properties:
    name: {type: string}
    port: {type: [integer, "null"]}
    level: {type: string, enum: [info, debug]}
    extra: {type: boolean}`),
    expect: [],
  },
  {
    name: 'an integer widened to a number',
    file: 'values.schema.yaml',
    before: jsonSchema(`
  properties:
    ratio: {type: integer}`),
    after: jsonSchema(`
  properties:
    ratio: {type: number}`),
    expect: [],
  },
  {
    name: 'an ordinary config file with keys named properties, enum and required',
    file: 'app.yaml',
    before: `
      properties: {a: 1, b: 2}
      enum: [x, y]
      required: [a]`,
    after: `
      properties: {a: 1}
      enum: [x]
      required: [a, b]`,
    expect: [],
  },
  {
    name: 'a Grafana dashboard describes, but holds no schema',
    file: 'dash.json',
    before: '{"schemaVersion": 39, "panels": [], "templating": {"list": [{"name": "x", "options": [{"value": "a"}, {"value": "b"}]}]}, "properties": {"a": 1, "b": 2}}',
    after: '{"schemaVersion": 39, "panels": [], "templating": {"list": [{"name": "x", "options": [{"value": "a"}]}]}, "properties": {"a": 1}}',
    expect: [],
  },
]);

describe('compatibility signal data', () => {
  it('names the schema, the keyword and what narrowed', () => {
    const signals = run(schema, {
      name: 'data',
      file: 'values.schema.yaml',
      before: jsonSchema(`
  properties:
    level: {type: string, enum: [debug, info, warn]}
    a: {type: string}
    b: {type: string}`),
      after: jsonSchema(`
  properties:
    level: {type: string, enum: [info]}`),
      expect: [],
    });
    expect(signals.map((s) => [s.kind, s.direction, s.pathText, s.data])).toEqual([
      ['enum-narrowed', 'risky', 'properties.level.enum', { keyword: 'enum', schema: 'properties.level', values: ['debug', 'warn'], count: 2 }],
      ['property-removed', 'risky', 'properties', { keyword: 'properties', schema: '(root)', properties: ['a', 'b'], count: 2 }],
    ]);
    expect(signals[0].summary).toBe('properties.level.enum: debug, warn no longer allowed');
  });
});
