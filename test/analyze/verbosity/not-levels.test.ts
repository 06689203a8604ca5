// Words that are not log levels (issue 13, false-stop pattern 2). Each row is real YAML text
// through the real loader and diff, with the signals expected: kind and exact line, or none.
import { describe, expect, test } from 'vitest';
import { parseConfigFile } from '../../../src/load/index.js';
import { diffFile } from '../../../src/diff/index.js';
import { analyzeVerbosity } from '../../../src/analyze/verbosity/index.js';
import type { FileDiff } from '../../../src/model.js';

function diffText(path: string, before: string, after: string): FileDiff {
  const side = (text: string) => parseConfigFile({ path, text, bytes: Buffer.byteLength(text) });
  return diffFile('modified', path, { before: side(before), after: side(after) });
}

const probe = (extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:1
${extra}`;
const liveness = `          livenessProbe:
            httpGet: { path: /healthz, port: 8080 }
            periodSeconds: 10
            failureThreshold: 3
            successThreshold: 1
`;

type Row = [name: string, file: string, before: string, after: string, expected: Array<[kind: string, line: number]>];
const rows: Row[] = [
  // the bugs, each a false stop seen on real repositories
  ['failureThreshold of a probe is not klog -v', 'deploy.yaml', probe(liveness), probe(liveness.replace('failureThreshold: 3', 'failureThreshold: 5')), []],
  ['successThreshold of a probe is not klog -v', 'deploy.yaml', probe(liveness), probe(liveness.replace('successThreshold: 1', 'successThreshold: 3')), []],
  ['adding a livenessProbe passes', 'deploy.yaml', probe(), probe(liveness), []],
  ['a probe periodSeconds in a monitoring folder is not a telemetry interval', 'monitoring/deploy.yaml', probe(liveness), probe(liveness.replace('periodSeconds: 10', 'periodSeconds: 2')), []],
  ['any *threshold is not a level', 'app.yaml', 'alerts:\n  cpuThreshold: 2\n', 'alerts:\n  cpuThreshold: 20\n', []],
  ['an alert rule\'s own severity (beside its query) is not a log level', 'rules.yml',
    'rules:\n  - name: Disk almost full\n    query: "disk_free < 0.1"\n    severity: warning\n    for: 5m\n',
    'rules:\n  - name: Disk almost full\n    query: "disk_free < 0.1"\n    severity: info\n    for: 5m\n', []],
  ['a Prometheus rule\'s severity beside expr is not a log level', 'alerts.yaml',
    'groups:\n  - name: g\n    rules:\n      - alert: HighErrors\n        expr: rate(errors[5m]) > 1\n        severity: critical\n',
    'groups:\n  - name: g\n    rules:\n      - alert: HighErrors\n        expr: rate(errors[5m]) > 1\n        severity: info\n', []],
  ['a data key named v is not klog -v', 'cm.yaml', 'kind: ConfigMap\ndata:\n  v: "1"\n', 'kind: ConfigMap\ndata:\n  v: "5"\n', []],
  ['compression.level is not a log level', 'loki.yaml', 'compression:\n  level: 1\n', 'compression:\n  level: 6\n', []],
  ['compressionLevel is not a log level', 'app.yaml', 'storage:\n  compressionLevel: 3\n', 'storage:\n  compressionLevel: 9\n', []],
  ['gzip compression level default → best is not a log level', 'nginx.yaml', 'gzip:\n  compressionLevel: default\n', 'gzip:\n  compressionLevel: best\n', []],
  ['raid.level is not a log level', 'disks.yaml', 'raid:\n  level: 1\n', 'raid:\n  level: 5\n', []],
  ['alert severity label critical → warning is not fatal → warn', 'rules.yaml',
    'groups:\n  - name: api\n    rules:\n      - alert: HighErrors\n        expr: rate(errors[5m]) > 1\n        labels:\n          severity: critical\n',
    'groups:\n  - name: api\n    rules:\n      - alert: HighErrors\n        expr: rate(errors[5m]) > 1\n        labels:\n          severity: warning\n', []],
  ['alert severity label info → critical is not a level', 'rules.yaml',
    'groups:\n  - name: api\n    rules:\n      - alert: HighErrors\n        labels:\n          severity: critical\n',
    'groups:\n  - name: api\n    rules:\n      - alert: HighErrors\n        labels:\n          severity: info\n', []],
  ['alertmanager route match severity is not a level', 'alertmanager.yml',
    'route:\n  routes:\n    - receiver: pager\n      match:\n        severity: critical\n',
    'route:\n  routes:\n    - receiver: pager\n      match:\n        severity: warning\n', []],
  ['inhibit rule source_match severity is not a level', 'alertmanager.yml',
    'inhibit_rules:\n  - source_match:\n      severity: critical\n    target_match:\n      severity: warning\n',
    'inhibit_rules:\n  - source_match:\n      severity: warning\n    target_match:\n      severity: info\n', []],
  ['exporters: [debug] added to a logs pipeline is a component, not a level', 'otelcol.yaml',
    'service:\n  pipelines:\n    logs:\n      receivers: [otlp]\n      exporters: [otlphttp]\n',
    'service:\n  pipelines:\n    logs:\n      receivers: [otlp]\n      exporters: [otlphttp, debug]\n', []],
  ['a debug exporter declared without verbosity is not a level', 'otelcol.yaml',
    'exporters:\n  otlp:\n    endpoint: collector:4317\n',
    'exporters:\n  otlp:\n    endpoint: collector:4317\n  debug:\n', []],
  ['a debug/2 pipeline component is not a level', 'otelcol.yaml',
    'service:\n  pipelines:\n    traces:\n      exporters: [otlp]\n',
    'service:\n  pipelines:\n    traces:\n      exporters: [otlp, debug/2]\n', []],
  // what stays a raise, with its line
  ['debug exporter verbosity basic → detailed is a raise', 'otelcol.yaml',
    'exporters:\n  debug:\n    verbosity: basic\n', 'exporters:\n  debug:\n    verbosity: detailed\n', [['level-raised', 3]]],
  ['logging.level info → debug stays a raise', 'app.yaml', 'logging:\n  level: info\n', 'logging:\n  level: debug\n', [['level-raised', 2]]],
  ['klog --v flag stays a raise', 'deploy.yaml', probe('          args: ["--v=2"]\n'), probe('          args: ["--v=6"]\n'), [['level-raised', 11]]],
  ['stderrthreshold ERROR → INFO is a raise', 'deploy.yaml', probe('          args: ["--stderrthreshold=ERROR"]\n'), probe('          args: ["--stderrthreshold=INFO"]\n'), [['level-raised', 11]]],
  ['stderrthreshold 2 → 0 is a raise (klog severities, lower is louder)', 'deploy.yaml', probe('          args: ["--stderrthreshold=2"]\n'), probe('          args: ["--stderrthreshold=0"]\n'), [['level-raised', 11]]],
  ['syslog level 6 → 7 stays a raise', 'rsyslog.yaml', 'syslog:\n  level: 6\n', 'syslog:\n  level: 7\n', [['level-raised', 2]]],
  ['a log severity setting stays a level', 'logging.yaml', 'logging:\n  severity: warning\n', 'logging:\n  severity: debug\n', [['level-raised', 2]]],
  ['klog v under a logging block stays a raise', 'agent.yaml', 'logging:\n  v: 2\n', 'logging:\n  v: 5\n', [['level-raised', 2]]],
  ['scrape interval 30s → 15s is still a fact (policies decide)', 'prometheus.yml', 'global:\n  scrape_interval: 30s\n', 'global:\n  scrape_interval: 15s\n', [['interval-shortened', 2]]],
];

describe('verbosity: words that are not log levels', () => {
  test.each(rows)('%s', (_name, file, before, after, expected) => {
    const got = analyzeVerbosity([diffText(file, before, after)], { options: {} }).map((s) => [s.kind, s.line]);
    expect(got).toEqual(expected);
  });
});
