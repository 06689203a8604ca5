// Property (robustness issue, item 11): the order of keys in a map never changes a verdict.
// Every incident and benign fixture is re-written with its maps' keys shuffled (both sides,
// independently) and judged in-process; the verdict and the set of policies that spoke must be
// those of the same files written in their original key order.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as jsYaml from 'js-yaml';
import { configTags } from '../../src/load/tags.js';
import type { ChangeSet, FileDelta } from '../../src/model.js';
import { fsReader, loadSetup, type GateSetup } from '../../src/config/index.js';
import { runPipeline } from '../../src/gate.js';
import { templateBeforeParse } from '../../src/load/role.js';


// The fixtures use the YAML tags the gate reads (CloudFormation `!Ref`, …): the same schema here.
const TAGGED = jsYaml.CORE_SCHEMA.withTags(jsYaml.mergeTag, ...configTags(jsYaml));
const { dump, load } = jsYaml;
const ROOT = join(import.meta.dirname, '..', 'fixtures');
const FIXTURES = ['incidents', 'benign'].flatMap((kind) =>
  readdirSync(join(ROOT, kind)).map((name) => ({ name: `${kind}/${name}`, dir: join(ROOT, kind, name) })),
);

function walk(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), `${prefix}${e.name}/`) : /\.(ya?ml|json)$/.test(e.name) ? [`${prefix}${e.name}`] : [],
  );
}

type Shuffle = (keys: string[]) => string[];

/** The value with every map's keys in the order `shuffle` gives. */
function reorder(value: unknown, shuffle: Shuffle): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, shuffle));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of shuffle(Object.keys(value))) out[k] = reorder((value as Record<string, unknown>)[k], shuffle);
  return out;
}

function write(path: string, documents: unknown[]): string {
  if (path.endsWith('.json')) return `${JSON.stringify(documents[0], null, 2)}\n`;
  return documents.map((d) => dump(d, { lineWidth: -1, noRefs: true })).join('---\n');
}

function readDocuments(dir: string, side: string, path: string): unknown[] {
  const text = readFileSync(join(dir, side, path), 'utf8');
  return path.endsWith('.json') ? [JSON.parse(text)] : (loadAllDocs(text) as unknown[]);
}

function loadAllDocs(text: string): unknown[] {
  return text.split(/^---\s*$/m).map((part) => load(part, { schema: TAGGED })).filter((d) => d !== undefined && d !== null);
}

function changeSet(dir: string, shuffle: Shuffle): ChangeSet {
  const files: FileDelta[] = [];
  const before = new Set(walk(join(dir, 'before')));
  const after = new Set(walk(join(dir, 'after')));
  for (const path of new Set([...before, ...after])) {
    const side = (name: string, has: boolean) => {
      if (!has) return undefined;
      // A template is not YAML until rendered: the gate reads its lines as written, so they are kept.
      const raw = readFileSync(join(dir, name, path), 'utf8');
      const text = templateBeforeParse(path, raw) ? raw : write(path, readDocuments(dir, name, path).map((d) => reorder(d, shuffle)));
      return { path, text, bytes: Buffer.byteLength(text) };
    };
    const b = side('before', before.has(path));
    const a = side('after', after.has(path));
    files.push({ status: !b ? 'added' : !a ? 'deleted' : 'modified', path, ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) });
  }
  return { baseLabel: 'before', headLabel: 'after', files, skipped: [] };
}

function judged(setup: GateSetup, dir: string, shuffle: Shuffle) {
  const result = runPipeline({ changeSet: changeSet(dir, shuffle), setup, failOn: 'never', now: new Date('2026-01-01T00:00:00Z') });
  return { verdict: result.verdict, policies: [...new Set(result.findings.map((f) => f.policy))].sort() };
}

const keep: Shuffle = (keys) => keys;

describe('key order never changes a verdict', () => {
  it.each(FIXTURES.map((f) => [f.name, f.dir] as const))('%s', async (_name, dir) => {
    const configPath = existsSync(join(dir, '.configgate.yml')) ? join(dir, '.configgate.yml') : undefined;
    const setup = await loadSetup({ reader: fsReader(dir), configPath });
    const expected = judged(setup, dir, keep);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        let state = seed;
        const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
        const shuffle: Shuffle = (keys) => keys.map((k) => [random(), k] as const).sort((x, y) => x[0] - y[0]).map(([, k]) => k);
        expect(judged(setup, dir, shuffle)).toEqual(expected);
      }),
      { numRuns: 8, seed: 20261205 },
    );
  });
});
