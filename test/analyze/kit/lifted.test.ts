// kit/lifted.ts: the literal a template of the chart hard-coded for a values key the change adds,
// read from the template's changed lines (load/delta.ts templateEdit), never by running it.
import { describe, expect, test } from 'vitest';
import type { JsonPath, TemplateEdit } from '../../../src/model.js';
import { liftedSetting, type LiftedSetting } from '../../../src/analyze/kit/lifted.js';
import { templateEdit } from '../../../src/load/delta.js';

const TEMPLATE = 'chart/templates/deployment.yaml';

/** A template's lines before and after, around an unchanged head and tail, as the gate sees it. */
function edit(before: string[], after: string[], path = TEMPLATE): TemplateEdit[] {
  const text = (lines: string[]) => ['spec:', '  containers:', '  - name: app', '    args:', ...lines.map((l) => `    ${l}`), '    image: app', ''].join('\n');
  const side = (t: string) => ({ path, text: t, bytes: t.length });
  const e = templateEdit({ status: 'modified', path, before: side(text(before)), after: side(text(after)) });
  return e ? [e] : [];
}

interface Case {
  name: string;
  before: string[];
  after: string[];
  /** The key asked about (default `log.level`) and the values file (default `chart/values.yaml`). */
  key?: JsonPath;
  values?: string;
  template?: string;
  /** `literal setting@line`, or undefined when nothing was lifted. */
  expect: string | undefined;
}

const shown = (l: LiftedSetting | undefined) => (l ? `${l.literal} ${l.setting ?? '-'}@${l.line}` : undefined);

const cases: Case[] = [
  { name: 'a flag', before: ['- --v=10'], after: ['- --v={{ .Values.log.level }}'], expect: '10 --v@5' },
  { name: 'a flag read through | default', before: ['- --v=10'], after: ['- --v={{ .Values.log.level | default 4 }}'], expect: '10 --v@5' },
  { name: 'a quoted flag', before: ['- "--log-level=debug"'], after: ['- "--log-level={{ .Values.log.level }}"'], expect: 'debug --log-level@5' },
  { name: 'a flag and its value as two words', before: ['- --v 4'], after: ['- --v {{ .Values.log.level }}'], expect: '4 --v@5' },
  { name: 'trim markers, no spaces, from the root ($)', before: ['- --v=3'], after: ['- --v={{-$.Values.log.level-}}'], expect: '3 --v@5' },
  { name: 'a key, the literal quoted, the reference through | quote', before: ['level: "warn"'], after: ['level: {{ .Values.log.level | quote }}'], expect: 'warn level@5' },
  { name: 'a key through toYaml', before: ["level: 'warn'"], after: ['level: {{ toYaml .Values.log.level }}'], expect: 'warn level@5' },
  { name: 'a trailing comment is not the literal', before: ['duration: 8760h0m0s # 1 year'], after: ['duration: {{ .Values.log.level }} # 1 year'], expect: '8760h0m0s duration@5' },
  { name: 'a comment removed with the literal', before: ['duration: 8760h0m0s # 1 year'], after: ['duration: {{ .Values.log.level }}'], expect: '8760h0m0s duration@5' },
  { name: 'a # inside quotes is text', before: ['format: "a # b"'], after: ['format: {{ .Values.log.level | quote }}'], expect: 'a # b format@5' },
  { name: 'the same literal lifted in two places', before: ['- --v=2', '- --x=1', '- --v=2'], after: ['- --v={{ .Values.log.level }}', '- --x=1', '- --v={{ .Values.log.level }}'], expect: '2 --v@5' },
  { name: 'a values file in a folder above the templates', before: ['- --v=10'], after: ['- --v={{ .Values.log.level }}'], values: 'values.yaml', expect: '10 --v@5' },
  // Nothing lifted: judged as any added key.
  { name: "another chart's template", before: ['- --v=10'], after: ['- --v={{ .Values.log.level }}'], template: 'other/templates/deployment.yaml', expect: undefined },
  { name: "a subchart's template, under the chart's charts/", before: ['- --v=10'], after: ['- --v={{ .Values.log.level }}'], template: 'chart/charts/proxy/templates/deployment.yaml', expect: undefined },
  { name: 'a longer path that starts with the key', before: ['- --v=10'], after: ['- --v={{ .Values.log.levels }}'], expect: undefined },
  { name: 'a reference to the parent map', before: ['- --v=10'], after: ['- --v={{ .Values.log }}'], expect: undefined },
  { name: 'a line that is only the action', before: ['- --v=10'], after: ['{{- toYaml .Values.log.level | nindent 4 }}'], expect: undefined },
  { name: 'two actions on the line', before: ['- --v=10'], after: ['- --v={{ .Values.log.level }}{{ .Values.suffix }}'], expect: undefined },
  { name: 'a removed line of another flag', before: ['- --x=10'], after: ['- --v={{ .Values.log.level }}'], expect: undefined },
  { name: 'the literal removed elsewhere in the template', before: ['- --v=10', '- --a=1', '- --b=2'], after: ['- --a=1', '- --b=2', '- --v={{ .Values.log.level }}'], expect: undefined },
  { name: 'two literals that disagree', before: ['- --v=2', '- --x=1', '- --v=6'], after: ['- --v={{ .Values.log.level }}', '- --x=1', '- --v={{ .Values.log.level }}'], expect: undefined },
  { name: 'an expression of the key (not)', before: ['enabled: true'], after: ['enabled: {{ not .Values.log.level }}'], expect: undefined },
  { name: 'an expression of two keys', before: ['value: "false"'], after: ['value: {{ and .Values.log.level (not .Values.gdc) | quote }}'], expect: undefined },
  { name: 'a default taken from another key', before: ['level: "info"'], after: ['level: {{ .Values.log.level | default .Values.global.level }}'], expect: undefined },
  { name: 'the key handed to an include', before: ['level: "info"'], after: ['level: {{ include "chart.level" .Values.log.level }}'], expect: undefined },
  { name: 'the removed value was itself a template action', before: ['- --v={{ .Values.verbosity }}'], after: ['- --v={{ .Values.log.level }}'], expect: undefined },
  { name: 'a key Go templates cannot name with a dot', before: ['- --v=10'], after: ['- --v={{ index .Values "log-level" }}'], key: ['log-level'], expect: undefined },
  { name: 'a list index in the path', before: ['- --v=10'], after: ['- --v={{ .Values.log.level }}'], key: ['log', 0, 'level'], expect: undefined },
];

describe('liftedSetting', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = liftedSetting(c.values ?? 'chart/values.yaml', c.key ?? ['log', 'level'], edit(c.before, c.after, c.template));
    expect(shown(got)).toEqual(c.expect);
  });

  test('no template edits: nothing is lifted', () => {
    expect(liftedSetting('chart/values.yaml', ['log', 'level'], undefined)).toBeUndefined();
    expect(liftedSetting('chart/values.yaml', ['log', 'level'], [])).toBeUndefined();
  });
});

describe('templateEdit', () => {
  test('the removed and added lines, with their numbers and the unchanged line above them', () => {
    expect(edit(['- --a=1', '- --v=10'], ['- --a=1', '- --v={{ .Values.v }}', '- --b=2'])).toEqual([
      {
        path: TEMPLATE,
        removed: [{ line: 6, text: '    - --v=10', anchor: '    - --a=1' }],
        added: [
          { line: 6, text: '    - --v={{ .Values.v }}', anchor: '    - --a=1' },
          { line: 7, text: '    - --b=2', anchor: '    - --a=1' },
        ],
      },
    ]);
  });

  test('a change that only adds or only removes lines has nothing to pair', () => {
    expect(edit(['- --a=1'], ['- --a=1', '- --v={{ .Values.v }}'])).toEqual([]);
    expect(edit(['- --a=1', '- --v=10'], ['- --a=1'])).toEqual([]);
  });
});
