// The config formats real repositories use, read into the same documents as YAML: each format's
// values and lines, the four incident classes where they occur in that format with a benign
// twin each, and the bad-input table — all in-process, through the real gate.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseConfigFile, formatOf, decodeText } from '../../../src/load/index.js';
import { runGate } from '../../../src/run.js';
import { tempDir, writeTree } from '../../support/cli.js';

const parse = (path: string, text: string) => parseConfigFile({ path, text, bytes: Buffer.byteLength(text) });

describe('detection by name', () => {
  it.each([
    ['src/main/resources/application-prod.properties', 'properties'],
    ['conf/logback-spring.xml', 'xml'],
    ['log4j2.xml', 'xml'],
    ['svc/pool.toml', 'toml'],
    ['.env', 'env'],
    ['deploy/.env.production', 'env'],
    ['prod.env', 'env'],
    ['php.INI', 'ini'],
    ['a.json', 'json'],
    ['flags.json5', 'json5'],
    ['values.yaml', 'yaml'],
  ])('%s is %s', (path, format) => expect(formatOf(path)).toBe(format));
});

describe('values and lines', () => {
  it.each([
    ['application.properties', '# c\nserver.port=8080\nlogging.level.root = DEBUG\nmulti=a\\\n  b\n',
      { server: { port: '8080' }, logging: { level: { root: 'DEBUG' } }, multi: 'ab' }, ['logging', 'level', 'root'], 3],
    ['flags.json5', "// flags\n{\n  featureFlags: {\n    'new-router': { enabled: false, }, // off\n    dark: { rollout: { percentage: 5 } },\n  },\n  list: [1, 0x1F, Infinity],\n}\n",
      { featureFlags: { 'new-router': { enabled: false }, dark: { rollout: { percentage: 5 } } }, list: [1, 31, 'Infinity'] }, ['featureFlags', 'dark', 'rollout', 'percentage'], 5],
    ['flags.json5', "{\n  a: [\n    'x',\n    { b: 1 },\n  ],\n}\n", { a: ['x', { b: 1 }] }, ['a', 1, 'b'], 4],
    ['application.properties', 'a=1\na.b=2\n', { a: '1', 'a.b': '2' }, ['a.b'], 2],
    ['.env', '# c\nexport PORT=80\nLOG_LEVEL="debug" # loud\n', { PORT: '80', LOG_LEVEL: 'debug' }, ['LOG_LEVEL'], 3],
    ['app.ini', '; c\ntop = 1\n[log]\nlevel = debug\n[a.b]\nc = true\n', { top: '1', log: { level: 'debug' }, a: { b: { c: true } } }, ['log', 'level'], 4],
    ['pool.toml', 'title = "x"\n[upstream]\nname = "api"\n\n[[upstream.servers]]\nhost = "a"\n\n[[upstream.servers]]\nhost = "b"\nweight = 10\n',
      { title: 'x', upstream: { name: 'api', servers: [{ host: 'a' }, { host: 'b', weight: 10 }] } }, ['upstream', 'servers', 1, 'weight'], 10],
    ['svc.toml', 'at = 2024-01-01T00:00:00Z\nbig = 9007199254740993\n', { at: '2024-01-01T00:00:00.000Z', big: '9007199254740993' }, ['big'], 2],
    ['logback.xml', '<?xml version="1.0"?>\n<configuration>\n  <root level="INFO">\n    <appender-ref ref="A"/>\n  </root>\n  <logger name="com.acme" level="WARN"/>\n</configuration>\n',
      { configuration: { root: { level: 'INFO', 'appender-ref': [{ ref: 'A' }] }, logger: [{ name: 'com.acme', level: 'WARN' }] } }, ['configuration', 'logger', 0, 'level'], 6],
    ['log4j2.xml', '<Configuration status="WARN">\n  <Loggers>\n    <Root level="error"/>\n  </Loggers>\n</Configuration>\n',
      { Configuration: { status: 'WARN', Loggers: { Root: { level: 'error' } } } }, ['Configuration', 'Loggers', 'Root', 'level'], 3],
  ])('%s', (path, text, documents, located, line) => {
    const file = parse(path, text);
    expect(file.documents).toEqual([documents]);
    expect(file.locate(0, located).line).toBe(line);
  });
});

interface Case {
  name: string;
  before: Record<string, string>;
  after: Record<string, string>;
  verdict: 'pass' | 'block' | 'needs-rollout' | 'warn';
  finding?: { policy: string; file: string; line: number };
}

const LOGBACK = (level: string) => `<?xml version="1.0"?>\n<configuration>\n  <appender name="A" class="ch.qos.logback.core.ConsoleAppender"/>\n  <root level="${level}">\n    <appender-ref ref="A"/>\n  </root>\n</configuration>\n`;
const LOG4J2 = (level: string) => `<Configuration status="WARN">\n  <Loggers>\n    <Root level="${level}">\n      <AppenderRef ref="Console"/>\n    </Root>\n  </Loggers>\n</Configuration>\n`;
const POOL = (a: number, b: number) => `[upstream]\nname = "api"\n\n[[upstream.servers]]\nhost = "a"\nweight = ${a}\n\n[[upstream.servers]]\nhost = "b"\nweight = ${b}\n`;

const cases: Case[] = [
  { name: 'Spring properties: root level INFO → DEBUG', before: { 'application.properties': 'server.port=8080\nlogging.level.root=INFO\n' },
    after: { 'application.properties': 'server.port=8080\nlogging.level.root=DEBUG\n' }, verdict: 'block',
    finding: { policy: 'verbosity.global-raise', file: 'application.properties', line: 2 } },
  { name: 'Spring properties, benign twin: root level DEBUG → INFO', before: { 'application.properties': 'server.port=8080\nlogging.level.root=DEBUG\n' },
    after: { 'application.properties': 'server.port=8080\nlogging.level.root=INFO\n' }, verdict: 'pass' },
  { name: 'Spring properties, benign twin: a port changed', before: { 'application.properties': 'server.port=8080\nlogging.level.root=INFO\n' },
    after: { 'application.properties': 'server.port=9090\nlogging.level.root=INFO\n' }, verdict: 'pass' },
  { name: 'logback: root INFO → DEBUG', before: { 'logback.xml': LOGBACK('INFO') }, after: { 'logback.xml': LOGBACK('DEBUG') }, verdict: 'block',
    finding: { policy: 'verbosity.global-raise', file: 'logback.xml', line: 4 } },
  { name: 'logback, benign twin: root DEBUG → WARN', before: { 'logback.xml': LOGBACK('DEBUG') }, after: { 'logback.xml': LOGBACK('WARN') }, verdict: 'pass' },
  { name: 'log4j2: Root error → trace', before: { 'log4j2.xml': LOG4J2('error') }, after: { 'log4j2.xml': LOG4J2('trace') }, verdict: 'block',
    finding: { policy: 'verbosity.global-raise', file: 'log4j2.xml', line: 3 } },
  { name: 'log4j2, benign twin: Root trace → error', before: { 'log4j2.xml': LOG4J2('trace') }, after: { 'log4j2.xml': LOG4J2('error') }, verdict: 'pass' },
  { name: '.env: LOG_LEVEL info → debug', before: { '.env': 'PORT=80\nLOG_LEVEL=info\n' }, after: { '.env': 'PORT=80\nLOG_LEVEL=debug\n' }, verdict: 'block',
    finding: { policy: 'verbosity.global-raise', file: '.env', line: 2 } },
  { name: '.env, benign twin: a port changed', before: { '.env': 'PORT=80\nLOG_LEVEL=info\n' }, after: { '.env': 'PORT=81\nLOG_LEVEL=info\n' }, verdict: 'pass' },
  { name: 'INI: [log] level info → debug', before: { 'app.ini': '[log]\nlevel = info\n' }, after: { 'app.ini': '[log]\nlevel = debug\n' }, verdict: 'block',
    finding: { policy: 'verbosity.global-raise', file: 'app.ini', line: 2 } },
  { name: 'TOML: a pool drained (50/50 → 100/0)', before: { 'pool.toml': POOL(50, 50) }, after: { 'pool.toml': POOL(100, 0) }, verdict: 'needs-rollout',
    finding: { policy: 'routing.traffic-shift-limit', file: 'pool.toml', line: 6 } },
  { name: 'TOML, benign twin: a pool rebalanced by 5 points', before: { 'pool.toml': POOL(50, 50) }, after: { 'pool.toml': POOL(55, 45) }, verdict: 'pass' },
  { name: 'JSON5: a flag switched on everywhere', before: { 'flags.json5': "{\n  featureFlags: {\n    'new-router': { enabled: false }, // off\n  },\n}\n" },
    after: { 'flags.json5': "{\n  featureFlags: {\n    'new-router': { enabled: true }, // on\n  },\n}\n" }, verdict: 'needs-rollout',
    finding: { policy: 'blast-radius.limit', file: 'flags.json5', line: 3 } },
  { name: 'JSON5, benign twin: a flag switched off', before: { 'flags.json5': "{\n  featureFlags: {\n    'new-router': { enabled: true },\n  },\n}\n" },
    after: { 'flags.json5': "{\n  featureFlags: {\n    'new-router': { enabled: false },\n  },\n}\n" }, verdict: 'pass' },
  { name: 'a .yaml rewritten as .toml with the same meaning is a rename with no change', before: { 'app.yaml': 'log:\n  level: info\n' },
    after: { 'app.toml': '[log]\nlevel = "info"\n' }, verdict: 'pass' },
];

async function judge(before: Record<string, string>, after: Record<string, string>) {
  const dir = tempDir();
  writeTree(dir, { '.configgate.yml': '# the defaults\n', ...prefix('before', before), ...prefix('after', after) });
  return runGate({ cwd: dir, source: { kind: 'compare', before: join(dir, 'before'), after: join(dir, 'after') }, now: new Date('2026-01-01T00:00:00Z') });
}

function prefix(folder: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [`${folder}/${k}`, v]));
}

describe('the incident classes in each format, with benign twins', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await judge(c.before, c.after);
    expect(result.verdict).toBe(c.verdict);
    if (c.finding) expect(result.findings.map((f) => ({ policy: f.policy, file: f.file, line: f.line }))).toContainEqual(c.finding);
    expect(result.skipped ?? []).toEqual([]);
  });
});

describe('bad input in each format: gate.unparseable at the file and line', () => {
  it.each([
    ['pool.toml', 'name = "a"\nweight = \n', 2, /invalid value|expected/i],
    ['pool.toml', 'a = 1\na = 2\n', 2, /already|duplicate|redefin/i],
    ['logback.xml', '<configuration>\n  <root level="INFO">\n</configuration>\n', 3, /not valid XML/],
    ['logback.xml', '<?xml version="1.0"?>\n<!DOCTYPE x [\n<!ENTITY a "aaaa">\n]>\n<configuration/>\n', 3, /entity declarations/],
    ['application.properties', 'a.__proto__.b=1\n', 1, /__proto__/],
    ['pool.toml', '[x]\n__proto__ = 1\n', 2, /__proto__/],
    ['pool.toml', 'x = { constructor = 1 }\n', 1, /constructor/],
    ['app.ini', '[__proto__]\na = 1\n', 1, /__proto__/],
    ['flags.json5', '{\n  a: 1,\n  b: ,\n}\n', 3, /not valid JSON5/],
    ['flags.json5', '{\n  x: { __proto__: 1 },\n}\n', 2, /__proto__/],
  ])('%s: %j', async (file, text, line, message) => {
    const result = await judge({ [file]: '' }, { [file]: text });
    const found = result.findings.find((f) => f.policy === 'gate.unparseable');
    expect(found).toMatchObject({ file, line, level: 'block' });
    expect(found!.message).toMatch(message);
    expect(found!.message).not.toMatch(/\n/);
  });
});

// Robustness issue, item 1: `.json` files used to be read by the YAML parser, so YAML's
// superset of JSON passed.
describe('JSON is read as JSON', () => {
  it.each([
    ['a trailing comma', '{\n  "a": 1,\n  "b": [1, 2,]\n}\n', 3, /a trailing comma/],
    ['a comment', '{\n  // why\n  "a": 1\n}\n', 2, /comments are not allowed/],
    ['an unquoted key', '{\n  a: 1\n}\n', 2, /unexpected character/],
    ['NaN', '{\n  "a": NaN\n}\n', 2, /unexpected character/],
    ['YAML syntax', 'a: 1\nb: 2\n', 1, /unexpected character/],
    ['two values', '{"a": 1}\n{"b": 2}\n', 2, /more than one JSON value/],
  ])('%s is gate.unparseable at its line', (_name, text, line, message) => {
    expect(() => parse('svc/a.json', text)).toThrow(message);
    try {
      parse('svc/a.json', text);
    } catch (error) {
      expect((error as { line?: number }).line).toBe(line);
    }
  });

  it.each([
    ['tsconfig.json', '{\n  // strict\n  "compilerOptions": { "strict": true, },\n}\n', { compilerOptions: { strict: true } }],
    ['.vscode/settings.json', '/* editor */\n{ "editor.tabSize": 2 }\n', { 'editor.tabSize': 2 }],
    ['conf/app.jsonc', '{\n  "a": 1 // one\n}\n', { a: 1 }],
  ])('%s is JSONC: comments and trailing commas allowed', (path, text, documents) => {
    expect(parse(path, text).documents).toEqual([documents]);
  });

  it('a JSONC file keeps its lines', () => {
    const file = parse('tsconfig.json', '{\n  /* a\n     b */\n  "x": 1\n}\n');
    expect(file.locate(0, ['x']).line).toBe(4);
  });
});

// Robustness issue, item 2: a file saved as UTF-16/32 was "skipped (binary)" and the change passed.
describe('UTF-16 and UTF-32 with a byte-order mark are text', () => {
  const text = 'logLevel: débug\n';
  const utf16be = (s: string) => Buffer.from(Buffer.from(s, 'utf16le').swap16());
  const utf32 = (s: string, le: boolean) => {
    const points = [0xfeff, ...[...s].map((c) => c.codePointAt(0)!)];
    const out = Buffer.alloc(points.length * 4);
    points.forEach((p, i) => (le ? out.writeUInt32LE(p, i * 4) : out.writeUInt32BE(p, i * 4)));
    return out;
  };
  it.each([
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16BE', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)])],
    ['UTF-32LE', utf32(text, true)],
    ['UTF-32BE', utf32(text, false)],
  ])('%s', (_name, bytes) => {
    expect(decodeText('a.yaml', bytes)).toEqual({ text, binary: false });
  });

  it('a UTF-16 file through the gate is judged, not skipped', async () => {
    const dir = tempDir();
    writeTree(dir, {
      '.configgate.yml': '# the defaults\n',
      'before/app.yaml': 'logLevel: info\n',
      'after/app.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('logLevel: debug\n', 'utf16le')]) as unknown as string,
    });
    const result = await runGate({ cwd: dir, source: { kind: 'compare', before: join(dir, 'before'), after: join(dir, 'after') } });
    expect(result.skipped).toEqual([]);
    expect(result.findings.map((f) => [f.policy, f.file, f.line])).toContainEqual(['verbosity.global-raise', 'app.yaml', 1]);
  });

  it('a UTF-32 file of odd length is one clear error', () => {
    expect(() => decodeText('a.yaml', Buffer.from([0xff, 0xfe, 0, 0, 0x61]))).toThrow(/^a\.yaml: not valid UTF-32/);
  });
});
