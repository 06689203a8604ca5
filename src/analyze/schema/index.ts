// Schema: a file bound to a JSON Schema (by `schemas:` globs in the config, or by a
// `$schema` key naming a schema file the config loaded) must stay valid (invalid.ts); a
// field that was set and becomes empty (`""`, `[]`, `{}`, null) is a signal of its own,
// schema or not (emptied.ts): an emptied allow-list or host list is rarely meant; and a schema
// document (JSON Schema, CRD, OpenAPI) that no longer accepts what it did is one (compat.ts).
import type { Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer } from '../types.js';
import { defineBuiltinAnalyzer, optionsFor } from '../types.js';
import { forcedPaths } from '../kit/paths.js';
import { extend } from '../kit/keys.js';
import { invalid } from './invalid.js';
import { emptied } from './emptied.js';
import { compatibility } from './compat.js';
import { PROSE } from './vocabulary.js';

export { schemasFor } from './bind.js';

export interface SchemaOptions {
  /** More key names whose emptying is prose (neutral). */
  prose?: string[];
}

export const analyzeSchema: Analyzer = (files, ctx: AnalyzeContext) => {
  const out: Signal[] = [];
  const entries = ctx.options.schemas ?? [];
  const prose = extend(PROSE, optionsFor<SchemaOptions>(ctx, 'schema').prose);
  for (const file of files) {
    if (!file.after || file.status === 'deleted') continue;
    if (entries.length > 0) out.push(...invalid(file, entries, ctx));
    out.push(...emptied(file, ctx, prose, forcedPaths(ctx.options, file.path, 'schema')));
    out.push(...compatibility(file, ctx));
  }
  return out;
};

export default defineBuiltinAnalyzer({
  name: 'schema',
  doc: 'Documents bound to a JSON Schema stay valid; fields that were set and become empty; schema documents that no longer accept what they did.',
  signals: ['schema'],
  options: {
    type: 'object',
    additionalProperties: false,
    properties: {
      prose: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'More key names whose emptying is prose: reported as neutral.' },
    },
  },
  analyze: analyzeSchema,
});
