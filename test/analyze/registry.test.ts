// One shape for built-in and user analyzers: defineAnalyzer checks it, the registry runs both,
// the config steers both by name and gives each its options, checked against its schema.
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { check, defineAnalyzer, InputError, runGate, type AnalyzerDefinition } from '../../src/index.js';
import { locatedAt, makeSignal } from '../../src/analyze/kit/signal.js';
import { lastKey } from '../../src/analyze/kit/paths.js';
import { parseNumber } from '../../src/analyze/kit/quantities.js';
import { analyze, analyzerOptionsOf, analyzersWith, BUILTIN_ANALYZERS } from '../../src/analyze/index.js';
import type { JsonPath } from '../../src/model.js';
import { cli, tempDir, writeTree } from '../support/cli.js';
import { optionsValidator } from '../../src/ajv.js';

/** A user analyzer: database shard counts are serving capacity. */
const shards = defineAnalyzer({
  name: 'db-shards',
  doc: 'Database shard counts, as serving capacity.',
  signals: ['capacity'],
  options: { type: 'object', additionalProperties: false, properties: { key: { type: 'string' } } },
  analyze(files, ctx) {
    const key = (ctx.analyzerOptions?.['db-shards']?.key as string | undefined) ?? 'shards';
    return files.flatMap((file) =>
      file.changes.flatMap((c) => {
        const from = parseNumber(c.before);
        const to = parseNumber(c.after);
        if (c.kind !== 'modified' || lastKey(c.path) !== key || from === undefined || to === undefined || to >= from) return [];
        const dropPercent = Math.round(((from - to) / from) * 100);
        return [makeSignal({ type: 'capacity', kind: 'capacity-dropped', direction: 'risky', file, ...locatedAt(c), summary: `${c.pathText}: ${from} → ${to}`, data: { from, to, dropPercent } }, ctx.inventory)];
      }),
    );
  },
});

/** `file:line` of a config path, as the config loader gives it (here: the path itself, for the table). */
const at = (path: JsonPath) => `c.yml:${path.join('.')}`;

function pairDir(config: string, before: string, after: string): string {
  const dir = tempDir();
  writeTree(dir, { '.configgate.yml': config, 'before/db.yaml': before, 'after/db.yaml': after });
  return dir;
}

const DB_BEFORE = 'database:\n  name: orders\n  shards: 8\n';
const DB_AFTER = 'database:\n  name: orders\n  shards: 2\n';

describe('user analyzers through the library', () => {
  test('a user analyzer runs end to end: its signal meets the built-in capacity policy, with the real line', async () => {
    const dir = pairDir('failOn: never\n', DB_BEFORE, DB_AFTER);
    const run = (analyzers?: AnalyzerDefinition[]) => runGate({ cwd: dir, source: { kind: 'compare', before: 'before', after: 'after' }, analyzers });
    const without = await run();
    expect(without.verdict).toBe('pass');
    const withIt = await run([shards]);
    expect(withIt.verdict).toBe('needs-rollout');
    expect(withIt.findings.map((f) => [f.policy, f.file, f.path, f.line])).toContainEqual(['capacity.drop-limit', 'db.yaml', 'database.shards', 3]);
    expect(withIt.signals.map((s) => [s.type, s.kind, s.line])).toEqual([['capacity', 'capacity-dropped', 3]]);
  });

  test('its options come from analyzerOptions and are checked against its schema', async () => {
    const renamed = (t: string) => t.replace('shards', 'partitions');
    const dir = pairDir("failOn: never\nanalyzerOptions:\n  db-shards: { key: partitions }\n", renamed(DB_BEFORE), renamed(DB_AFTER));
    const result = await runGate({ cwd: dir, source: { kind: 'compare', before: 'before', after: 'after' }, analyzers: [shards] });
    expect(result.signals.map((s) => s.pathText)).toEqual(['database.partitions']);
    const bad = pairDir('analyzerOptions:\n  db-shards: { kee: partitions }\n', DB_BEFORE, DB_AFTER);
    await expect(runGate({ cwd: bad, source: { kind: 'compare', before: 'before', after: 'after' }, analyzers: [shards] })).rejects.toThrow(
      /^\.configgate\.yml:2: unknown option "kee" of analyzer "db-shards" \(did you mean "key"\?\); it takes key$/,
    );
  });

  test('check() takes user analyzers too, and their options from a config given as an object', async () => {
    const before = { 'db.yaml': DB_BEFORE.replace('shards', 'parts') };
    const after = { 'db.yaml': DB_AFTER.replace('shards', 'parts') };
    const result = await check({ before, after }, { analyzers: [shards], config: { analyzerOptions: { 'db-shards': { key: 'parts' } } } });
    expect(result.verdict).toBe('needs-rollout');
    expect(result.signals.map((s) => [s.kind, s.pathText, s.line])).toEqual([['capacity-dropped', 'database.parts', 3]]);
    expect((await check({ before, after })).verdict).toBe('pass');
  });

  test('a user analyzer may be steered by name; a name shared with a built-in one is an error', () => {
    const registry = analyzersWith([shards]);
    expect(registry.map((a) => a.name)).toEqual([...BUILTIN_ANALYZERS.map((a) => a.name), 'db-shards']);
    expect(() => analyzerOptionsOf({ analyzers: [{ analyzer: 'db-shards' }] }, registry, at)).not.toThrow();
    expect(() => analyzersWith([{ ...shards, name: 'routing' }])).toThrow('analyzer "routing" is registered twice');
  });

  test('a signal of a type the analyzer did not declare is refused', () => {
    const liar = defineAnalyzer({ ...shards, name: 'liar', signals: ['flag'] });
    const files = [{ path: 'db.yaml', status: 'modified' as const, changes: [{ file: 'db.yaml', document: 0, path: ['shards'], pathText: 'shards', kind: 'modified' as const, line: 1, before: 8, after: 2 }] }];
    expect(() => analyze(files, { options: {} }, [liar])).toThrow('analyzer "liar" emitted a "capacity" signal it does not declare');
  });
});

describe('defineAnalyzer checks the shape once, when defined', () => {
  const base = { name: 'x', doc: 'x', signals: ['capacity'] as const, analyze: () => [] };
  test.each([
    ['a name that is not lower-case words', { ...base, name: 'Bad Name' }, 'analyzer "Bad Name": the name must be lower-case words joined by -'],
    ['an empty doc', { ...base, doc: ' ' }, 'analyzer "x": doc is empty'],
    ['no signal types', { ...base, signals: [] }, 'analyzer "x": declares no signal types'],
    ['an unknown signal type', { ...base, signals: ['capacty'] }, 'analyzer "x": unknown signal type "capacty"'],
    ['an options schema that is not an object schema', { ...base, options: { type: 'string' } }, 'analyzer "x": the options schema must be of type "object"'],
    ['an options schema that does not compile', { ...base, options: { type: 'object', properties: { a: { type: 'nope' } } } }, /analyzer "x": the options schema does not compile/],
  ])('%s', (_name, definition, error) => {
    expect(() => defineAnalyzer(definition as unknown as AnalyzerDefinition)).toThrow(error);
  });
});

describe('the config names analyzers and gives their options: one check, one line per problem', () => {
  const registry = analyzersWith();
  test.each([
    [{ analyzers: [{ analyzer: 'routng' }] }, /^c\.yml:analyzers\.0\.analyzer: unknown analyzer "routng" in analyzers \(did you mean "routing"\?\); known: verbosity, routing, /],
    [{ analyzers: [{ analyzer: 'bandwidth' }] }, /^c\.yml:analyzers\.0\.analyzer: unknown analyzer "bandwidth" in analyzers; known: verbosity, routing, /],
    [{ analyzerOptions: { capactiy: {} } }, /^c\.yml:analyzerOptions\.capactiy: unknown analyzer "capactiy" in analyzerOptions \(did you mean "capacity"\?\); known: /],
    [{ analyzerOptions: { routing: { headrom: 30 } } }, 'c.yml:analyzerOptions.routing: unknown option "headrom" of analyzer "routing" (did you mean "headroom"?); it takes headroom'],
    [{ analyzerOptions: { routing: { headroom: 130 } } }, 'c.yml:analyzerOptions.routing: options of analyzer "routing": /headroom must be <= 100'],
    [{ analyzerOptions: { entitlement: { anything: 1 } } }, 'c.yml:analyzerOptions.entitlement: unknown option "anything" of analyzer "entitlement"; it takes none'],
    [{ analyzerOptions: { capacity: { capacityKeys: 'shards' } } }, 'c.yml:analyzerOptions.capacity: options of analyzer "capacity": /capacityKeys must be array'],
  ])('%j', (config, message) => {
    let error: unknown;
    try {
      analyzerOptionsOf(config, registry, at);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
  });

  test('valid options are returned by analyzer name and reach the analyzer', () => {
    expect(analyzerOptionsOf({ analyzerOptions: { routing: { headroom: 50 }, flag: { containers: ['switches'] } } }, registry, at)).toEqual({
      routing: { headroom: 50 },
      flag: { containers: ['switches'] },
    });
  });

  test('the CLI: an unknown analyzer option is exit 2 with one line naming the file', () => {
    const dir = pairDir('analyzerOptions:\n  routing: { headrom: 30 }\n', DB_BEFORE, DB_AFTER);
    const run = cli(['compare', join(dir, 'before'), join(dir, 'after')], dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('.configgate.yml:2: unknown option "headrom" of analyzer "routing" (did you mean "headroom"?); it takes headroom');
  });
});

describe('the built-in analyzers: their options schemas compile (defineBuiltinAnalyzer leaves it to this test)', () => {
  test.each(BUILTIN_ANALYZERS.filter((a) => a.options).map((a) => [a.name, a] as const))('%s', (_name, analyzer) => {
    const validate = optionsValidator(analyzer.options!);
    expect(validate({})).toBe(true);
  });
});
