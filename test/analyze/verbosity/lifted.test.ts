// A chart that lifts a hard-coded setting into values (issue 13, kedacore/charts 0a0a48cb): the
// added values key's previous effective value is the literal the same change removes from a
// template of the chart, where the added template line now references the key. The change is
// judged from that literal, not from the default level: 10 → 10 raises nothing, 2 → 10 does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, test } from 'vitest';
import type { ChangeSet, FileDelta, GateResult } from '../../../src/model.js';
import { runPipeline } from '../../../src/gate.js';
import { fsReader, loadSetup, type GateSetup } from '../../../src/config/index.js';
import { ROOT } from '../../support/cli.js';

const NOW = new Date('2026-12-01T00:00:00Z');
let setup: GateSetup;
beforeAll(async () => {
  setup = await loadSetup({ reader: fsReader(process.cwd()) });
});

function modified(path: string, before: string, after: string): FileDelta {
  const side = (text: string) => ({ path, text, bytes: Buffer.byteLength(text) });
  return { status: 'modified', path, before: side(before), after: side(after) };
}

function judge(files: FileDelta[]): GateResult {
  const changeSet: ChangeSet = { baseLabel: 'a', headLabel: 'b', files, skipped: [] };
  return runPipeline({ changeSet, setup, now: NOW });
}

/** `policy file:line` of each finding above notice. */
const stops = (result: GateResult): string[] => result.findings.filter((f) => f.level !== 'notice').map((f) => `${f.policy} ${f.file}:${f.line}`);
/** `kind@line from → to` of each verbosity signal. */
const readings = (result: GateResult): string[] =>
  result.signals.filter((s) => s.type === 'verbosity').map((s) => `${s.kind}@${s.line} ${String(s.data.from)} → ${String(s.data.to)}`);

const FIXTURE = join(ROOT, 'test', 'fixtures', 'benign', 'verbosity-chart-lifts-v-flag');
const fixtureDelta = (path: string): FileDelta => modified(path, readFileSync(join(FIXTURE, 'before', path), 'utf8'), readFileSync(join(FIXTURE, 'after', path), 'utf8'));

describe('a chart lifting a hard-coded setting into values', () => {
  it('kedacore/charts 0a0a48cb: a chart lifting --v=10 into values raises nothing', () => {
    const result = judge([fixtureDelta('http-add-on/templates/operator/deployment.yaml'), fixtureDelta('http-add-on/values.yaml')]);
    expect(readings(result)).toEqual([]);
    expect(stops(result)).toEqual([]);
    expect(result.verdict).toBe('pass');
  });
});

const TEMPLATE = 'chart/templates/deployment.yaml';
const VALUES = 'chart/values.yaml';
const DEPLOYMENT = (args: string[]) =>
  ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: {{ .Release.Name }}', 'spec:', '  template:', '    spec:', '      containers:', '      - name: proxy', '        args:', ...args.map((a) => `        ${a}`), ''].join('\n');
const BASE_VALUES = 'replicas: 2\nimage: proxy\n';

interface Case {
  name: string;
  /** The template's argument lines before and after. */
  args: [string[], string[]];
  /** What the change adds to values.yaml, after BASE_VALUES. */
  added: string;
  /** Where the template lives (default: the chart's templates/). */
  template?: string;
  /** `kind@line from → to` of the verbosity signals. */
  expect: string[];
  /** `policy file:line` of the findings above notice. */
  stops: string[];
}

const cases: Case[] = [
  {
    name: 'lifted, unchanged: --v=10 → logging.proxy.level: 10',
    args: [['- --v=10'], ['- --v={{ .Values.logging.proxy.level }}']],
    added: 'logging:\n  proxy:\n    level: 10\n',
    expect: [],
    stops: [],
  },
  {
    name: 'lifted, unchanged: a word level in a quoted flag, read through | default',
    args: [['- "--zap-log-level=debug"'], ['- "--zap-log-level={{ .Values.logLevel | default "info" }}"']],
    added: 'logLevel: debug\n',
    expect: [],
    stops: [],
  },
  {
    name: 'lifted, unchanged: an env value through |quote, written without spaces',
    args: [['- --port=8080', '- name: LOG_LEVEL', '  value: "debug"'], ['- --port=8080', '- name: LOG_LEVEL', '  value: {{.Values.log.level|quote}}']],
    added: 'log:\n  level: debug\n',
    expect: [],
    stops: [],
  },
  {
    name: 'lifted, raised: --v=2 → logging.proxy.level: 10 is the raise 2 → 10',
    args: [['- --v=2'], ['- --v={{ .Values.logging.proxy.level }}']],
    added: 'logging:\n  proxy:\n    level: 10\n',
    expect: ['level-raised@3 2 → 10'],
    stops: ['verbosity.global-raise chart/values.yaml:3'],
  },
  {
    name: 'lifted, raised: a word level info → debug',
    args: [['- --log-level=info'], ['- --log-level={{ .Values.logLevel }}']],
    added: 'logLevel: debug\n',
    expect: ['level-raised@3 info → debug'],
    stops: ['verbosity.global-raise chart/values.yaml:3'],
  },
  {
    name: 'lifted, lowered: --v=6 → level: 2 is safe',
    args: [['- --v=6'], ['- --v={{ .Values.verbosity }}']],
    added: 'verbosity: 2\n',
    expect: ['level-lowered@3 6 → 2'],
    stops: [],
  },
  {
    name: 'unreferenced, added: no template line names the key, judged from the default as before',
    args: [['- --v=10'], ['- --v=10', '- --metrics-bind-address=:8080']],
    added: 'logging:\n  proxy:\n    level: 10\n',
    expect: ['level-raised@3 info → debug'],
    stops: ['verbosity.global-raise chart/values.yaml:3'],
  },
  {
    name: 'referenced, but no literal removed: judged from the default as before',
    args: [['- --upstream=http://127.0.0.1:8080/'], ['- --upstream=http://127.0.0.1:8080/', '- --v={{ .Values.logging.proxy.level }}']],
    added: 'logging:\n  proxy:\n    level: 10\n',
    expect: ['level-raised@3 info → debug'],
    stops: ['verbosity.global-raise chart/values.yaml:3'],
  },
  {
    name: "another chart's template: judged from the default as before",
    args: [['- --v=10'], ['- --v={{ .Values.logging.proxy.level }}']],
    added: 'logging:\n  proxy:\n    level: 10\n',
    template: 'other/templates/deployment.yaml',
    expect: ['level-raised@3 info → debug'],
    stops: ['verbosity.global-raise chart/values.yaml:3'],
  },
];

describe('lifted, raised and unreferenced values keys', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = judge([modified(c.template ?? TEMPLATE, DEPLOYMENT(c.args[0]), DEPLOYMENT(c.args[1])), modified(VALUES, BASE_VALUES, BASE_VALUES + c.added)]);
    expect(readings(result)).toEqual(c.expect);
    expect(stops(result)).toEqual(c.stops);
  });
});
