// The bundle CI rebuilds and diffs, the action.yml that points at it, and the bundle run as a runner
// runs it: its own node process (the Action's behaviour is tested in-process, in the other files).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/cli.js';
import { APP, BUNDLE, buildBundle, bundleFiles, checkedOutAction, failures, pullRequestRepo, runBundle, useGitHub, warningCommands } from './harness.js';

const CREATE = 'POST /repos/:owner/:repo/issues/:number/comments' as const;

function changed(from: string, to: string) {
  const repo = pullRequestRepo();
  repo.push({ 'svc/app.yaml': APP.replace(from, to) });
  return repo;
}

describe('node dist/action.js', () => {
  it('block: exit 1, the verdict line, an annotation on the line, outputs, summary and the comment; nothing on stderr', async () => {
    const run = await runBundle({ repo: changed('logLevel: info', 'logLevel: debug'), apiUrl: github.server.url, number: 7 });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(failures(run).map((f) => f.message)).toEqual([expect.stringMatching(/^configgate: block — 1 blocking, 0 needs rollout, 0 warnings \(fail-on: rollout\)$/)]);
    expect(run.stdout).toMatch(/^::error title=[^\n]*,file=svc\/app\.yaml,line=2,col=1::log level raised to debug/m);
    expect(run.outputs).toMatchObject({ verdict: 'block', blocking: '1', findings: '1' });
    expect(JSON.parse(readFileSync(run.outputs.report, 'utf8')).findings[0]).toMatchObject({ policy: 'team.log-level', line: 2 });
    expect(run.summary).toMatch(/configgate: block/);
    expect(github.server.calls(CREATE)).toHaveLength(1);
  });

  it('pass: exit 0, no error command, a pass summary and SARIF', async () => {
    const run = await runBundle({ repo: changed('the app', 'the app, described'), apiUrl: github.server.url, inputs: { sarif: 'configgate.sarif' } });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.commands.filter((c) => c.command === 'error')).toEqual([]);
    expect(run.outputs).toMatchObject({ verdict: 'pass', findings: '0' });
    expect(run.summary).toMatch(/configgate: pass/);
    expect(JSON.parse(readFileSync(run.outputs.sarif, 'utf8')).version).toBe('2.1.0');
  });

  it('a fork pull request: annotations and summary, no request to GitHub, still exit 1 when blocked', async () => {
    const run = await runBundle({ repo: changed('logLevel: info', 'logLevel: debug'), apiUrl: github.server.url, headRepo: 'someone/platform-config' });
    expect(run.code).toBe(1);
    expect(github.server.requests).toEqual([]);
    expect(run.commands.some((c) => c.command === 'error' && c.props.file === 'svc/app.yaml')).toBe(true);
    expect(warningCommands(run).map((w) => w.message).join('\n')).toMatch(/fork/);
  });

  it('an API that answers 500: the verdict still decides, a warning, no stack trace', async () => {
    for (const route of ['GET /repos/:owner/:repo/issues/:number/comments', CREATE, 'GET /user', 'POST /repos/:owner/:repo/check-runs'] as const) {
      github.server.fault(route, { status: 500 });
    }
    const run = await runBundle({ repo: changed('logLevel: info', 'logLevel: debug'), apiUrl: github.server.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.outputs.verdict).toBe('block');
    expect(warningCommands(run).map((w) => w.message).join('\n')).toMatch(/comment was not written/);
    expect(run.stdout).not.toMatch(/\n\s+at /);
  });

  it('a catastrophic regex: the bundle checks it with recheck (shipped beside it) and blocks on its line', async () => {
    const field = (pattern: string) => `fields:\n  - name: email\n    type: string\n    pattern: '${pattern}'\n`;
    const repo = pullRequestRepo({
      '.configgate.yml': 'analyzerOptions:\n  regex: { timeoutMs: 120000 }\n',
      'forms/signup.yaml': field('^[^@\\s]+@[^@\\s]+$'),
    });
    repo.push({ 'forms/signup.yaml': field('^([a-zA-Z0-9_.+-])+@(([a-zA-Z0-9-])+\\.)+([a-zA-Z0-9]{2,4})+$') });
    const run = await runBundle({ repo, apiUrl: github.server.url, bundle: checkedOutAction() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8')) as { findings: Array<{ policy: string; file: string; line: number }> };
    expect(report.findings.map((f) => [f.policy, f.file, f.line])).toContainEqual(['regex.catastrophic-backtracking', 'forms/signup.yaml', 4]);
    expect(JSON.stringify(report)).not.toMatch(/regex-unchecked/);
  });

  it('bad input: exit 1 with one line, no stack trace', async () => {
    const run = await runBundle({ repo: changed('the app', 'x'), apiUrl: github.server.url, inputs: { 'fail-on': 'sometimes' } });
    expect(run.code).toBe(1);
    expect(failures(run).map((f) => f.message)).toEqual(['configgate: input fail-on must be one of warn, rollout, block, never, not "sometimes"']);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });
});

// Built once for the file (the runs below use it); the determinism test builds one more and compares.
const github = useGitHub({ bundle: true });

describe('dist/action.js', () => {
  it('is an ESM entry and its chunks, the same bytes on every build, with no absolute paths', () => {
    const a = join(ROOT, 'dist', '.test', 'determinism-a', 'action.js');
    buildBundle(a);
    let b = BUNDLE;
    if (process.env.CONFIGGATE_ACTION_BUNDLE) buildBundle((b = join(ROOT, 'dist', '.test', 'determinism-b', 'action.js')));
    const files = bundleFiles(dirname(a)).filter((f) => f.endsWith('.js'));
    expect(files.filter((f) => f.startsWith('action-chunk-')).length).toBeGreaterThan(0);
    expect(bundleFiles(dirname(b)).filter((f) => f.endsWith('.js'))).toEqual(files);
    for (const file of files) {
      const text = readFileSync(join(dirname(a), file), 'utf8');
      expect(readFileSync(join(dirname(b), file), 'utf8')).toBe(text);
      expect(text.startsWith('// Generated by scripts/build-action.mjs')).toBe(true);
      expect(text).toMatch(/^const require = __configgateCreateRequire\(import\.meta\.url\);$/m);
      expect(text).not.toContain(ROOT);
      expect(text).not.toContain(tempDir().split('/').slice(0, -1).join('/') + '/');
      // the engine and the toolkit are inside; nothing but node: built-ins and its own chunks is imported at run time
      const imports = [...text.matchAll(/^(?:import [^;]*? from|\} from) ["']([^"']+)["'];?$/gm)].map((m) => m[1]);
      expect(imports.filter((spec) => !(spec.startsWith('node:') || /^[a-z_]+$/.test(spec) || /^\.\/action-chunk-[A-Z0-9]+\.js$/.test(spec)))).toEqual([]);
    }
  });

  it('an event with nothing to judge never loads the engine: it runs with the engine\'s chunk gone', () => {
    const action = checkedOutAction();
    const dist = dirname(action);
    const engine = bundleFiles(dist).filter((f) => f.startsWith('action-chunk-') && readFileSync(join(dist, f), 'utf8').includes('async function runGate('));
    expect(engine).toHaveLength(1);
    rmSync(join(dist, engine[0]));
    const work = tempDir('configgate-skip-');
    const event = join(work, 'event.json');
    writeFileSync(event, JSON.stringify({ deleted: true, after: '0'.repeat(40) }));
    const env = { PATH: process.env.PATH ?? '', GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: event, GITHUB_REPOSITORY: 'acme/config', GITHUB_WORKSPACE: work, RUNNER_TEMP: work };
    const stdout = execFileSync(process.execPath, [action], { cwd: work, env, encoding: 'utf8' });
    expect(stdout.trim()).toBe('configgate: the push deleted the branch: nothing to judge');
  });
});

describe('action.yml', () => {
  const action = load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    runs: { using: string; main: string };
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
  };

  it('runs the bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action.js' });
  });

  it('declares every input the Action reads, and every output it sets', () => {
    const source = ['inputs.ts', 'main.ts', 'pipeline.ts'].map((f) => readFileSync(join(ROOT, 'src', 'action', f), 'utf8')).join('\n');
    const read = [...source.matchAll(/read\('([a-z-]+)'\)/g)].map((m) => m[1]);
    const set = [...source.matchAll(/setOutput\('([a-z-]+)'/g)].map((m) => m[1]);
    expect(new Set(read)).toEqual(new Set(Object.keys(action.inputs)));
    expect(new Set(set)).toEqual(new Set(Object.keys(action.outputs)));
    expect(action.inputs['github-token'].default).toBe('${{ github.token }}');
    expect(action.inputs.instance.default).toBe('default');
  });
});
