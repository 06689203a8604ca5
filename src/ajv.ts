// The one place JSON Schema validation is set up: configgate's own schemas, policy options
// schemas, and the schemas a config binds to files are all compiled here, with the same
// options and formats.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { schemaPath } from './assets.js';
import { didYouMean } from './suggest.js';
import { pointerToPath } from './json-pointer.js';
import type { JsonPath } from './model.js';

export type { ValidateFunction };

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
/** `strict: false`: user-written schemas carry keywords (descriptions, x-…) Ajv's strict mode refuses. */
const OPTIONS = { strict: false } as const;

/**
 * configgate's own schemas and every policy's options schema (draft-07): first error only,
 * `verbose` so an error carries the value and schema a did-you-mean is computed from.
 */
const ajv = addFormats(new Ajv({ ...OPTIONS, allErrors: false, useDefaults: false, verbose: true }));
const cache = new Map<string, ValidateFunction>();

/** The validator of one of configgate's own schemas (`schemas/<name>`), compiled once. */
export function schemaValidator(name: string): ValidateFunction {
  let validate = cache.get(name);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(schemaPath(name), 'utf8')));
    cache.set(name, validate);
  }
  return validate;
}

const optionValidators = new WeakMap<object, ValidateFunction>();

/** A policy's options schema, compiled once per schema object. */
export function optionsValidator(schema: object): ValidateFunction {
  let validate = optionValidators.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    optionValidators.set(schema, validate);
  }
  return validate;
}

/**
 * A schema a config binds to files, reporting every error. Draft 2019-09 / 2020-12 when it
 * says so, else draft-07. Each gets an instance of its own: two users' schemas may share an `$id`.
 */
export function documentSchemaValidator(schema: object): ValidateFunction {
  const draft = (schema as { $schema?: unknown }).$schema;
  const modern = typeof draft === 'string' && /2019-09|2020-12/.test(draft);
  const settings = { ...OPTIONS, allErrors: true, validateSchema: false };
  const instance = modern ? new Ajv2020(settings) : new Ajv(settings);
  addFormats(instance as unknown as Ajv);
  return instance.compile(schema);
}

/**
 * The first error in one line: `/level must be equal to one of the allowed values (a, b)`, with a
 * did-you-mean for an unknown enum value or property where the validator is `verbose`.
 */
export function firstError(validate: ValidateFunction): string {
  const e = validate.errors?.[0];
  if (!e) return 'invalid';
  const params = e.params as Record<string, unknown>;
  const allowed = params.allowedValues as unknown[] | undefined;
  let extra = '';
  if (params.additionalProperty !== undefined) {
    const property = String(params.additionalProperty);
    const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    extra = ` "${property}"${didYouMean(property, known)}`;
  } else if (allowed) {
    extra = ` (${allowed.join(', ')})${typeof e.data === 'string' ? didYouMean(e.data, allowed.map(String)) : ''}`;
  }
  return `${e.instancePath || '/'} ${e.message}${extra}`;
}

/**
 * Where the first error is, as a document path: the offending property itself for an unknown
 * one (`/match` + `knds` → `match.knds`), so the line reported is the property's own line.
 */
export function firstErrorPath(validate: ValidateFunction): JsonPath {
  const e = validate.errors?.[0];
  if (!e) return [];
  const path = [...pointerToPath(e.instancePath)];
  const extra = (e.params as Record<string, unknown>).additionalProperty;
  return extra === undefined ? path : [...path, String(extra)];
}
