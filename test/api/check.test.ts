import { describe, expect, it } from 'vitest';
import { check, definePolicy, format, InputError } from '../../src/index.js';
import { gitRepo, tempDir, writeTree } from '../support/cli.js';

const INFO = 'logLevel: info\nreplicas: 4\n';
const DEBUG = 'logLevel: debug\nreplicas: 4\n';

describe('check({ before, after }) — files in memory', () => {
  it('judges as the CLI does: verdict, findings with file and line, signals', async () => {
    const result = await check({ before: { 'svc/app.yaml': INFO }, after: { 'svc/app.yaml': DEBUG } });
    expect(result).toMatchObject({ verdict: 'block', failed: true, failOn: 'rollout', baseLabel: 'before', headLabel: 'after' });
    expect(result.findings).toEqual([expect.objectContaining({ policy: 'verbosity.global-raise', messageId: 'global-raise', level: 'block', file: 'svc/app.yaml', path: 'logLevel', line: 1 })]);
    expect(result.signals.map((s) => [s.type, s.kind, s.direction])).toEqual([['verbosity', 'level-raised', 'risky']]);
  });

  it.each([
    ['added', {}, { 'a.yaml': 'logLevel: debug\n' }, 'added'],
    ['deleted', { 'a.yaml': 'replicas: 3\n' }, {}, 'deleted'],
    ['modified', { 'a.yaml': 'replicas: 3\n' }, { 'a.yaml': 'replicas: 4\n' }, 'modified'],
  ])('a file %s', async (_name, before, after, status) => {
    const result = await check({ before, after });
    expect(result.files.map((f) => [f.path, f.status])).toEqual([['a.yaml', status]]);
  });

  it('leaves unchanged files out and skips what is not configuration', async () => {
    const result = await check({
      before: { 'same.yaml': 'a: 1\n', 'README.md': 'old' },
      after: { 'same.yaml': 'a: 1\n', 'README.md': 'new' },
    });
    expect(result.files).toEqual([]);
    expect(result.skipped).toEqual([{ path: 'README.md', reason: 'not-config' }]);
    expect(result.verdict).toBe('pass');
  });

  it('takes the config as an object, with policies written in code', async () => {
    const policy = definePolicy<{ min: number }>({
      id: 'team.min-replicas',
      meta: { description: 'min replicas', defaultLevel: 'block', messages: { low: 'replicas {{ to }} < {{ min }}' } },
      defaultOptions: { min: 2 },
      match: { paths: ['**.replicas'] },
      checkChange(change, ctx) {
        if (typeof change.after === 'number' && change.after < ctx.options.min) ctx.report({ messageId: 'low', data: { to: change.after, min: ctx.options.min } });
      },
    });
    const result = await check(
      { before: { 'prod/a.yaml': 'replicas: 4\n', 'dev/a.yaml': 'replicas: 4\n' }, after: { 'prod/a.yaml': 'replicas: 3\n', 'dev/a.yaml': 'replicas: 3\n' } },
      { config: { builtin: false, rules: { 'team.min-replicas': ['block', { min: 4 }] }, overrides: [{ files: ['dev/**'], rules: { 'team.min-replicas': 'warn' } }] }, policies: [policy] },
    );
    expect(result.findings.map((f) => [f.file, f.level, f.message])).toEqual([
      ['prod/a.yaml', 'block', 'replicas 3 < 4'],
      ['dev/a.yaml', 'warn', 'replicas 3 < 4'],
    ]);
  });

  it('takes the config as a path, with its inventory and policies relative to it', async () => {
    const dir = tempDir('configgate-api-');
    writeTree(dir, {
      'gate/.configgate.yml': 'inventory: inventory.yml\nrules: { verbosity.global-raise: warn }\n',
      'gate/inventory.yml': 'traffic: { region: { eu-west-1: 50, us-east-1: 50 } }\n',
    });
    const result = await check({ before: { 'eu-west-1/a.yaml': INFO }, after: { 'eu-west-1/a.yaml': DEBUG } }, { config: 'gate/.configgate.yml', cwd: dir });
    expect(result.findings.find((f) => f.policy === 'verbosity.global-raise')?.level).toBe('warn');
    expect(result.signals[0].scope).toMatchObject({ dimension: 'region', targets: ['eu-west-1'], share: 50, basis: 'inventory' });
  });

  it('failOn and now are options of the run', async () => {
    const input = { before: { 'a.yaml': INFO }, after: { 'a.yaml': DEBUG } };
    expect((await check(input, { failOn: 'never' })).failed).toBe(false);
    const config = { waivers: [{ policy: 'verbosity.global-raise', reason: 'incident', owner: 'sre', expires: '2026-06-30' }] };
    expect((await check(input, { config, now: new Date('2026-06-01T00:00:00Z') })).verdict).toBe('pass');
    expect((await check(input, { config, now: new Date('2026-07-01T00:00:00Z') })).verdict).toBe('block');
  });

  it.each([
    ['a side that is not an object', { before: 'x', after: {} }, 'check: before must be an object of path → text'],
    ['a file that is not text', { before: {}, after: { 'a.yaml': 42 } }, 'check: after["a.yaml"] must be the file\'s text, not number'],
    ['neither files nor a repository', { head: 'x' }, 'check: the input must be { before, after } or { cwd, base?, head?, staged? }'],
    ['staged with a base', { cwd: '.', staged: true, base: 'main' }, 'check: staged compares the index with HEAD; it takes no base or head'],
  ])('%s is an InputError naming the problem', async (_name, input, message) => {
    await expect(check(input as never)).rejects.toThrow(new InputError(message));
  });

  it('an after side that does not parse is a block finding of its own (gate.unparseable), at its line', async () => {
    const result = await check({ before: {}, after: { 'a.yaml': 'a: [1,\n' } });
    expect(result.verdict).toBe('block');
    expect(result.findings).toEqual([expect.objectContaining({ policy: 'gate.unparseable', level: 'block', file: 'a.yaml', line: 2 })]);
  });

  it('an invalid config object is an InputError naming it', async () => {
    await expect(check({ before: {}, after: {} }, { config: { rules: { 'verbosity.global-raise': 'loud' } } as never })).rejects.toThrow(/^options\.config:2: invalid config/);
  });
});

describe('check({ cwd, base, head | staged }) — a git repository', () => {
  function repo() {
    const r = gitRepo();
    writeTree(r.dir, { 'svc/app.yaml': INFO });
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'base');
    return r;
  }

  it('staged: HEAD → the index', async () => {
    const { dir, git } = repo();
    writeTree(dir, { 'svc/app.yaml': DEBUG });
    git('add', '-A');
    writeTree(dir, { 'svc/app.yaml': INFO }); // the working tree is not what is judged
    const result = await check({ cwd: dir, staged: true });
    expect(result).toMatchObject({ verdict: 'block', baseLabel: 'HEAD', headLabel: 'index' });
  });

  it('base and head: merge-base(base, head) → head, base defaulting to main', async () => {
    const { dir, git } = repo();
    git('checkout', '-q', '-b', 'feature');
    writeTree(dir, { 'svc/app.yaml': DEBUG });
    git('commit', '-q', '-am', 'debug');
    const explicit = await check({ cwd: dir, base: 'main', head: 'feature' });
    expect(explicit.findings.map((f) => `${f.file}:${f.line} ${f.policy}`)).toEqual(['svc/app.yaml:1 verbosity.global-raise']);
    const byDefault = await check({ cwd: dir });
    expect(byDefault.baseLabel).toBe('main');
    expect(byDefault.verdict).toBe('block');
  });

  it('finds .configgate.yml from cwd upward, as the CLI does', async () => {
    const { dir, git } = repo();
    writeTree(dir, { '.configgate.yml': 'rules: { verbosity.global-raise: warn }\n' });
    git('add', '-A');
    git('commit', '-q', '-m', 'config');
    writeTree(dir, { 'svc/app.yaml': DEBUG });
    git('add', '-A');
    const result = await check({ cwd: `${dir}/svc`, staged: true });
    expect(result.findings.find((f) => f.policy === 'verbosity.global-raise')?.level).toBe('warn');
  });

  it('an unknown ref is an InputError', async () => {
    const { dir } = repo();
    await expect(check({ cwd: dir, base: 'no-such-branch' })).rejects.toThrow(InputError);
  });
});

describe('format(result, as)', () => {
  it('renders each format on demand, the same result giving the same text', async () => {
    const result = await check({ before: { 'a.yaml': INFO }, after: { 'a.yaml': DEBUG } });
    expect(format(result).split('\n')[0]).toBe('✖ block — 1 blocking, 0 needs rollout, 0 warnings (1 file, 1 change)');
    expect(JSON.parse(format(result, 'json'))).toMatchObject({ verdict: 'block', findings: [{ policy: 'verbosity.global-raise', file: 'a.yaml', line: 1 }] });
    expect(format(result, 'markdown')).toMatch(/^<!-- configgate:default -->\n### ⛔ configgate: block/);
    expect(JSON.parse(format(result, 'sarif')).runs[0].results[0]).toMatchObject({ ruleId: 'verbosity.global-raise' });
    expect(format(result, 'markdown')).toBe(format(result, 'markdown'));
  });
});
