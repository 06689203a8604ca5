// Issue 11, item 5: column numbers. A finding points at the line and column where the value it speaks
// of is written (its key, or the list item), in every format the loaders read, and every report
// carries the column: text `file:line:col`, JSON `column`, SARIF `startColumn`, workflow commands
// `col=`, annotations, GitLab `positions`, JUnit.
import { describe, expect, it } from 'vitest';
import { check, format } from '../../src/check.js';
import type { Finding, GateResult } from '../../src/model.js';
import { selectAnnotations } from '../../src/report/index.js';
import { firstColumn } from '../../src/evaluate/column.js';

interface Case {
  name: string;
  path: string;
  before: string;
  after: string;
  expected: Array<Pick<Finding, 'policy' | 'messageId' | 'line' | 'column'>>;
}

const RAISE = { policy: 'verbosity.global-raise', messageId: 'global-raise' };

const CASES: Case[] = [
  {
    name: 'YAML, block mapping: the key two levels in',
    path: 'svc/app.yaml',
    before: 'service:\n  name: api\n  logging:\n    level: info\n',
    after: 'service:\n  name: api\n  logging:\n    level: debug\n',
    expected: [{ ...RAISE, line: 4, column: 5 }],
  },
  {
    name: 'YAML, flow mapping: the column tells the key apart on its line',
    path: 'svc/flow.yaml',
    before: 'logging: {format: json, level: info}\n',
    after: 'logging: {format: json, level: debug}\n',
    expected: [{ ...RAISE, line: 1, column: 25 }],
  },
  {
    name: 'YAML, second document',
    path: 'svc/multi.yaml',
    before: 'name: a\n---\nlogging:\n  level: info\n',
    after: 'name: a\n---\nlogging:\n  level: debug\n',
    expected: [{ ...RAISE, line: 4, column: 3 }],
  },
  {
    name: 'JSON: the quoted key inside an inline object',
    path: 'svc/app.json',
    before: '{\n  "service": {\n    "logging": { "format": "json", "level": "info" }\n  }\n}\n',
    after: '{\n  "service": {\n    "logging": { "format": "json", "level": "debug" }\n  }\n}\n',
    expected: [{ ...RAISE, line: 3, column: 36 }],
  },
  {
    name: 'TOML: an indented key under a table header',
    path: 'svc/app.toml',
    before: '[service]\nname = "api"\n\n[service.logging]\n  level = "info"\n',
    after: '[service]\nname = "api"\n\n[service.logging]\n  level = "debug"\n',
    expected: [{ ...RAISE, line: 5, column: 3 }],
  },
  {
    name: '.env: the key after `export`',
    path: 'svc/.env',
    before: 'PORT=80\n  export LOG_LEVEL=info\n',
    after: 'PORT=80\n  export LOG_LEVEL=debug\n',
    expected: [{ ...RAISE, line: 2, column: 10 }],
  },
  {
    name: 'a removed list item, located on the before side',
    path: 'svc/routes.yaml',
    before: 'pools:\n  - name: a\n    weight: 50\n  - name: b\n    weight: 50\n',
    after: 'pools:\n  - name: a\n    weight: 100\n',
    expected: [{ policy: 'routing.traffic-shift-limit', messageId: 'big-shift', line: 4, column: 5 }],
  },
  {
    name: 'a file that does not parse: the line of the error, at its first character',
    path: 'svc/bad.yaml',
    before: 'a: 1\n',
    after: 'a: 1\n  b: [\n',
    expected: [{ policy: 'gate.unparseable', messageId: 'unparseable', line: 2, column: 3 }],
  },
];

const judge = (c: Case) => check({ before: { [c.path]: c.before }, after: { [c.path]: c.after } });

describe('findings carry the exact line and column', () => {
  it.each(CASES)('$name', async (c) => {
    const result = await judge(c);
    expect(result.findings.map(({ policy, messageId, line, column }) => ({ policy, messageId, line, column }))).toEqual(c.expected);
  });
});

describe('every report carries the column', () => {
  let result: GateResult;
  const yaml = CASES[0];
  const at = async () => (result ??= await judge(yaml));

  it('text: file:line:col', async () => {
    expect(format(await at(), 'text')).toMatch(/^ {2}svc\/app\.yaml:4:5 +block +verbosity\.global-raise /m);
  });

  it('JSON: column beside line, additive (every earlier key kept, in order)', async () => {
    const [finding] = JSON.parse(format(await at(), 'json')).findings;
    expect(Object.keys(finding)).toEqual(['policy', 'level', 'messageId', 'file', 'path', 'line', 'message', 'before', 'after', 'column']);
    expect(finding).toMatchObject({ file: 'svc/app.yaml', line: 4, column: 5 });
  });

  it('SARIF: region.startColumn', async () => {
    const sarif = JSON.parse(format(await at(), 'sarif'));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 4, startColumn: 5 });
  });

  it('workflow commands: col=', async () => {
    expect(format(await at(), 'github').split('\n')[0]).toMatch(/^::error file=svc\/app\.yaml,line=4,col=5,title=/);
  });

  it('GitLab code quality: positions.begin.{line, column}', async () => {
    expect(JSON.parse(format(await at(), 'gitlab'))[0].location).toEqual({ path: 'svc/app.yaml', positions: { begin: { line: 4, column: 5 } } });
  });

  it('JUnit: file:line:col in the failure text', async () => {
    expect(format(await at(), 'junit')).toMatch(/<failure type="block" [^>]*>svc\/app\.yaml:4:5 /);
  });

  it('annotations (the Action): column', async () => {
    expect(selectAnnotations(await at()).annotations[0]).toMatchObject({ file: 'svc/app.yaml', line: 4, column: 5 });
  });

  it('a finding without a column renders as before: file:line, no startColumn, no col=, lines.begin', async () => {
    const r = await at();
    const bare: GateResult = { ...r, findings: r.findings.map(({ column: _column, ...f }) => f) };
    expect(format(bare, 'text')).toMatch(/^ {2}svc\/app\.yaml:4 +block /m);
    expect(JSON.parse(format(bare, 'json')).findings[0].column).toBe(0);
    expect(JSON.parse(format(bare, 'sarif')).runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 4 });
    expect(format(bare, 'github')).toMatch(/^::error file=svc\/app\.yaml,line=4,title=/);
    expect(JSON.parse(format(bare, 'gitlab'))[0].location).toEqual({ path: 'svc/app.yaml', lines: { begin: 4 } });
  });
});

describe('firstColumn', () => {
  it.each([
    ['a: 1\n  b: 2\n', 2, 3],
    ['a: 1\n\tb: 2\n', 2, 2],
    ['a: 1\n\n', 2, 1],
    ['a: 1\r\n   \r\n', 2, 1],
    ['a: 1\n', 9, 1],
    ['x', 1, 1],
  ])('%j line %i → column %i', (text, line, column) => {
    expect(firstColumn(text, line)).toBe(column);
  });
});
