// Issue 10, item 10 (peak memory ≤ 10× the input): a long list parsed in slices gives exactly the
// whole-file parse: the same values, the same positions for every path, the same list lines and
// readings; whatever could differ falls back to the whole-file parse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigFile, JsonPath } from '../../src/model.js';
import { parseConfigFile, parserFor, DEFAULT_LIMITS } from '../../src/load/index.js';
import { findLongList, findLongMap, parseSliced, type ListRegion } from '../../src/load/sliced.js';
import { listItemLines } from '../../src/load/list-lines.js';
import { changedReadings } from '../../src/load/readings.js';

const WHOLE = { minChars: Number.POSITIVE_INFINITY };
const SLICED = { minChars: 0, sliceChars: 40 };

function parse(text: string, slicing: typeof WHOLE | typeof SLICED): ConfigFile | string {
  try {
    return parseConfigFile({ path: 'list.yaml', text, bytes: Buffer.byteLength(text) }, {}, slicing);
  } catch (error) {
    return (error as Error).message;
  }
}

/** Every path into the documents (keys and indices), for comparing positions. */
function pathsOf(value: unknown, path: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

/** What a caller can observe of a parse: values, positions, list lines and readings. */
function observed(file: ConfigFile | string) {
  if (typeof file === 'string') return { error: file };
  return {
    documents: file.documents,
    positions: file.documents.flatMap((doc, d) => pathsOf(doc).map((p) => [d, p.join('/'), file.locate(d, p)])),
    lists: file.documents.flatMap((doc, d) =>
      pathsOf(doc)
        .filter((p) => Array.isArray(p.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], doc)))
        .map((p) => [p.join('/'), Array.from(listItemLines(file, d, p) ?? [])]),
    ),
    readings: changedReadings(file, '', undefined),
  };
}

function slicedDirectly(text: string) {
  const parser = parserFor(text);
  return parseSliced(parser, text, { path: 'list.yaml', schema: parser.yamlSchema, lim: DEFAULT_LIMITS, ...SLICED });
}

const item = fc.oneof(
  fc.constantFrom('- plain\n', '- yes\n', '- 010\n', "- 'quoted: x'\n", '- "esc\\tx"\n', '-\n', '- []\n', '- {a: 1, b: [2, 3]}\n'),
  fc.record({ name: fc.stringMatching(/^[a-z]{1,6}$/), port: fc.integer({ min: 0, max: 70000 }) }).map(({ name, port }) => `- name: ${name}\n  port: ${port}\n  tags:\n    - ${name}\n    - x\n`),
  fc.constantFrom('- text: |\n    line one\n    line two\n', '- text: >-\n    folded\n    on\n  after: 1\n', '- # a comment\n  key: v\n', '- &a {x: 1}\n', '- !!str 12\n', '- k: &b 1\n  j: *b\n'),
);

const shapes = (items: string[], indent: string) => {
  const body = items.map((i) => i.replace(/^(?=.)/gm, indent)).join('');
  return fc.constantFrom(
    body,
    `---\n${body}`,
    `kind: List\nitems:\n${body}`,
    `# head\nkind: List\nmetadata: {name: x}\nitems:\n${body}tail: 1\nmore:\n  - a\n`,
    `items:\n${body}\r\n`,
  );
};

/** The region found is cut in several slices, under the key given (or at the root), and the sliced parse gives the whole one's values. */
function expectSliced(region: ListRegion | undefined, text: string, kind: ListRegion['kind'], key: string | undefined): void {
  expect(region?.kind).toBe(kind);
  expect(region?.bounds.length).toBeGreaterThan(3);
  expect(region?.keyStart === undefined).toBe(key === undefined);
  const sliced = slicedDirectly(text);
  expect(sliced).toBeDefined();
  expect(sliced!.documents).toEqual(observed(parse(text, WHOLE)).documents);
}

const entry = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9_.-]{0,6}$/).map((k) => `${k}: v\n`),
  fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/).map((k) => `${k}:\n  port: 1\n  tags: [a, b]\n`),
  fc.integer({ min: 0, max: 40 }).map((n) => `${n}: numbered\n`),
  fc.stringMatching(/^\/[a-z0-9/{}:-]{0,8}$/).map((k) => `${k}: {get: {}}\n`),
  fc.constantFrom('q: "open\n  still: quoted"\n', 'f: [1,\n  g: 2]\n', 'url: http://x:80\n', 'k#1: v\n', 'c: v # note: here\n'),
  fc.constantFrom('yes: 010\n', 'text: |\n  line one\n  # not a comment\n', 'list:\n- a\n- b\n', "'quoted key': 1\n", '? complex\n: value\n', 'anch: &a {x: 1}\nref: *a\n', '<<: {m: 1}\n', 'dup: 1\n', 'flow: {a: [1, 2]}\n'),
);

const mapShapes = (entries: string[]) => {
  const body = entries.join('');
  const under = body.replace(/^(?=.)/gm, '  ');
  return fc.constantFrom(body, `# head comment\n${body}`, `kind: Map\nentries:\n${under}`, `openapi: 3\npaths:\n${under}components: {}\n`, `---\n${body}`);
};

describe('parsing a long map in slices', () => {
  it('property: sliced and whole parses are indistinguishable', () => {
    let sliced = 0;
    fc.assert(
      fc.property(fc.array(entry, { minLength: 2, maxLength: 30 }).chain(mapShapes), (text) => {
        if (slicedDirectly(text)) sliced++;
        expect(observed(parse(text, SLICED))).toEqual(observed(parse(text, WHOLE)));
      }),
      { numRuns: 300, seed: 20261219 },
    );
    // Duplicate keys, complex keys, merge keys and aliases across slices are the fallback's.
    expect(sliced).toBeGreaterThan(60);
  });

  it.each([
    ['a root map', `${Array.from({ length: 30 }, (_, i) => `key${i}: value-${i}\n`).join('')}`, undefined],
    ['a map under a key, with a head and a tail', `openapi: 3\npaths:\n${Array.from({ length: 30 }, (_, i) => `  /a${i}:\n    get: {}\n`).join('')}components: {}\n`, 'paths'],
  ])('%s is sliced', (_, text, key) => expectSliced(findLongMap(text, SLICED.sliceChars), text, 'map', key));

  it.each([
    ['a key in two slices', `${'key: 1\n'}${Array.from({ length: 20 }, (_, i) => `k${i}: padding\n`).join('')}key: 2\n`],
    ['a complex key', `${Array.from({ length: 20 }, (_, i) => `k${i}: padding\n`).join('')}? [a, b]\n: 1\n`],
    ['a list at the top after the map', `${Array.from({ length: 20 }, (_, i) => `k${i}: padding\n`).join('')}- item\n`],
  ])('%s: parsed whole, with the same result or error', (_, text) => {
    expect(slicedDirectly(text)).toBeUndefined();
    expect(observed(parse(text, SLICED))).toEqual(observed(parse(text, WHOLE)));
  });
});

describe('parsing a long list in slices', () => {
  it('property: sliced and whole parses are indistinguishable', () => {
    let sliced = 0;
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 2, maxLength: 30 }).chain((items) => fc.constantFrom('', '  ').chain((indent) => shapes(items, indent))),
        (text) => {
          if (slicedDirectly(text)) sliced++;
          expect(observed(parse(text, SLICED))).toEqual(observed(parse(text, WHOLE)));
        },
      ),
      { numRuns: 300, seed: 20261206 },
    );
    // Most generated files are sliced; the rest (an alias across slices, a list under half the text) are the fallback's.
    expect(sliced).toBeGreaterThan(150);
  });

  it.each([
    ['a list under a key, with a head and a tail', `kind: List\nitems:\n${'  - name: a\n    port: 1\n'.repeat(20)}tail: 1\n`, 'items'],
    ['a root list', `${'- name: a\n  v: [1, 2]\n'.repeat(20)}`, undefined],
    ['a compact list under a key after a document marker', `---\nitems:\n${'- name: a\n'.repeat(20)}`, 'items'],
  ])('%s is sliced', (_, text, key) => expectSliced(findLongList(text, SLICED.sliceChars), text, 'seq', key));

  it.each([
    ['two documents', `items:\n${'  - a\n'.repeat(20)}---\nb: 1\n`],
    ['an alias to an anchor in another slice', `items:\n  - &first {a: 1}\n${'  - name: padding-padding\n'.repeat(10)}  - *first\n`],
    ['a merge key', `items:\n${'  - name: padding-padding\n'.repeat(10)}  - <<: {a: 1}\n    b: 2\n`],
    ['a quoted value continued past an item start', `items:\n${'  - name: padding-padding\n'.repeat(10)}  - "open\n  - still quoted"\n${'  - x\n'.repeat(10)}`],
    ['a prototype key in the list', `items:\n${'  - name: padding-padding\n'.repeat(10)}  - __proto__: 1\n`],
  ])('%s: parsed whole, with the same result or error', (_, text) => {
    expect(slicedDirectly(text)).toBeUndefined();
    expect(observed(parse(text, SLICED))).toEqual(observed(parse(text, WHOLE)));
  });

  it('a short file, or a list under half of it, is parsed whole', () => {
    expect(findLongList(`a: ${'x'.repeat(400)}\nitems:\n  - 1\n  - 2\n`, 4)).toBeUndefined();
    expect(slicedDirectly('items:\n  - 1\n  - 2\n')).toBeUndefined();
  });
});
