// What the schema analyzer reads, as data.
import type { Vocabulary } from '../kit/keys.js';

/** Fields whose emptying is prose, not behaviour: reported, but neutral (any spelling). */
export const PROSE: Vocabulary = [
  'description', 'comment', 'comments', 'note', 'notes', 'summary', 'title', 'displayname', 'annotations', 'labels',
  'tags', 'help', 'doc', 'docs', 'remarks',
];
/** The key by which a document names its own schema. */
export const SCHEMA_KEY = '$schema';
/** `$schema` values naming a JSON Schema meta-schema (a draft), not a schema of the document. */
export const META_SCHEMA_PREFIXES: readonly string[] = ['http://json-schema.org/', 'https://json-schema.org/'];

// ── compatibility of schema documents (compat.ts) ─────────────────────────────

/** The signal kinds of a schema document's compatibility: what a describing document is judged by. */
export const SCHEMA_COMPATIBILITY_KINDS = ['enum-narrowed', 'required-added', 'property-removed', 'type-narrowed'] as const;

/** JSON Schema keywords whose value maps names to schemas. */
export const SCHEMA_NAME_MAPS: readonly string[] = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];
/** JSON Schema keywords whose value is one schema. */
export const SCHEMA_VALUED: readonly string[] = [
  'items', 'additionalProperties', 'additionalItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames',
  'unevaluatedItems', 'unevaluatedProperties',
];
/** JSON Schema keywords whose value is a list of schemas. */
export const SCHEMA_LISTS: readonly string[] = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Outside a schema (a CRD, an OpenAPI document), keys whose value is a schema. */
export const SCHEMA_ENTRIES: readonly string[] = ['openAPIV3Schema', 'schema'];
/** Outside a schema, keys whose value maps names to schemas (OpenAPI `components.schemas`, Swagger `definitions`). */
export const SCHEMA_NAME_ENTRIES: readonly string[] = ['schemas', 'definitions'];
/** A key that opens a schema wherever it stands (a CRD version's `schema.openAPIV3Schema`). */
export const SCHEMA_ROOT_KEY = 'openAPIV3Schema';
/** The sibling that makes an object with `required: true` an OpenAPI parameter. */
export const PARAMETER_MARKER = 'in';
