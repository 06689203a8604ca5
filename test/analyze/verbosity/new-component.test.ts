// A new component's file raises nothing that runs today (issue 13, the last false-stop class on
// real history): its reach is 0%, `verbosity.starts-raised` names it, `verbosity.global-raise`
// does not block it. A file dropped among live configuration is still a global raise (issue 10).
// Each case is named after the real commit it stands for; the facts are what the sources report.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSet, FileDelta, Placement } from '../../../src/model.js';
import { runPipeline } from '../../../src/gate.js';
import { fsReader, loadSetup, type GateSetup } from '../../../src/config/index.js';
import { analyzeVerbosity } from '../../../src/analyze/verbosity/index.js';
import { newComponent } from '../../../src/analyze/kit/placement.js';
import { fileDiff } from '../../support/analyze.js';

const NOW = new Date('2026-12-01T00:00:00Z');
let setup: GateSetup;
beforeAll(async () => {
  setup = await loadSetup({ reader: fsReader(process.cwd()) });
});

function added(path: string, text: string): FileDelta {
  return { status: 'added', path, after: { path, text, bytes: Buffer.byteLength(text) } };
}

/** `policy file:line messageId` of each finding above notice. */
function judged(files: FileDelta[], placement?: Placement): string[] {
  const changeSet: ChangeSet = { baseLabel: 'a', headLabel: 'b', files, skipped: [], ...(placement ? { placement } : {}) };
  const result = runPipeline({ changeSet, setup, now: NOW });
  return result.findings.filter((f) => f.level !== 'notice').map((f) => `${f.policy} ${f.file}:${f.line} ${f.messageId}`);
}

const AGENT = 'server:\n  log_level: debug\n';
const OTEL = 'exporters:\n  debug:\n    verbosity: detailed\nservice:\n  pipelines:\n    traces:\n      exporters: [debug]\n';
const LOKI = 'server:\n  http_listen_port: 3100\n  log_level: debug\n';
// The base of intro-to-mltp e7bb9988: a demo whose agent already had a config.
const MLTP_BASE: Placement = {
  baseFolders: ['', 'agent', 'grafana', 'prometheus', 'tempo'],
  baseConfigFiles: ['agent/config.yaml', 'docker-compose.yml', 'prometheus/prometheus.yml', 'tempo/tempo.yaml'],
};

interface Case {
  name: string;
  files: FileDelta[];
  placement?: Placement;
  expected: string[];
}

const cases: Case[] = [
  {
    name: 'intro-to-mltp 8c374c53: the first agent/config.yaml of a new demo, in a folder the base did not have',
    files: [added('agent/config.yaml', AGENT)],
    placement: { baseFolders: ['', '.github'], baseConfigFiles: [], readers: { 'agent/config.yaml': { existing: [], added: ['docker-compose.yml'] } } },
    expected: ['verbosity.starts-raised agent/config.yaml:1 starts-raised'],
  },
  {
    name: 'intro-to-mltp e7bb9988: agent/config-cloud-unconfigured.yaml beside agent/config.yaml, named only by the new ctl.sh',
    files: [added('agent/config-cloud-unconfigured.yaml', AGENT)],
    placement: { ...MLTP_BASE, readers: { 'agent/config-cloud-unconfigured.yaml': { existing: [], added: ['ctl.sh'] } } },
    expected: ['verbosity.starts-raised agent/config-cloud-unconfigured.yaml:1 starts-raised'],
  },
  {
    name: 'alloy-scenarios 8a3a9f55: a new example stack, its Loki config at debug',
    files: [added('log-api-gateway/loki-config.yaml', LOKI)],
    placement: { baseFolders: ['', 'game-of-tracing', 'kafka'], baseConfigFiles: ['game-of-tracing/docker-compose.yml', 'kafka/docker-compose.yml'] },
    expected: ['verbosity.starts-raised log-api-gateway/loki-config.yaml:1 starts-raised'],
  },
  {
    name: 'alloy-scenarios 91926c25: new OTel example collectors with the debug exporter at detailed',
    files: [added('otel-examples/ottl-transform/config-otel.yaml', OTEL), added('otel-examples/pii-redaction/config-otel.yaml', OTEL)],
    placement: { baseFolders: ['', 'game-of-tracing'], baseConfigFiles: ['game-of-tracing/docker-compose.yml'] },
    expected: [
      'verbosity.starts-raised otel-examples/ottl-transform/config-otel.yaml:1 starts-raised',
      'verbosity.starts-raised otel-examples/pii-redaction/config-otel.yaml:1 starts-raised',
    ],
  },
  // Twins that must still block.
  {
    name: 'issue 10 item 5: conf/new.yaml dropped beside conf/app.yaml, named by nothing, is a global raise',
    files: [added('conf/new.yaml', 'logLevel: debug\n')],
    placement: { baseFolders: ['', 'conf'], baseConfigFiles: ['conf/app.yaml'], readers: { 'conf/new.yaml': { existing: [], added: [] } } },
    expected: ['verbosity.global-raise conf/new.yaml:1 global-raise'],
  },
  {
    name: 'e7bb9988 twin: the same sibling, mounted by the existing docker-compose.yml, reaches what runs',
    files: [added('agent/config-cloud-unconfigured.yaml', AGENT)],
    placement: { ...MLTP_BASE, readers: { 'agent/config-cloud-unconfigured.yaml': { existing: ['docker-compose.yml'], added: ['ctl.sh'] } } },
    expected: ['verbosity.global-raise agent/config-cloud-unconfigured.yaml:1 global-raise'],
  },
  {
    name: 'e7bb9988 twin: the same sibling where readers were not searched (the API path) is judged',
    files: [added('agent/config-cloud-unconfigured.yaml', AGENT)],
    placement: MLTP_BASE,
    expected: ['verbosity.global-raise agent/config-cloud-unconfigured.yaml:1 global-raise'],
  },
  {
    name: '8c374c53 twin: a new folder whose file an existing compose file mounts into a running service',
    files: [added('agent/config.yaml', AGENT)],
    placement: { baseFolders: [''], baseConfigFiles: ['docker-compose.yml'], readers: { 'agent/config.yaml': { existing: ['docker-compose.yml'], added: [] } } },
    expected: ['verbosity.global-raise agent/config.yaml:1 global-raise'],
  },
  {
    name: '8c374c53 twin: a source that could not list the base (a hand-built change set) fails towards judging',
    files: [added('agent/config.yaml', AGENT)],
    expected: ['verbosity.global-raise agent/config.yaml:1 global-raise'],
  },
  {
    name: 'a new component at info is nothing to name',
    files: [added('agent/config.yaml', 'server:\n  log_level: info\n')],
    placement: { baseFolders: [''], baseConfigFiles: [] },
    expected: [],
  },
];

describe('a new file: a new component or live configuration (issue 13, issue 10 item 5)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(judged(c.files, c.placement)).toEqual(c.expected);
  });
});

describe('the signal of a new component', () => {
  it('reaches no traffic today, scoped to the new folder, with the fact in its data and summary', () => {
    const f = fileDiff('agent/config.yaml', undefined, { server: { log_level: 'debug' } });
    const [signal, ...rest] = analyzeVerbosity([f], { options: {}, repository: { placement: { baseFolders: [''], baseConfigFiles: [] } } });
    expect(rest).toEqual([]);
    expect(signal.scope).toEqual({ dimension: 'component', targets: ['agent/'], share: 0, basis: 'config' });
    expect(signal.data).toMatchObject({ from: 'info', to: 'debug', fromAssumed: true, newComponent: { reason: 'new-folder', folder: 'agent' } });
    expect(signal.missing).toBeUndefined();
    expect(signal.summary).toBe('log level info → debug in a new component (agent/, a folder the base did not have; no traffic today), log volume about ×10');
  });

  it('named only by new files: scoped to them', () => {
    const f = fileDiff('agent/config-cloud.yaml', undefined, { server: { log_level: 'debug' } });
    const placement: Placement = { ...MLTP_BASE, readers: { 'agent/config-cloud.yaml': { existing: [], added: ['ctl.sh', 'docker-compose-cloud.yml'] } } };
    const [signal] = analyzeVerbosity([f], { options: {}, repository: { placement } });
    expect(signal.scope).toEqual({ dimension: 'component', targets: ['ctl.sh', 'docker-compose-cloud.yml'], share: 0, basis: 'config' });
    expect(signal.summary).toContain('in a new component (named only by files this change adds: ctl.sh, docker-compose-cloud.yml; no traffic today)');
  });

  it.each([
    [
      'named by a file the base had (the e7bb9988 twin)',
      { ...MLTP_BASE, readers: { 'agent/config-cloud.yaml': { existing: ['docker-compose.yml'], added: ['ctl.sh'] } } },
      'a new file named by docker-compose.yml, which the base had: taken to reach everything that runs',
    ],
    [
      'beside live configuration, named by nothing (issue 10 item 5)',
      { ...MLTP_BASE, readers: { 'agent/config-cloud.yaml': { existing: [], added: [] } } },
      'a new file beside live configuration in agent/ (named by no other file): taken to reach everything that reads that folder',
    ],
    [
      'beside live configuration, readers not searched (the API path)',
      MLTP_BASE,
      'a new file beside live configuration in agent/ (readers not searched): taken to reach everything that reads that folder',
    ],
  ])('a new file that reaches what runs says why in missing: %s', (_name, placement: Placement, why) => {
    const f = fileDiff('agent/config-cloud.yaml', undefined, { server: { log_level: 'debug' } });
    const [signal] = analyzeVerbosity([f], { options: {}, repository: { placement } });
    expect(signal.scope.share).toBe(100);
    expect(signal.missing?.[0]).toBe(why);
  });

  it('without placement facts, no such line', () => {
    const f = fileDiff('agent/config-cloud.yaml', undefined, { server: { log_level: 'debug' } });
    const [signal] = analyzeVerbosity([f], { options: {} });
    expect(signal.missing?.some((m) => m.startsWith('a new file'))).toBe(false);
  });

  const placement: Placement = { baseFolders: [''], baseConfigFiles: ['app.yaml'] };
  it.each([
    ['a modified file', fileDiff('svc/app.yaml', { logLevel: 'info' }, { logLevel: 'debug' })],
    ['a renamed file', { ...fileDiff('svc/app.yaml', { logLevel: 'info' }, { logLevel: 'debug' }), status: 'renamed' as const, oldPath: 'app.yaml' }],
    ['a new document in an existing file', fileDiff('app.yaml', [{ a: 1 }], [{ a: 1 }, { logLevel: 'debug' }], { multi: true })],
  ])('%s is no new component', (_name, f) => {
    expect(newComponent(f, { options: {}, repository: { placement } })).toBeUndefined();
    expect(analyzeVerbosity([f], { options: {}, repository: { placement } }).map((s) => s.scope.share)).toEqual([100]);
  });

  it('readers are looked up as own keys only (a file named like an Object.prototype member)', () => {
    const f = fileDiff('conf/constructor', undefined, { logLevel: 'debug' });
    const base: Placement = { baseFolders: ['', 'conf'], baseConfigFiles: ['conf/app.yaml'], readers: {} };
    expect(newComponent(f, { options: {}, repository: { placement: base } })).toBeUndefined();
  });
});
