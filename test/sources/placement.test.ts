// Where a change's new files land (issue 13): every source reports the base's folders and
// configuration files and who names each new file, on real git repositories and folders; the
// gate then tells a new component's first files (named, not blocked) from a file dropped among
// live configuration (blocked, issue 10 item 5). Named after the real commits of the class.
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { runGate, type RunOptions } from '../../src/run.js';
import { backtest } from '../../src/backtest/index.js';
import { fsReader, loadSetup } from '../../src/config/index.js';
import { compareSources, DEFAULT_FILTER, gitChangeSet } from '../../src/sources/index.js';
import { foldersOf, names, READER_LIMITS, readersOf } from '../../src/sources/placement.js';
import type { GateResult } from '../../src/model.js';
import { tempDir, tempRepo } from './helpers.js';

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((c) => c()));
function repo() {
  const r = tempRepo();
  cleanups.push(r.cleanup);
  return r;
}
function folder(files: Record<string, string>): string {
  const d = tempDir(files);
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

const NOW = new Date('2026-12-01T00:00:00Z');
const gate = (cwd: string, source: RunOptions['source']) => runGate({ cwd, source, now: NOW });
const base = (cwd: string) => gate(cwd, { kind: 'git', base: 'main' });
const staged = (cwd: string) => gate(cwd, { kind: 'git', base: 'HEAD', staged: true });
const compare = (cwd: string) => gate(cwd, { kind: 'compare', before: 'before', after: 'after' });

/** `policy file:line message-id` of each finding above notice, sorted. */
function findings(result: GateResult): string[] {
  return result.findings.filter((f) => f.level !== 'notice').map((f) => `${f.policy} ${f.file}:${f.line} ${f.messageId}`).sort();
}

const AGENT = 'server:\n  log_level: debug\n';
const AGENT_INFO = 'server:\n  log_level: info\n';
const COMPOSE = (mount: string) => `services:\n  agent:\n    image: grafana/agent\n    volumes:\n      - "\${PWD}/${mount}:/etc/agent/agent.yaml"\n`;
const CTL = 'SRC_CONFIG_FILE="agent/config-cloud-unconfigured.yaml"\ncat $SRC_CONFIG_FILE | envsubst > agent/config-cloud-configured.yaml\n';
// intro-to-mltp before its first demo commit (8c374c53's first parent): a README and a licence.
const EMPTY_DEMO = { 'README.md': '# intro-to-mltp\n', LICENSE: 'Apache-2.0\n' };
// intro-to-mltp before e7bb9988: the demo, its agent config at debug already.
const DEMO = { ...EMPTY_DEMO, 'agent/config.yaml': AGENT, 'docker-compose.yml': COMPOSE('agent/config.yaml'), 'tempo/tempo.yaml': 'server:\n  http_listen_port: 3200\n' };

describe('names: whether a file names a new file', () => {
  const valid: Array<[string, string, string]> = [
    ['docker-compose.yml', '- "${PWD}/agent/config.yaml:/etc/agent/agent.yaml"', 'agent/config.yaml'],
    ['ctl.sh', 'SRC="agent/config-cloud-unconfigured.yaml"', 'agent/config-cloud-unconfigured.yaml'],
    ['base/kustomization.yaml', 'resources:\n  - new.yaml\n', 'base/new.yaml'],
    ['overlays/prod/kustomization.yaml', 'resources: [../../base/new.yaml]', 'base/new.yaml'],
    ['source/docker/Dockerfile', 'COPY common/new.yaml /etc/app/', 'source/common/new.yaml'],
    ['Makefile', 'helm install -f charts/app/values-prod.yaml', 'charts/app/values-prod.yaml'],
    ['compose.yaml', './otelcol-config.yml', 'otelcol-config.yml'],
    ['Makefile', 'cp config.yaml /etc/app/', 'config.yaml'],
    ['deploy/run.sh', 'cat ../config.yaml', 'config.yaml'],
  ];
  const invalid: Array<[string, string, string]> = [
    ['docker-compose.yml', 'volumes: ["./agent/config-cloud.yaml:/etc/a.yaml"]', 'agent/config.yaml'],
    ['docker-compose.yml', 'volumes: ["./agent/config.yaml.bak:/etc/a.yaml"]', 'agent/config.yaml'],
    ['other/kustomization.yaml', 'resources: [new.yaml]', 'base/new.yaml'],
    ['docker-compose.yml', 'volumes: ["./prometheus/config.yaml:/etc/p.yaml"]', 'agent/config.yaml'],
    ['docker-compose.yml', 'volumes: ["./my-agent/config.yaml:/etc/p.yaml"]', 'agent/config.yaml'],
    ['services/x/docker-compose.yml', 'volumes: ["./config.yaml:/etc/x.yaml"]', 'config.yaml'],
  ];
  it.each(valid)('%s names it: %s → %s', (reader, text, target) => expect(names(reader, text, target)).toBe(true));
  it.each(invalid)('%s does not: %s → %s', (reader, text, target) => expect(names(reader, text, target)).toBe(false));

  it('readers are split by whether the base had them; a file is not its own reader; documentation reads nothing', () => {
    const candidates = [
      { path: 'agent/config-cloud.yaml', text: 'agent/config-cloud.yaml' },
      { path: 'ctl.sh', text: CTL.replaceAll('unconfigured', 'x').replace('config-cloud-x', 'config-cloud') },
      { path: 'docker-compose.yml', text: COMPOSE('agent/config-cloud.yaml') },
      { path: 'README.md', text: 'edit agent/config-cloud.yaml' },
      { path: 'docs/LICENSE', text: 'agent/config-cloud.yaml' },
    ];
    const readers = readersOf(['agent/config-cloud.yaml', 'tempo/new.yaml'], candidates, (p) => p === 'docker-compose.yml' || p === 'README.md');
    expect(readers['agent/config-cloud.yaml']).toEqual({ existing: ['docker-compose.yml'], added: ['ctl.sh'] });
    expect(readers['tempo/new.yaml']).toEqual({ existing: [], added: [] });
  });

  it('folders are listed with their ancestors, the top folder included', () => {
    expect(foldersOf(['a/b/c.yaml', 'a/d.yaml', 'x.yaml'])).toEqual(['', 'a', 'a/b']);
    expect(foldersOf([])).toEqual([]);
  });
});

describe('intro-to-mltp 8c374c53: a new demo, its agent config at debug in a folder the base did not have', () => {
  const after = { 'agent/config.yaml': AGENT, 'docker-compose.yml': COMPOSE('agent/config.yaml') };
  const expected = ['verbosity.starts-raised agent/config.yaml:1 starts-raised'];

  it('check --base: named, not blocked; the source reports the base listing', async () => {
    const r = repo();
    r.commit('base', EMPTY_DEMO);
    r.git('checkout', '-q', '-b', 'feature');
    r.commit('initial demo', after);
    const result = await base(r.dir);
    expect(findings(result)).toEqual(expected);
    expect(result.verdict).toBe('warn');
    const set = await gitChangeSet({ cwd: r.dir, base: 'main', filter: DEFAULT_FILTER });
    expect(set.placement).toEqual({
      baseFolders: [''],
      baseConfigFiles: [],
      readers: { 'agent/config.yaml': { existing: [], added: ['docker-compose.yml'] }, 'docker-compose.yml': { existing: [], added: [] } },
    });
  });

  it('check --staged', async () => {
    const r = repo();
    r.commit('base', EMPTY_DEMO);
    r.write(after);
    r.git('add', '-A');
    expect(findings(await staged(r.dir))).toEqual(expected);
  });

  it('compare', async () => {
    const d = folder({ ...prefixed('before', EMPTY_DEMO), ...prefixed('after', { ...EMPTY_DEMO, ...after }) });
    expect(findings(await compare(d))).toEqual(expected);
    const set = await compareSources(`${d}/before`, `${d}/after`, DEFAULT_FILTER, d);
    expect(set.placement?.readers?.['agent/config.yaml']).toEqual({ existing: [], added: ['docker-compose.yml'] });
  });

  it('backtest: the commit is not stopped', async () => {
    const r = repo();
    r.commit('base', EMPTY_DEMO);
    r.commit('initial demo', after);
    const setup = await loadSetup({ reader: fsReader(process.cwd()) });
    const result = await backtest({ cwd: r.dir, setup, limit: 5, now: NOW });
    expect(result.commits).toBe(1);
    expect(result.stopped).toEqual([]);
  });

  it('twin: the base compose file already mounts the new folder into its running agent — blocked', async () => {
    const r = repo();
    r.commit('base', { ...EMPTY_DEMO, 'docker-compose.yml': COMPOSE('agent/config.yaml') });
    r.git('checkout', '-q', '-b', 'feature');
    r.commit('agent config', { 'agent/config.yaml': AGENT });
    expect(findings(await base(r.dir))).toEqual(['verbosity.global-raise agent/config.yaml:1 global-raise']);
  });
});

describe('intro-to-mltp e7bb9988: a cloud variant beside the live agent config, named only by a new script', () => {
  const after = { 'agent/config-cloud-unconfigured.yaml': AGENT, 'ctl.sh': CTL, 'README.md': '# intro-to-mltp\nRun ./ctl.sh cloud-configure\n' };
  const expected = ['verbosity.starts-raised agent/config-cloud-unconfigured.yaml:1 starts-raised'];

  it('check --base', async () => {
    const r = repo();
    r.commit('base', DEMO);
    r.git('checkout', '-q', '-b', 'feature');
    r.commit('cloud', after);
    expect(findings(await base(r.dir))).toEqual(expected);
  });

  it('check --staged', async () => {
    const r = repo();
    r.commit('base', DEMO);
    r.write(after);
    r.git('add', '-A');
    expect(findings(await staged(r.dir))).toEqual(expected);
  });

  it('compare', async () => {
    const d = folder({ ...prefixed('before', DEMO), ...prefixed('after', { ...DEMO, ...after }) });
    expect(findings(await compare(d))).toEqual(expected);
  });

  it('twin: the existing docker-compose.yml now mounts it into the running agent — blocked (check --base, --staged, compare)', async () => {
    const twin = { ...after, 'docker-compose.yml': COMPOSE('agent/config-cloud-unconfigured.yaml') };
    const blocked = ['verbosity.global-raise agent/config-cloud-unconfigured.yaml:1 global-raise'];
    const r = repo();
    r.commit('base', DEMO);
    r.git('checkout', '-q', '-b', 'feature');
    r.commit('cloud', twin);
    expect(findings(await base(r.dir))).toEqual(blocked);
    const s = repo();
    s.commit('base', DEMO);
    s.write(twin);
    s.git('add', '-A');
    expect(findings(await staged(s.dir))).toEqual(blocked);
    const d = folder({ ...prefixed('before', DEMO), ...prefixed('after', { ...DEMO, ...twin }) });
    expect(findings(await compare(d))).toEqual(blocked);
  });

  it('twin: named by nothing, it is a drop-in beside live config — blocked (issue 10 item 5)', async () => {
    const r = repo();
    r.commit('base', DEMO);
    r.git('checkout', '-q', '-b', 'feature');
    r.commit('cloud', { 'agent/config-cloud-unconfigured.yaml': AGENT });
    expect(findings(await base(r.dir))).toEqual(['verbosity.global-raise agent/config-cloud-unconfigured.yaml:1 global-raise']);
  });

  it('compare: an after folder with more files than the search reads gives no readers, and the file is judged', async () => {
    const many = Object.fromEntries(Array.from({ length: READER_LIMITS.maxFiles + 1 }, (_, i) => [`after/data/f${i}.txt`, 'x\n']));
    const d = folder({ ...prefixed('before', DEMO), ...prefixed('after', { ...DEMO, ...after }), ...many });
    const set = await compareSources(`${d}/before`, `${d}/after`, DEFAULT_FILTER, d);
    expect(set.placement?.readers).toBeUndefined();
    expect(set.placement?.baseFolders).toEqual(['', 'agent', 'tempo']);
    expect(findings(await compare(d))).toEqual(['verbosity.global-raise agent/config-cloud-unconfigured.yaml:1 global-raise']);
  });

  it('more candidates than the search reads: readers unknown, the file is judged', async () => {
    const r = repo();
    r.commit('base', DEMO);
    r.git('checkout', '-q', '-b', 'feature');
    const many = Object.fromEntries(Array.from({ length: READER_LIMITS.maxCandidates + 1 }, (_, i) => [`scripts/s${i}.sh`, 'cp config-cloud-unconfigured.yaml /tmp\n']));
    r.commit('cloud', { ...after, ...many });
    const set = await gitChangeSet({ cwd: r.dir, base: 'main', filter: DEFAULT_FILTER });
    expect(set.placement?.readers).toBeUndefined();
    expect(findings(await base(r.dir))).toEqual(['verbosity.global-raise agent/config-cloud-unconfigured.yaml:1 global-raise']);
  });
});

describe('alloy-scenarios 8a3a9f55 and 91926c25: new example stacks', () => {
  const stack = {
    'log-api-gateway/loki-config.yaml': 'server:\n  http_listen_port: 3100\n  log_level: debug\n',
    'log-api-gateway/docker-compose.yml': 'services:\n  loki:\n    volumes:\n      - ./loki-config.yaml:/etc/loki/config.yaml\n',
    'otel-examples/ottl-transform/config-otel.yaml': 'exporters:\n  debug:\n    verbosity: detailed\n',
  };
  const existing = { 'README.md': '# alloy scenarios\n', 'kafka/docker-compose.yml': 'services:\n  kafka:\n    image: kafka\n' };
  const expected = [
    'verbosity.starts-raised log-api-gateway/loki-config.yaml:1 starts-raised',
    'verbosity.starts-raised otel-examples/ottl-transform/config-otel.yaml:1 starts-raised',
  ];

  it('check --base, --staged and compare agree', async () => {
    const r = repo();
    r.commit('base', existing);
    r.git('checkout', '-q', '-b', 'feature');
    r.commit('examples', stack);
    expect(findings(await base(r.dir))).toEqual(expected);
    const s = repo();
    s.commit('base', existing);
    s.write(stack);
    s.git('add', '-A');
    expect(findings(await staged(s.dir))).toEqual(expected);
    const d = folder({ ...prefixed('before', existing), ...prefixed('after', { ...existing, ...stack }) });
    expect(findings(await compare(d))).toEqual(expected);
  });

  it('the first commit of a repository (staged on the empty tree): everything is new', async () => {
    const r = repo();
    r.write(stack);
    r.git('add', '-A');
    expect(findings(await staged(r.dir))).toEqual(expected);
  });

  it('a new example at info raises nothing: no finding', async () => {
    const r = repo();
    r.commit('base', existing);
    r.git('checkout', '-q', '-b', 'feature');
    r.commit('examples', { 'new-example/agent.yaml': AGENT_INFO });
    expect(findings(await base(r.dir))).toEqual([]);
  });
});

function prefixed(prefix: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([p, t]) => [`${prefix}/${p}`, t]));
}
