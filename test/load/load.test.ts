import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import fc from 'fast-check';
import { DEFAULT_LIMITS, decodeText, formatOf, parseConfigFile, type LoadLimits } from '../../src/load/index.js';
import { InputError } from '../../src/errors.js';

function parse(path: string, text: string, limits?: Partial<LoadLimits>) {
  return parseConfigFile({ path, text, bytes: Buffer.byteLength(text) }, limits);
}

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('formatOf', () => {
  it('reads .json as JSON and everything else as YAML', () => {
    expect(formatOf('a/b.json')).toBe('json');
    expect(formatOf('a/B.JSON')).toBe('json');
    expect(formatOf('a/b.yaml')).toBe('yaml');
    expect(formatOf('a/b.yml')).toBe('yaml');
    expect(formatOf('Chart.lock')).toBe('yaml');
  });
});

describe('decodeText', () => {
  it('decodes UTF-8 and strips a BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('a: é\n')]);
    expect(decodeText('x.yaml', bytes)).toEqual({ text: 'a: é\n', binary: false });
  });
  it('calls a file with a NUL byte in its first 8 KiB binary', () => {
    expect(decodeText('x.bin', new Uint8Array([0x89, 0x50, 0x00, 0x47]))).toEqual({ binary: true });
    const late = new Uint8Array(9000).fill(0x61);
    late[8500] = 0;
    expect(decodeText('x.txt', late).binary).toBe(false);
  });
  it('rejects invalid UTF-8 with the line of the first bad byte', () => {
    const bytes = new Uint8Array([...Buffer.from('a: 1\nb: '), 0xc3, 0x28, 0x0a]);
    const error = errorOf(() => decodeText('conf/x.yaml', bytes));
    expect(error.message).toBe('conf/x.yaml:2: not valid UTF-8 (invalid byte 0xc3 at offset 8)');
    expect(error.file).toBe('conf/x.yaml');
    expect(error.line).toBe(2);
  });
  it('rejects overlong encodings and surrogates', () => {
    expect(() => decodeText('x', new Uint8Array([0xc0, 0xaf]))).toThrow(/offset 0/);
    expect(() => decodeText('x', new Uint8Array([0x61, 0xed, 0xa0, 0x80]))).toThrow(/offset 1/);
  });
});

describe('parseConfigFile', () => {
  it('parses YAML like js-yaml, with merge keys', () => {
    const text = 'defaults: &d\n  retries: 3\n  timeout: 5\nsvc:\n  <<: *d\n  timeout: 10\nlist: [1, two, true, null, 1.5]\n';
    const file = parse('app.yaml', text);
    expect(file.format).toBe('yaml');
    expect(file.path).toBe('app.yaml');
    expect(file.bytes).toBe(Buffer.byteLength(text));
    expect(file.documents).toEqual([
      {
        defaults: { retries: 3, timeout: 5 },
        svc: { retries: 3, timeout: 10 },
        list: [1, 'two', true, null, 1.5],
      },
    ]);
  });

  it('parses JSON with the JSON schema', () => {
    const file = parse('a.json', '{"a": [1, {"b": null}], "c": "yes"}');
    expect(file.format).toBe('json');
    expect(file.documents).toEqual([{ a: [1, { b: null }], c: 'yes' }]);
  });

  it('an empty file has no documents; multi-document YAML has one entry per document', () => {
    expect(parse('e.yaml', '').documents).toEqual([]);
    expect(parse('e.yaml', '# only a comment\n').documents).toEqual([]);
    expect(parse('e.json', '').documents).toEqual([]);
    const multi = parse('m.yaml', 'a: 1\n---\nb: 2\n---\n- x\n');
    expect(multi.documents).toEqual([{ a: 1 }, { b: 2 }, ['x']]);
    expect(multi.locate(1, ['b'])).toEqual({ line: 3, column: 1 });
    expect(multi.locate(2, [0])).toEqual({ line: 5, column: 3 });
  });

  it('strips a BOM from the text', () => {
    const file = parse('b.yaml', '\ufeffa: 1\n');
    expect(file.documents).toEqual([{ a: 1 }]);
    expect(file.locate(0, ['a'])).toEqual({ line: 1, column: 1 });
  });

  it('accepts legitimate anchors and aliases (docker-compose style)', () => {
    const text = [
      'x-common: &common',
      '  restart: always',
      '  logging: {driver: json-file}',
      'services:',
      '  web:',
      '    <<: *common',
      '    image: nginx',
      '  db:',
      '    <<: *common',
      '    image: postgres',
      '',
    ].join('\n');
    const file = parse('docker-compose.yml', text);
    expect(file.documents[0]).toMatchObject({ services: { web: { restart: 'always', image: 'nginx' }, db: { image: 'postgres' } } });
    // A merged key is shown at the merge.
    expect(file.locate(0, ['services', 'db', 'restart'])).toEqual({ line: 9, column: 5 });
    expect(file.locate(0, ['services', 'db', 'image'])).toEqual({ line: 10, column: 5 });
  });

  it('values are plain objects with the ordinary prototype', () => {
    const file = parse('p.yaml', 'a: {b: [ {c: 1} ]}\n');
    const doc = file.documents[0] as { a: { b: Array<{ c: number }> } };
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(doc.a.b[0])).toBe(Object.prototype);
  });
});

describe('parseConfigFile rejects bad input with a one-line message', () => {
  const bomb = [
    'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    '',
  ].join('\n');
  const deep = 'a: '.padEnd(3 + 70, '[') + ']'.repeat(70) + '\n';
  const cases: Array<[string, string, string, string, Partial<LoadLimits>?]> = [
    ['malformed YAML', 'bad.yaml', 'a:\n  b: 1\n c: 2\n', 'bad.yaml:3: bad indentation of a mapping entry'],
    ['unclosed flow collection', 'bad.yaml', 'a: [1, 2\n', 'bad.yaml:2: deficient indentation'],
    ['malformed JSON', 'bad.json', '{\n  "a": 1,\n  "b" 2\n}\n', 'bad.json:3: not valid JSON: expected ":"'],
    ['duplicate keys', 'dup.yaml', 'a: 1\nb:\n  c: 1\n  c: 2\n', 'dup.yaml:4: duplicate key "c"'],
    ['duplicate keys in JSON', 'dup.json', '{"a": 1,\n "a": 2}', 'dup.json:2: duplicate key "a"'],
    ['nesting deeper than maxDepth', 'deep.yaml', deep, 'deep.yaml:1: nesting deeper than 64 levels'],
    ['a file over maxBytes', 'big.yaml', 'a: 1\n'.repeat(300), 'big.yaml: file is 1.5 KiB, over the 1 KiB limit', { maxBytes: 1024 }],
    ['__proto__ key', 'p.yaml', 'a: 1\n__proto__:\n  polluted: true\n', 'p.yaml:2: key "__proto__" is not allowed (prototype pollution)'],
    ['quoted, escaped __proto__ key', 'p.yaml', 'a:\n  "\\x5f_proto__": {x: 1}\n', 'p.yaml:2: key "__proto__" is not allowed (prototype pollution)'],
    ['__proto__ key in JSON', 'p.json', '{"__proto__": {"polluted": true}}', 'p.json:1: key "__proto__" is not allowed (prototype pollution)'],
    ['constructor key', 'c.yaml', 'x:\n  - constructor: {prototype: {}}\n', 'c.yaml:2: key "constructor" is not allowed (prototype pollution)'],
    ['__proto__ key through an alias', 'p.yaml', 'k: &k __proto__\nm:\n  *k : {x: 1}\n', 'p.yaml:3: key *k is not allowed (prototype pollution)'],
    ['alias bomb', 'bomb.yaml', bomb, 'bomb.yaml:5: YAML aliases expand to more than 100000 nodes'],
    ['self-referencing alias', 'loop.yaml', 'a: &x\n  - *x\n', 'loop.yaml:2: YAML alias *x refers to a node that contains it'],
    ['unknown alias', 'u.yaml', 'a: *nope\n', 'u.yaml:1: unidentified alias "nope"'],
    ['two JSON values', 'two.json', '{"a": 1}\n---\n{"b": 2}\n', 'two.json:2: not valid JSON: unexpected character (comments, unquoted keys, single quotes, NaN and YAML syntax are not JSON)'],
  ];
  it.each(cases)('%s', (_name, path, text, message, limits) => {
    const error = errorOf(() => parse(path, text, limits));
    expect(error.message).toBe(message);
    expect(error.message).not.toContain('\n');
    expect(error.file).toBe(path);
  });

  it('the alias limit is configurable and counts anchor subtrees', () => {
    // 1 anchor of 11 nodes (the list and its 10 items), aliased 10 times = 110 expanded nodes.
    const text = 'a: &a [1,2,3,4,5,6,7,8,9,10]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n';
    expect(() => parse('x.yaml', text, { maxAliasExpansion: 110 })).not.toThrow();
    expect(errorOf(() => parse('x.yaml', text, { maxAliasExpansion: 109 })).message).toBe(
      'x.yaml:2: YAML aliases expand to more than 109 nodes',
    );
  });

  it('maxDepth is configurable', () => {
    expect(() => parse('d.yaml', 'a: {b: {c: 1}}', { maxDepth: 3 })).not.toThrow();
    expect(errorOf(() => parse('d.yaml', 'a: {b: {c: {d: 1}}}', { maxDepth: 3 })).message).toBe(
      'd.yaml:1: nesting deeper than 3 levels',
    );
  });

  it('a __proto__ key cannot pollute Object.prototype', () => {
    expect(() => parse('p.yaml', '__proto__: {polluted: yes}\n')).toThrow(InputError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('DEFAULT_LIMITS', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxBytes: 64 * 1024 * 1024, maxDepth: 64, maxAliasExpansion: 100_000 });
  });
});

describe('locate', () => {
  const text = [
    'apiVersion: v1', //                1
    'spec:', //                          2
    '  replicas: 3', //                  3
    '  routes:', //                      4
    '    - name: api', //                5
    '      weight: 90', //               6
    '    - name: web', //                7
    '      weight: 10', //               8
    '      hosts: [a, "b"]', //          9
    '  note: |', //                     10
    '    multi', //                     11
    '    line', //                      12
    '  "quoted key": 1', //             13
    '  anchored: &an', //               14
    '    x: 1', //                      15
    '  alias: *an', //                  16
    '  empty:', //                      17
    '',
  ].join('\n');
  const file = parse('svc.yaml', text);

  it('a value under a key is at its key', () => {
    expect(file.locate(0, ['apiVersion'])).toEqual({ line: 1, column: 1 });
    expect(file.locate(0, ['spec', 'replicas'])).toEqual({ line: 3, column: 3 });
    expect(file.locate(0, ['spec', 'routes', 1, 'weight'])).toEqual({ line: 8, column: 7 });
    expect(file.locate(0, ['spec', 'note'])).toEqual({ line: 10, column: 3 });
    expect(file.locate(0, ['spec', 'quoted key'])).toEqual({ line: 13, column: 3 });
    expect(file.locate(0, ['spec', 'empty'])).toEqual({ line: 17, column: 3 });
  });

  it('a sequence item is at its start', () => {
    expect(file.locate(0, ['spec', 'routes', 0])).toEqual({ line: 5, column: 7 });
    expect(file.locate(0, ['spec', 'routes', 1])).toEqual({ line: 7, column: 7 });
    expect(file.locate(0, ['spec', 'routes', 1, 'hosts', 1])).toEqual({ line: 9, column: 18 });
    expect(file.locate(0, ['spec', 'routes', '1', 'hosts', 0])).toEqual({ line: 9, column: 15 });
  });

  it('a missing path falls back to the nearest existing ancestor', () => {
    expect(file.locate(0, ['spec', 'routes', 5, 'weight'])).toEqual({ line: 4, column: 3 });
    expect(file.locate(0, ['spec', 'nope', 'deeper'])).toEqual({ line: 2, column: 1 });
    expect(file.locate(0, ['spec', 'replicas', 'x'])).toEqual({ line: 3, column: 3 });
    expect(file.locate(0, ['spec', 'alias', 'x'])).toEqual({ line: 16, column: 3 });
    expect(file.locate(0, [])).toEqual({ line: 1, column: 1 });
    expect(file.locate(3, ['a'])).toEqual({ line: 1, column: 1 });
  });

  it.each([
    ['a quoted key', `"q k": 1\nb: 2\n`, 'q k'],
    ['a single-quoted key', `'it''s': 1\nb: 2\n`, "it's"],
    ['a key with a tag', `!!str 12: 1\nb: 2\n`, '12'],
    ['a key with an anchor', `&k key: 1\nb: *k\n`, 'key'],
    ['a key behind a long anchor', `&${'a'.repeat(300)} key: 1\nb: 2\n`, 'key'],
    ['a key behind a tag and a long anchor', `!!str &${'a'.repeat(300)} key: 1\nb: 2\n`, 'key'],
  ])('%s is found by its name', (_, text, key) => {
    const f = parse('k.yaml', text);
    expect(f.locate(0, [key])).toEqual({ line: 1, column: 1 });
    expect(f.locate(0, ['b'])).toEqual({ line: 2, column: 1 });
  });

  it('JSON positions', () => {
    const json = parse('a.json', '{\n  "a": {\n    "b": [10, 20]\n  }\n}\n');
    expect(json.locate(0, ['a'])).toEqual({ line: 2, column: 3 });
    expect(json.locate(0, ['a', 'b', 1])).toEqual({ line: 3, column: 15 });
  });

  it('every key of a generated document is located on its own line', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), { minLength: 1, maxLength: 12 }).filter(
          (keys) => !keys.includes('constructor'),
        ),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 12 }),
        (keys, items) => {
          const lines: string[] = [];
          const expected: Array<[Array<string | number>, number]> = [];
          keys.forEach((k) => {
            expected.push([[k], lines.length + 1]);
            lines.push(`${k}:`);
            items.forEach((n, i) => {
              expected.push([[k, i], lines.length + 1]);
              lines.push(`  - n: ${n}`);
              expected.push([[k, i, 'm'], lines.length + 1]);
              lines.push('    m: x');
            });
          });
          const f = parse('g.yaml', lines.join('\n') + '\n');
          expect(f.documents[0]).toEqual(load(lines.join('\n')));
          for (const [path, line] of expected) expect(f.locate(0, path).line).toBe(line);
        },
      ),
      { numRuns: 50 },
    );
  });
});

// stefanprodan/gitops-istio 9908acdc: the Istio operator's CRD has a single-quoted description
// whose continuation lines sit at its list item's indentation, less than js-yaml 5 wants. libyaml
// (PyYAML, Ruby), go-yaml (kubectl, kustomize, Flux, Helm) ignore a quoted scalar's or a flow
// collection's continuation indentation, refusing only a document marker inside one; the file
// was reported unparseable. Each accepted value below is what libyaml reads.
describe('stefanprodan/gitops-istio 9908acdc: quoted scalars and flow collections continued at any indentation', () => {
  const accepted: Array<[string, string, unknown]> = [
    [
      'a single-quoted value continued at its list item\'s indentation (the CRD)',
      'cols:\n  - description: \'CreationTimestamp is a timestamp\n    when this object was created.\'\n    jsonPath: .metadata.creationTimestamp\n',
      { cols: [{ description: 'CreationTimestamp is a timestamp when this object was created.', jsonPath: '.metadata.creationTimestamp' }] },
    ],
    ['a double-quoted value continued at column 0', 'a:\n  b: "x\nc"\n  d: 1\n', { a: { b: 'x c', d: 1 } }],
    ['a double-quoted top-level value continued at column 0', 'x: "abc\ndef"\ny: 2\n', { x: 'abc def', y: 2 }],
    ['a double-quoted list item continued under its dash', 'a:\n  - "abc\n  def"\n  - y\n', { a: ['abc def', 'y'] }],
    ['a continuation led by a tab', 'a:\n  b: "abc\n\tdef"\n  c: z\n', { a: { b: 'abc def', c: 'z' } }],
    ['a line inside quotes that looks like a comment', 'a:\n  b: \'abc\n# not a comment\nx\'\n  c: z\n', { a: { b: 'abc # not a comment x', c: 'z' } }],
    ['an escaped line break and a blank line', 'a:\n  b: "abc\\\n def  \n\n ghi"\n  c: z\n', { a: { b: 'abcdef\nghi', c: 'z' } }],
    ['a flow sequence continued at column 0', 'a: [x,\ny]\nc: z\n', { a: ['x', 'y'], c: 'z' }],
    ['a flow mapping continued less than its key', 'a:\n    b: {x: 1,\n  y: 2}\n    c: z\n', { a: { b: { x: 1, y: 2 }, c: 'z' } }],
    ['nested flow collections and a quoted value inside', 'a:\n  b: {x: [1,\n 2], y: "p\n q"}\n  c: z\n', { a: { b: { x: [1, 2], y: 'p q' }, c: 'z' } }],
    ['a comment line inside a flow sequence', 'a:\n  b: [1,\n# a comment\n2]\n  c: z\n', { a: { b: [1, 2], c: 'z' } }],
    ['a plain scalar inside a flow sequence continued', 'a:\n  b: [abc\n def, x]\n  c: z\n', { a: { b: ['abc def', 'x'], c: 'z' } }],
  ];
  it.each(accepted)('%s', (_name, text, value) => {
    expect(parse('m.yaml', text).documents).toEqual([value]);
  });

  it('positions stay those of the file as written: lines, and columns on a re-indented line', () => {
    const text = 'a:\n  b: [1,\n2, 3]\n  c: "x\ny"\n  d: z\n';
    const file = parse('m.yaml', text);
    expect(file.locate(0, ['a', 'b', 1])).toEqual({ line: 3, column: 1 });
    expect(file.locate(0, ['a', 'b', 2])).toEqual({ line: 3, column: 4 });
    expect(file.locate(0, ['a', 'd'])).toEqual({ line: 6, column: 3 });
  });

  // What libyaml and go-yaml refuse stays unparseable.
  const refused: Array<[string, string, RegExp]> = [
    ['a document marker inside a double-quoted value', 'a:\n  b: "abc\n---\ndef"\n', /^m\.yaml:\d+: /],
    ['a document end marker inside a flow sequence', 'a: [x,\n...\n]\n', /^m\.yaml:\d+: /],
    ['an unterminated double-quoted value', 'a: "abc\n  b: x\n', /^m\.yaml:\d+: /],
    ['an unclosed flow sequence', 'a: [1, 2\n', /^m\.yaml:2: deficient indentation$/],
    ['an unclosed flow sequence followed by a key', 'a:\n  b: [1,\n2,\n  c: 3\n', /^m\.yaml:\d+: /],
    ['text after the closing quote', 'a: "abc\n  def" junk\n', /^m\.yaml:\d+: /],
    ['a plain value continued less than its key', 'a:\n  b: abc\n def\n  c: z\n', /^m\.yaml:\d+: /],
    ['a quoted key over two lines', 'a:\n  "abc\n def": 1\n', /^m\.yaml:\d+: /],
  ];
  it.each(refused)('still refuses %s', (_name, text, message) => {
    expect(errorOf(() => parse('m.yaml', text)).message).toMatch(message);
  });
});
