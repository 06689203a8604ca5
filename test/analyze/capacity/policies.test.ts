// The examples of the entitlement / capacity / quota / size / deletion / schema policies, run
// through these analyzers and the policies' own CEL (independent of the load stage; the
// policy tester runs them again through the whole pipeline).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dump, load } from 'js-yaml';
import type { Signal } from '../../../src/model.js';
import type { Analyzer, Inventory } from '../../../src/analyze/types.js';
import { analyzeCapacity } from '../../../src/analyze/capacity/index.js';
import { analyzeEntitlement } from '../../../src/analyze/entitlement/index.js';
import { analyzeSize } from '../../../src/analyze/size/index.js';
import { analyzeSchema } from '../../../src/analyze/schema/index.js';
import { analyzeDeletionJobs } from '../../../src/analyze/deletion-job/index.js';
import { analyzeBlankFields } from '../../../src/analyze/blank-fields/index.js';
import { analyzeRows } from '../../../src/analyze/rows/index.js';
import { compileCel, compileTemplate, holds, toCelValue } from '../../../src/evaluate/cel.js';
import { fileDiff } from '../../support/analyze.js';

const DIR = join(import.meta.dirname, '..', '..', '..', 'policies');
const MINE = /^(entitlement|capacity|quota|size|deletion|schema)\./;
const ANALYZERS: Analyzer[] = [analyzeEntitlement, analyzeCapacity, analyzeSize, analyzeSchema, analyzeDeletionJobs, analyzeBlankFields, analyzeRows];

interface Example { file?: string; schema?: object; before: unknown; after: unknown; inventory?: Inventory; options?: Record<string, unknown>; expect?: string[] }
interface Doc {
  id: string;
  level: string;
  options?: Record<string, unknown>;
  match: { signals: string[] };
  when?: string | string[];
  message?: string;
  messageId?: string;
  rules?: Array<{ messageId: string; when: string | string[]; message: string }>;
  threshold?: { kinds: string[]; when: string | string[] };
  examples: { valid?: Example[]; invalid?: Example[] };
}

function findings(doc: Doc, ex: Example): Array<{ id: string; message: string }> {
  const file = ex.file ?? 'config.yaml';
  // the bytes a real load would count
  const text = (v: unknown) => (file.endsWith('.json') ? JSON.stringify(v, null, 2) : dump(v));
  const diff = fileDiff(file, ex.before, ex.after, { bytes: { before: Buffer.byteLength(text(ex.before)), after: Buffer.byteLength(text(ex.after)) } });
  const signals: Signal[] = ANALYZERS.flatMap((a) => a([diff], { inventory: ex.inventory, options: ex.schema ? { schemas: [{ files: ['**'], schema: ex.schema, source: 'example schema' }] } : {} }));
  const rules = doc.rules ?? [{ messageId: doc.messageId ?? 'default', when: doc.when!, message: doc.message! }];
  const options = { ...(doc.options ?? {}), ...(ex.options ?? {}) };
  const out: Array<{ id: string; message: string }> = [];
  for (const signal of signals.filter((s) => doc.match.signals.includes(s.type))) {
    const { changes: _changes, ...rest } = signal;
    const activation = { signal: toCelValue(rest), options, inventory: toCelValue(ex.inventory ?? {}), old: ex.before, new: ex.after };
    // a policy runs only on signals of its claimed kinds that reach its threshold
    const threshold = doc.threshold;
    if (threshold?.kinds.includes(signal.kind)) {
      const whens = (Array.isArray(threshold.when) ? threshold.when : [threshold.when]).map(compileCel);
      if (!whens.every((w) => holds(w, activation))) continue;
    }
    for (const rule of rules) {
      const whens = (Array.isArray(rule.when) ? rule.when : [rule.when]).map(compileCel);
      if (whens.every((w) => holds(w, activation))) out.push({ id: rule.messageId, message: compileTemplate(rule.message).render(activation) });
    }
  }
  return out;
}

const files = readdirSync(DIR).filter((f) => MINE.test(f) && f.endsWith('.yaml'));

describe('policy examples (entitlement, capacity, quota, size, deletion, schema)', () => {
  it('has the built-in policies', () => {
    const ids = files.map((f) => f.replace(/\.yaml$/, ''));
    for (const id of [
      'entitlement.internal-callers-exempt', 'capacity.drop-limit', 'quota.below-usage', 'size.growth-limit',
      'size.duplicate-identity', 'deletion.mass-removal', 'schema.valid', 'schema.emptied-field',
    ]) expect(ids).toContain(id);
  });

  for (const f of files) {
    const doc = load(readFileSync(join(DIR, f), 'utf8')) as Doc;
    describe(doc.id, () => {
      it('file name is the id', () => expect(f).toBe(`${doc.id}.yaml`));
      (doc.examples.valid ?? []).forEach((ex, i) => {
        it(`valid #${i}`, () => expect(findings(doc, ex)).toEqual([]));
      });
      (doc.examples.invalid ?? []).forEach((ex, i) => {
        it(`invalid #${i}`, () => {
          const got = findings(doc, ex);
          expect(got.map((g) => g.id)).toEqual(ex.expect);
          for (const g of got) expect(g.message).not.toContain('?');
        });
      });
    });
  }
});
