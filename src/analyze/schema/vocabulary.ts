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
