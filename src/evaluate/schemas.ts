import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { schemaPath } from '../assets.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: false, strict: false, useDefaults: false }));
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

export function firstError(validate: ValidateFunction): string {
  const e = validate.errors?.[0];
  if (!e) return 'invalid';
  const params = e.params as Record<string, unknown>;
  const extra = params.additionalProperty ? ` "${params.additionalProperty}"` : params.allowedValues ? ` (${(params.allowedValues as unknown[]).join(', ')})` : '';
  return `${e.instancePath || '/'} ${e.message}${extra}`;
}
