import { describe, expect, test } from 'vitest';
import { brief, run } from '../../support/analyze.js';
import { analyzeVerbosity, classify } from '../../../src/analyze/verbosity/index.js';

const dep = (env: unknown[], args: string[] = []) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' },
  spec: { template: { spec: { containers: [{ name: 'api', image: 'api:1', args, env }] } } },
});

type Row = [name: string, file: string, before: unknown, after: unknown, expected: Array<Record<string, unknown>>];
const rows: Row[] = [
  ['logLevel info → debug', 'app.yaml', { logLevel: 'info' }, { logLevel: 'debug' }, [{ kind: 'level-raised', direction: 'risky', from: 'info', to: 'debug', volumeFactor: 10, share: 100 }]],
  ['log_level debug → warn', 'app.yaml', { log_level: 'debug' }, { log_level: 'warn' }, [{ kind: 'level-lowered', direction: 'safe', volumeFactor: 0.02 }]],
  ['aliases that mean the same', 'app.yaml', { logging: { level: 'warn' } }, { logging: { level: 'WARNING' } }, []],
  ['k8s env LOG_LEVEL', 'deploy.yaml', dep([{ name: 'LOG_LEVEL', value: 'info' }]), dep([{ name: 'LOG_LEVEL', value: 'debug' }]), [{ kind: 'level-raised', key: 'LOG_LEVEL', volumeFactor: 10 }]],
  ['k8s env entry added', 'deploy.yaml', dep([]), dep([{ name: 'LOG_LEVEL', value: 'trace' }]), [{ kind: 'level-raised', from: 'info', to: 'trace', volumeFactor: 50, fromAssumed: true }]],
  ['klog --v=2 → --v=6', 'deploy.yaml', dep([], ['--port=80', '--v=2']), dep([], ['--port=80', '--v=6']), [{ kind: 'level-raised', from: 2, to: 6, volumeFactor: 16 }]],
  ['-v 4 → -v 1 (two args)', 'deploy.yaml', dep([], ['-v', '4']), dep([], ['-v', '1']), [{ kind: 'level-lowered', direction: 'safe', volumeFactor: 0.13 }]],
  ['verbosity: 2 → 5', 'agent.yaml', { verbosity: 2 }, { verbosity: 5 }, [{ kind: 'level-raised', volumeFactor: 8 }]],
  ['spring logging.level', 'application.yml', { logging: { level: { root: 'INFO', 'com.acme': 'WARN' } } }, { logging: { level: { root: 'DEBUG', 'com.acme': 'WARN' } } }, [{ kind: 'level-raised', key: 'root' }]],
  ['syslog severity 6 → 7', 'rsyslog.yaml', { syslog: { level: 6 } }, { syslog: { level: 7 } }, [{ kind: 'level-raised', vocabulary: 'syslog', volumeFactor: 10 }]],
  ['python levels 20 → 10', 'logging.yaml', { loggers: { app: { level: 20 } } }, { loggers: { app: { level: 10 } } }, [{ kind: 'level-raised', vocabulary: 'python', from: 'info', to: 'debug' }]],
  // kedacore/charts d8d272cf: a component's `level: 10` removed with it; 0 (Python's NOTSET) is no default to assume
  ['kedacore/charts d8d272cf: a numeric level removed is read against the default level, not 0', 'values.yaml', { logging: { operator: { level: 'info', kubeRbacProxy: { level: 10 } } } }, { logging: { operator: { level: 'info' } } }, [{ kind: 'level-lowered', vocabulary: 'python', from: 'debug', to: 'info' }]],
  ['a numeric level added is read against the default level', 'logging.yaml', { loggers: { app: {} } }, { loggers: { app: { level: 10 } } }, [{ kind: 'level-raised', vocabulary: 'python', from: 'info', to: 'debug' }]],
  ['RUST_LOG directives', 'compose.yaml', { services: { api: { environment: { RUST_LOG: 'info' } } } }, { services: { api: { environment: { RUST_LOG: 'info,api=trace' } } } }, [{ kind: 'level-raised', to: 'trace' }]],
  ['compose env list', 'compose.yaml', { services: { api: { environment: ['LOG_LEVEL=info', 'PORT=80'] } } }, { services: { api: { environment: ['LOG_LEVEL=debug', 'PORT=80'] } } }, [{ kind: 'level-raised', key: 'LOG_LEVEL' }]],
  ['debug switch', 'app.yaml', { debug: false }, { debug: true }, [{ kind: 'level-raised', from: 'info', to: 'debug' }]],
  ['traffic logging basic → full', 'gw.yaml', { gateway: { trafficLogging: 'basic' } }, { gateway: { trafficLogging: 'full' } }, [{ kind: 'level-raised', volumeFactor: 30 }]],
  ['body logging on', 'gw.yaml', { proxy: { logRequestBody: false } }, { proxy: { logRequestBody: true } }, [{ kind: 'logging-enabled', direction: 'risky' }]],
  ['nginx access_log off → path', 'nginx.yaml', { http: { access_log: 'off' } }, { http: { access_log: '/var/log/nginx/access.log' } }, [{ kind: 'logging-enabled', volumeFactor: 10 }]],
  ['access log disabled', 'envoy.yaml', { accessLog: true }, { accessLog: false }, [{ kind: 'logging-disabled', direction: 'safe' }]],
  ['sampling 0.01 → 1.0', 'otel.yaml', { tracing: { sampling: { rate: 0.01 } } }, { tracing: { sampling: { rate: 1.0 } } }, [{ kind: 'sampling-raised', volumeFactor: 100 }]],
  ['envoy random_sampling', 'envoy.yaml', { tracing: { random_sampling: { value: 100 } } }, { tracing: { random_sampling: { value: 10 } } }, [{ kind: 'sampling-lowered', direction: 'safe' }]],
  ['scrape 60s → 5s', 'prometheus.yaml', { global: { scrape_interval: '60s' } }, { global: { scrape_interval: '5s' } }, [{ kind: 'interval-shortened', volumeFactor: 12 }]],
  ['report 10s → 1m', 'agent.yaml', { metrics: { reportInterval: '10s' } }, { metrics: { reportInterval: '1m' } }, [{ kind: 'interval-lengthened', direction: 'safe' }]],
  ['health check interval is not telemetry', 'lb.yaml', { healthCheck: { interval: '30s' } }, { healthCheck: { interval: '5s' } }, []],
  ['per-host override with expiry', 'logging.yaml', { logging: { level: 'info', overrides: { hosts: {} } } },
    { logging: { level: 'info', overrides: { hosts: { 'web-17': { level: 'debug', expires: '2030-01-01' } } } } },
    [{ kind: 'level-raised', share: 1, expires: '2030-01-01' }]],
  ['override list with host field', 'logging.yaml', { overrides: [] }, { overrides: [{ host: 'web-17', logLevel: 'debug', expires: '2030-01-01' }] }, [{ kind: 'level-raised', share: 1 }]],
  ['canary percentage', 'logging.yaml', { trafficLogging: { level: 'basic', rollout: { percentage: 1 } } }, { trafficLogging: { level: 'full', rollout: { percentage: 1 } } }, [{ kind: 'level-raised', share: 1 }]],
  ['description is not a level', 'app.yaml', { description: 'info' }, { description: 'debug' }, []],
  ['forced by config', 'ops.yaml', { chattiness: 'info' }, { chattiness: 'debug' }, []],
];

describe('analyzeVerbosity', () => {
  test.each(rows)('%s', (_name, file, before, after, expected) => {
    const got = run(analyzeVerbosity, file, before, after).map(brief);
    expect(got).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(got[i]).toMatchObject(e));
  });

  test('summary states level, reach and volume', () => {
    const [s] = run(analyzeVerbosity, 'app.yaml', { logLevel: 'info' }, { logLevel: 'debug' }, { inventory: { traffic: { region: { 'eu-west-1': 30, 'us-east-1': 70 } } } });
    expect(s!.summary).toBe('log level info → debug on all regions (100% of traffic), log volume about ×10');
    expect(s!.missing?.length).toBeGreaterThan(0);
  });

  test('region scope from the inventory', () => {
    const [s] = run(analyzeVerbosity, 'app.yaml', { regions: { 'eu-west-1': { logLevel: 'info' } } }, { regions: { 'eu-west-1': { logLevel: 'debug' } } }, { inventory: { traffic: { region: { 'eu-west-1': 30 } } } });
    expect(s!.scope).toEqual({ dimension: 'region', targets: ['eu-west-1'], share: 30, basis: 'inventory' });
    expect(s!.summary).toContain('on eu-west-1 (30% of traffic)');
  });

  test('forced analyzer recognises an unusual key', () => {
    const got = run(analyzeVerbosity, 'ops.yaml', { chattiness: 'info' }, { chattiness: 'debug' }, { options: { analyzers: [{ path: '**.chattiness', analyzer: 'verbosity' }] } });
    expect(got.map((s) => s.kind)).toEqual(['level-raised']);
  });

  test('classify: volume table', () => {
    expect(classify('logLevel', [], 'info', 'debug')?.volumeFactor).toBe(10);
    expect(classify('logLevel', [], 'debug', 'trace')?.volumeFactor).toBe(5);
    expect(classify('logLevel', [], 'warn', 'info')?.volumeFactor).toBe(5);
    expect(classify('logLevel', [], 'error', 'debug')?.volumeFactor).toBe(200);
    expect(classify('title', [], 'info', 'debug')).toBeUndefined();
  });
});

describe('analyzeVerbosity: words, not substrings', () => {
  test('a catalog file with level-like values is not logging', () => {
    expect(run(analyzeVerbosity, 'catalog.yaml', { tier: 'info' }, { tier: 'debug' })).toEqual([]);
  });
  test('a health-check interval in a file named blog.yaml is not telemetry', () => {
    expect(run(analyzeVerbosity, 'blog.yaml', { healthCheck: { interval: '30s' } }, { healthCheck: { interval: '5s' } })).toEqual([]);
  });
});

describe('analyze (the stage)', async () => {
  const { analyze, ANALYZERS } = await import('../../../src/analyze/index.js');
  const { fileDiff } = await import('../../support/analyze.js');
  test('every analyzer is registered by name, verbosity first', () => {
    expect(Object.keys(ANALYZERS)).toEqual(['verbosity', 'routing', 'entitlement', 'capacity', 'size', 'schema', 'flag', 'health-check', 'egress', 'regex', 'deletion-job', 'blank-fields', 'rows']);
  });
  test('signals sorted by file, then line', () => {
    const signals = analyze([
      fileDiff('b.yaml', { logLevel: 'info' }, { logLevel: 'debug' }),
      fileDiff('a.yaml', { routes: [{ name: 'x', weight: 100 }, { name: 'y', weight: 0 }] }, { routes: [{ name: 'x', weight: 50 }, { name: 'y', weight: 50 }] }),
    ], { options: {} });
    const mine = signals.filter((s) => s.type === 'verbosity' || s.type === 'routing');
    expect(mine.map((s) => `${s.file} ${s.kind}`)).toEqual(['a.yaml traffic-shifted', 'b.yaml level-raised']);
  });
});

// spring-petclinic/spring-petclinic-microservices 79b527a3 (a new genai-service's application.yml
// with `logging.level.org.springframework.ai.chat.client.advisor: DEBUG`) and
// spring-cloud-samples/config-repo a6113744 (a new logtest.yml with `com.example.foo: DEBUG`) were
// blocked as "log level info → debug everywhere": a new file's level for one named logger. What a
// new file is judged for is a raise at global scope (the root level, `logLevel: debug`); a level
// for one logger of a new application raises nothing that ran before.
describe('a new file sets a named logger\'s level', () => {
  test.each([
    ['Spring, dotted logger name (config-repo a6113744)', 'logtest.yml', { logging: { level: { 'com.example': { foo: 'DEBUG', bar: 'DEBUG' } } } }, []],
    ['Spring, nested logger name (petclinic 79b527a3)', 'application.yml', { spring: { application: { name: 'genai-service' } }, logging: { level: { org: { springframework: { ai: { chat: { client: { advisor: 'DEBUG' } } } } } } } }, []],
    ['Python dictConfig, a named logger', 'logging.yaml', { version: 1, loggers: { 'app.db': { level: 'DEBUG' } } }, []],
    ['Spring root in a new file is still judged', 'application.yml', { logging: { level: { root: 'DEBUG' } } }, ['level-raised']],
    ['a bare log level in a new file is still judged', 'prod.yaml', { logLevel: 'debug' }, ['level-raised']],
    ['Python dictConfig root in a new file is still judged', 'logging.yaml', { version: 1, root: { level: 'DEBUG' } }, ['level-raised']],
  ])('%s', (_name, file, after, expected) => {
    expect(run(analyzeVerbosity, file, undefined, after).map((s) => s.kind)).toEqual(expected);
  });

  test('a named logger raised in a file that was there is judged as before', () => {
    const got = run(analyzeVerbosity, 'application.yml', { logging: { level: { root: 'INFO', 'com.acme': 'INFO' } } }, { logging: { level: { root: 'INFO', 'com.acme': 'DEBUG' } } });
    expect(got.map((s) => s.kind)).toEqual(['level-raised']);
  });
});
