// Property (robustness issue, item 9): a key named like an Object.prototype member (`toString`,
// `valueOf`, `hasOwnProperty`…) is ordinary data. Inserted anywhere into every fixture — a key of
// any map, a value, an identity — the gate never throws and never crashes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as jsYaml from 'js-yaml';
import { configTags } from '../../src/load/tags.js';
import type { ChangeSet, FileDelta } from '../../src/model.js';
import { fsReader, loadSetup } from '../../src/config/index.js';
import { runPipeline } from '../../src/gate.js';
import { templateBeforeParse } from '../../src/load/role.js';


// The fixtures use the YAML tags the gate reads (CloudFormation `!Ref`, …): the same schema here.
const TAGGED = jsYaml.CORE_SCHEMA.withTags(jsYaml.mergeTag, ...configTags(jsYaml));
const { dump, load } = jsYaml;
const ROOT = join(import.meta.dirname, '..', 'fixtures');
const FIXTURES = ['incidents', 'benign'].flatMap((kind) =>
  readdirSync(join(ROOT, kind)).map((name) => ({ name: `${kind}/${name}`, dir: join(ROOT, kind, name) })),
);
// Every own name of Object.prototype but the two the loader refuses by design.
const NAMES = Object.getOwnPropertyNames(Object.prototype).filter((n) => n !== '__proto__' && n !== 'constructor');

function walk(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), `${prefix}${e.name}/`) : /\.(ya?ml|json)$/.test(e.name) ? [`${prefix}${e.name}`] : [],
  );
}

/** The value with `name` planted at every `every`-th map: as a key, and as the value of `name`/`id`. */
function plant(value: unknown, name: string, every: number, counter = { n: 0 }): unknown {
  if (Array.isArray(value)) return value.map((v) => plant(v, name, every, counter));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = plant(v, name, every, counter);
  if (counter.n++ % every === 0) {
    out[name] = counter.n % 2 ? 1 : { [name]: [name] };
    if ('name' in out) out.name = name;
  }
  return out;
}

function read(dir: string, side: string, path: string): unknown[] {
  const text = readFileSync(join(dir, side, path), 'utf8');
  return path.endsWith('.json') ? [JSON.parse(text)] : text.split(/^---\s*$/m).map((p) => load(p, { schema: TAGGED })).filter((d) => d != null);
}

function changeSet(dir: string, name: string, every: number, sideToPlant: 'before' | 'after' | 'both'): ChangeSet {
  const files: FileDelta[] = [];
  for (const path of new Set([...walk(join(dir, 'before')), ...walk(join(dir, 'after'))])) {
    const blob = (side: 'before' | 'after') => {
      if (!existsSync(join(dir, side, path))) return undefined;
      // A template is not YAML until rendered: the gate reads its lines as written, so they are kept.
      const raw = readFileSync(join(dir, side, path), 'utf8');
      if (templateBeforeParse(path, raw)) return { path, text: raw, bytes: Buffer.byteLength(raw) };
      const docs = read(dir, side, path).map((d) => (sideToPlant === side || sideToPlant === 'both' ? plant(d, name, every) : d));
      const text = path.endsWith('.json') ? JSON.stringify(docs[0]) : docs.map((d) => dump(d, { noRefs: true })).join('---\n');
      return { path, text, bytes: Buffer.byteLength(text) };
    };
    const b = blob('before');
    const a = blob('after');
    files.push({ status: !b ? 'added' : !a ? 'deleted' : 'modified', path, ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) });
  }
  return { baseLabel: 'before', headLabel: 'after', files, skipped: [] };
}

describe('prototype-named keys are data', () => {
  it.each(FIXTURES.map((f) => [f.name, f.dir] as const))('%s', async (_name, dir) => {
    const configPath = existsSync(join(dir, '.configgate.yml')) ? join(dir, '.configgate.yml') : undefined;
    const setup = await loadSetup({ reader: fsReader(dir), configPath });
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.integer({ min: 1, max: 4 }), fc.constantFrom('before', 'after', 'both') as fc.Arbitrary<'before' | 'after' | 'both'>, (name, every, side) => {
        const result = runPipeline({ changeSet: changeSet(dir, name, every, side), setup, failOn: 'never', now: new Date('2026-01-01T00:00:00Z') });
        expect(['pass', 'warn', 'needs-rollout', 'block']).toContain(result.verdict);
        expect(() => JSON.stringify(result)).not.toThrow();
      }),
      { numRuns: 12, seed: 9 },
    );
  });
});
