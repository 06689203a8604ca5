import { describe, expect, it } from 'vitest';
import { cli, cliInProcess, tempDir, writeTree } from '../support/cli.js';

// A file of the change that does not parse is a block finding of its own (`gate.unparseable`,
// file and line, as ESLint reports a fatal parse error) and the rest of the change is still
// judged: here a log-level raise in b.yaml is reported beside it. Through the CLI's in-process entry.
const unparseable: Array<[string, Record<string, string | Buffer>, string, number, RegExp]> = [
  ['malformed YAML', { 'after/a.yaml': 'a: [1, 2\nb: 3\n' }, 'a.yaml', 2, /cannot be judged/],
  ['malformed JSON', { 'after/a.json': '{ "a": 1,, }\n' }, 'a.json', 1, /cannot be judged/],
  ['a duplicate key', { 'after/a.yaml': 'a: 1\nb: 2\na: 3\n' }, 'a.yaml', 3, /duplicate key "a"$/],
  ['an alias bomb', {
    'after/a.yaml': ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(',')}]`), ''].join('\n'),
  }, 'a.yaml', 5, /YAML aliases expand to more than 100000 nodes$/],
  ['nesting over the limit', { 'after/a.json': `${'['.repeat(80)}${']'.repeat(80)}\n` }, 'a.json', 1, /nest/i],
  ['a __proto__ key', { 'after/a.yaml': 'x:\n  __proto__:\n    polluted: 1\n' }, 'a.yaml', 2, /__proto__/],
  ['a constructor key', { 'after/a.json': '{"constructor": {"prototype": 1}}\n' }, 'a.json', 1, /constructor/],
  // Issue 10: invalid UTF-8 in an after-side file was an exit 2 that hid the rest of the change.
  ['invalid UTF-8', { 'after/a.yaml': Buffer.from([0x61, 0x3a, 0x0a, 0x62, 0x3a, 0x20, 0xc3, 0x28, 0x0a]) }, 'a.yaml', 2, /cannot be judged: not valid UTF-8 \(invalid byte 0xc3 at offset 6\)$/],
  ['a file over the size limit', { '.configgate.yml': 'limits: { maxBytes: 100 }\n', 'after/a.yaml': `a: "${'x'.repeat(200)}"\n` }, 'a.yaml', 1, /file is .* over the .* limit/],
];

describe('a file of the change that does not parse', () => {
  it.each(unparseable)('%s: gate.unparseable at its line, the rest still judged, exit 1', async (_name, files, file, line, message) => {
    const dir = tempDir();
    writeTree(dir, { 'before/a.yaml': 'a: 0\n', 'before/a.json': '{"a": 0}\n', 'before/b.yaml': 'logLevel: info\n', 'after/b.yaml': 'logLevel: debug\n', ...files });
    const run = await cliInProcess(['compare', 'before', 'after', '--format', 'json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { verdict: string; findings: Array<{ policy: string; file: string; line: number; message: string }> };
    expect(out.verdict).toBe('block');
    const found = out.findings.find((f) => f.policy === 'gate.unparseable');
    expect(found).toMatchObject({ file, line });
    expect(found!.message).toMatch(message);
    expect(found!.message).not.toMatch(/\n/);
    expect(out.findings.map((f) => f.policy)).toContain('verbosity.global-raise');
  });
});

// Every bad input of the user's own (config, policies, inventory) is one line on stderr naming
// the file (and line), exit code 2, no stack trace — through the CLI's in-process entry, and one
// case through the process.
const cases: Array<[string, Record<string, string | Buffer>, RegExp]> = [
  ['an invalid config', { '.configgate.yml': 'rules:\n  verbosity.global-raise: loud\n', 'after/a.yaml': 'a: 1\n' }, /^configgate: \.configgate\.yml:2: invalid config/],
  ['an unknown policy id', { '.configgate.yml': 'rules:\n  no.such: block\n', 'after/a.yaml': 'a: 1\n' }, /^configgate: \.configgate\.yml:2: unknown policy "no\.such" in rules$/],
  ['a broken policy file', { '.configgate.yml': 'policies: [p]\n', 'p/x.yaml': 'id: t.x\ndescription: d\nwhen: "a =="\nmessage: m\n', 'after/a.yaml': 'a: 1\n' }, /^configgate: p\/x\.yaml:3: CEL syntax error/],
  ['a missing inventory', { '.configgate.yml': 'inventory: inv.yml\n', 'after/a.yaml': 'a: 1\n' }, /^configgate: inv\.yml: inventory file not found/],
  ['an invalid inventory', { '.configgate.yml': 'inventory: inv.yml\n', 'inv.yml': 'pools:\n  a: { capacity: lots }\n', 'after/a.yaml': 'a: 1\n' }, /^configgate: inv\.yml:2: invalid inventory: \/pools\/a\/capacity must be number/],
];

describe('bad input through the CLI', () => {
  const folders = (files: Record<string, string | Buffer>) => {
    const dir = tempDir();
    writeTree(dir, { 'before/a.yaml': 'a: 0\n', 'before/a.json': '{"a": 0}\n', ...files });
    return dir;
  };

  it.each(cases)('%s', async (_name, files, message) => {
    const run = await cliInProcess(['compare', 'before', 'after'], folders(files));
    expect(run.stderr.trim()).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(2);
  });

  it('through the configgate process: exit 2, one line on stderr, nothing on stdout', () => {
    const [, files, message] = cases.find(([name]) => name === 'an invalid config')!;
    const run = cli(['compare', 'before', 'after'], folders(files));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('a file broken on the before side does not stop its fix', async () => {
    const dir = tempDir();
    writeTree(dir, { 'before/a.yaml': 'a: [1,\n', 'after/a.yaml': 'a: [1]\n' });
    const run = await cliInProcess(['compare', 'before', 'after', '--format', 'json'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).findings.map((f: { policy: string }) => f.policy)).toContain('gate.unparseable-before');
  });
});
