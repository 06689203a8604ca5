// What the blank-fields analyzer reads, as data. Keys are matched with kit/keys.ts (any spelling).
import type { Vocabulary } from '../kit/keys.js';

/**
 * Fields that are blank by nature in some entries and set in others: prose, presentation, and
 * values that may legitimately be empty (an environment variable's `value`, a `default`).
 */
export const MAY_BE_BLANK: Vocabulary = [
  'description', 'desc', 'comment', 'comments', 'note', 'notes', 'summary', 'title', 'help', 'doc', 'docs', 'documentation',
  'annotation', 'annotations', 'label', 'labels', 'tags', 'displayname', 'icon', 'example', 'examples', 'value', 'default',
  'defaultvalue', 'prefix', 'suffix', 'alias', 'placeholder', 'hint', 'owner', 'contact', 'email', 'url', 'homepage', 'link',
  'password', 'secret', 'token', 'subpath', 'namespace',
];

/** Fewest existing siblings, all filling a field, for a blank one in a new entry to mean something. */
export const MIN_SIBLINGS = 2;
