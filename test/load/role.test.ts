// Issue 13, patterns 1, 3 and 6: templates are skipped with the reason, generated files are judged
// by size only, documents that describe (CRDs, JSON Schema, OpenAPI, dashboards) are not judged.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileDelta } from '../../src/model.js';
import { runPipeline } from '../../src/gate.js';
import { fsReader, loadSetup, type GateSetup } from '../../src/config/index.js';
import { describesWhat, findTemplateTag, generatedReason, templateBeforeParse, templateParseFailure } from '../../src/load/role.js';
import { parseConfigFile } from '../../src/load/index.js';

const NOW = new Date('2026-12-01T00:00:00Z');
let setup: GateSetup;
beforeAll(async () => {
  setup = await loadSetup({ reader: fsReader(process.cwd()) });
});

function judge(path: string, before: string | undefined, after: string | undefined) {
  const side = (text: string) => ({ path, text, bytes: Buffer.byteLength(text) });
  const status = before === undefined ? 'added' : after === undefined ? 'deleted' : 'modified';
  const delta: FileDelta = { status, path, ...(before !== undefined ? { before: side(before) } : {}), ...(after !== undefined ? { after: side(after) } : {}) };
  return runPipeline({ changeSet: { baseLabel: 'a', headLabel: 'b', files: [delta], skipped: [] }, setup, now: NOW });
}

describe('findTemplateTag', () => {
  it.each([
    ['name: {{ .Release.Name }}\n', 'Go/Helm template', 1],
    ['a: 1\n{% if prod %}\nb: 2\n{% endif %}\n', 'Jinja template', 2],
    ['a: <%= ENV["X"] %>\n', 'ERB template', 1],
    ['run: ${{ github.sha }}\n', 'expression template', 1],
  ])('finds the tag in %j', (text, language, line) => {
    expect(findTemplateTag(text)).toMatchObject({ language, line });
  });
  it('finds none in plain YAML or an unclosed brace', () => {
    expect(findTemplateTag('a: {b: 1}\nc: "{{"\n')).toBeUndefined();
  });
});

describe('templates (pattern 1)', () => {
  const helm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "x.fullname" . }}\ndata:\n  {{- toYaml .Values.data | nindent 2 }}\n';
  it.each([
    ['charts/x/templates/configmap.yaml', helm, helm.replace('data:', 'data: # edited')],
    ['deploy/app.yaml', 'a: 1\n{% if prod %}\nreplicas: 3\n{% endif %}\n', 'a: 1\n{% if prod %}\nreplicas: 4\n{% endif %}\n'],
    ['deploy/db.yml', 'production:\n  url: <%= ENV["DATABASE_URL"] %>\n  pool: {{ pool }}\n', 'production:\n  url: <%= ENV["DATABASE_URL"] %>\n  pool: {{ pool_size }}\n'],
    ['charts/x/templates/svc.yaml', undefined, 'port: {{ .Values.port | quote }}\n'],
  ])('%s is skipped as a template with the reason, never unparseable', (path, before, after) => {
    const result = judge(path, before, after);
    expect(result.skipped).toEqual([{ path, reason: 'template', detail: expect.stringMatching(/template .*on line \d+/) }]);
    expect(result.findings.map((f) => f.policy)).not.toContain('gate.unparseable');
    expect(result.verdict).toBe('pass');
  });

  it('judges a chart\'s values.yaml, whose template strings are only text', () => {
    const before = 'replicaCount: 1\nannotations:\n  checksum: "{{ .Values.x }}"\n';
    const after = 'replicaCount: 2\nannotations:\n  checksum: "{{ .Values.x }}"\n';
    const result = judge('charts/x/values.yaml', before, after);
    expect(result.skipped).toEqual([]);
    expect(result.files[0].changes.map((c) => c.pathText)).toEqual(['replicaCount']);
  });

  it('still reports a broken file whose parse error is far from any tag as unparseable', () => {
    const text = 'summary: "{{ $labels.instance }} down"\n' + 'x: 1\n'.repeat(10) + 'b: [1, 2\n';
    expect(templateParseFailure(text, 'missed comma', 12)).toBeUndefined();
    const result = judge('rules/alerts.yaml', 'a: 1\n', text);
    expect(result.findings.map((f) => f.policy)).toContain('gate.unparseable');
  });

  it('takes templates/ folders only when the file holds a tag', () => {
    expect(templateBeforeParse('charts/x/templates/a.yaml', 'a: 1\n')).toBeUndefined();
    expect(templateBeforeParse('charts/x/a.yaml', 'a: "{{ .Values.a }}"\n')).toBeUndefined();
  });

  it.each([
    ['quoted', 'summary: "{{ $labels.instance }} is down"\n'],
    ['in a block scalar', 'description: |\n  {{ $labels.instance }} is down\n  {{ range . }}x{{ end }}\nnext: 1\n'],
    ['in a list block scalar', 'args:\n  - |\n    {{ define "x" }}\n'],
    ['after a comment', '# {{ not a tag }}\na: 1\n'],
  ])('a tag %s is text, not a template', (_, text) => {
    expect(templateBeforeParse('rules/a.yaml', text)).toBeUndefined();
  });
  it.each([
    ['a value', 'replicas: {{ .Values.replicas }}\n', 1],
    ['an entry', 'items:\n  - <%= item %>\n', 2],
    ['a line', 'a: 1\n{%- if x %}\n', 2],
    ['after a block scalar', 'a: |\n  text\nb: {{ x }}\n', 3],
  ])('a tag standing as %s makes a template', (_, text, line) => {
    expect(templateBeforeParse('deploy/a.yaml', text)).toMatch(new RegExp(`on line ${line}\\)`));
  });
});

describe('generated files (pattern 6)', () => {
  it.each([
    ['crds/a.yaml', '# Code generated by controller-gen. DO NOT EDIT.\na: 1\n', /Code generated by controller-gen/],
    ['a.yaml', '---\n# This file was generated by jsonnet from mixin.libsonnet\na: 1\n', /This file was generated/],
    ['x/zz_generated.deepcopy.yaml', 'a: 1\n', /named zz_generated/],
    ['dist/rules/host.yml', 'a: 1\n', /in a dist\/ folder/],
    ['deploy/rendered/all.yaml', 'a: 1\n', /in a rendered\/ folder/],
  ])('%s is generated', (path, text, reason) => {
    expect(generatedReason(path, text)).toMatch(reason);
  });
  it.each([
    ['a.yaml', `${'a: 1\n'.repeat(10)}# generated by a marker too far down to count\n`],
    ['values.yaml', 'description: code generated later\n'],
  ])('%s is not generated', (path, text) => {
    expect(generatedReason(path, text)).toBeUndefined();
  });

  it('judges a generated file by size and duplicate policies only, and says so', () => {
    const rules = (n: number) => `# Code generated by mixtool. DO NOT EDIT.\ngroups:\n${Array.from({ length: n }, (_, i) => `  - name: g${i}\n    rules: []\n`).join('')}`;
    const result = judge('rules/gen.yaml', rules(20), rules(2));
    expect(result.findings.map((f) => [f.policy, f.level])).toEqual([['gate.generated', 'notice']]);
    expect(result.findings[0].message).toMatch(/judged by the size and duplicate policies only/);
    const doubled = judge('rules/gen.yaml', rules(2), `${rules(2)}  - name: g0\n    rules: []\n`);
    expect(doubled.findings.map((f) => f.policy)).toContain('size.duplicate-identity');
  });
});

// thanos-io/kube-thanos 622108e2, 7816a2b8, e8230d3a: `jsonnet/kube-thanos/*.libsonnet` edited and
// `manifests/` (and `examples/all/manifests/`) rebuilt from it in the same commit.
describe('thanos-io/kube-thanos 622108e2: manifests rendered from Jsonnet sources the change edits (pattern 6)', () => {
  const sts = (replicas: number, level: string) =>
    `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: thanos-store\n  namespace: thanos\nspec:\n  replicas: ${replicas}\n  template:\n    spec:\n      containers:\n      - name: thanos-store\n        args:\n        - store\n        - --log.level=${level}\n`;
  const values = (level: string) => `image:\n  tag: v1\nlogLevel: ${level}\n`;
  const side = (path: string, text: string) => ({ path, text, bytes: Buffer.byteLength(text) });
  const change = (files: Array<[string, string, string]>, others: string[]) =>
    runPipeline({
      changeSet: {
        baseLabel: 'a',
        headLabel: 'b',
        files: files.map(([path, before, after]) => ({ status: 'modified' as const, path, before: side(path, before), after: side(path, after) })),
        skipped: others.map((path) => ({ path, reason: 'not-config' as const })),
      },
      setup,
      now: NOW,
    });
  const STS = 'manifests/thanos-store-statefulSet.yaml';

  it('a manifest rebuilt beside its edited .libsonnet source is generated: judged by size only, and said so', () => {
    const result = change([[STS, sts(5, 'info'), sts(1, 'debug')]], ['jsonnet/kube-thanos/kube-thanos-store.libsonnet']);
    expect(result.findings.map((f) => [f.policy, f.level])).toEqual([['gate.generated', 'notice']]);
    expect(result.findings[0].message).toContain('rendered from Jsonnet sources this change edits (jsonnet/kube-thanos/kube-thanos-store.libsonnet)');
    expect(result.verdict).toBe('pass');
  });

  it.each([
    ['jsonnetfile.lock.json', 'Jsonnet'],
    ['example.jsonnet', 'Jsonnet'],
    ['cue/deploy.cue', 'CUE'],
  ])('%s counts as a %s generator source', (source, language) => {
    const result = change([[STS, sts(5, 'info'), sts(1, 'info')]], [source]);
    expect(result.findings[0].message).toContain(`rendered from ${language} sources`);
  });

  it('the same manifest edited by hand (no generator source in the change) is judged', () => {
    const result = change([[STS, sts(5, 'info'), sts(1, 'info')]], ['README.md']);
    expect(result.findings.map((f) => f.policy)).toContain('capacity.drop-limit');
  });

  it('a hand-written settings file changed beside Jsonnet sources is still judged', () => {
    const result = change([['config/app.yaml', values('info'), values('debug')]], ['jsonnet/app.libsonnet']);
    expect(result.findings.map((f) => f.policy)).toContain('verbosity.global-raise');
  });
});

describe('documents that describe (pattern 3)', () => {
  const crd = (props: string[]) =>
    `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\nspec:\n  versions:\n    - name: v1\n      schema:\n        openAPIV3Schema:\n          properties:\n${props.map((p) => `            ${p}: {type: string}\n`).join('')}`;
  it.each([
    ['crd.yaml', crd(['a']), 'a CustomResourceDefinition'],
    ['values.schema.json', '{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {}}', 'a JSON Schema'],
    ['api.yaml', 'openapi: 3.0.0\ninfo: {title: x, version: "1"}\npaths: {}\n', 'an OpenAPI document'],
    ['dash.json', '{"panels": [], "schemaVersion": 39, "title": "x"}', 'a Grafana dashboard'],
    ['dash.json', '{"dashboard": {"panels": [], "schemaVersion": 16}, "overwrite": true}', 'a Grafana dashboard'],
    // grafana/alloy-scenarios 8a3a9f55: a v2 dashboard's 20 `elements` read as "20 of 20 entries removed".
    ['dash.json', '{"elements": {"panel-1": {"kind": "Panel"}}, "layout": {"kind": "GridLayout"}, "title": "x"}', 'a Grafana dashboard'],
    ['dash.json', '{"apiVersion": "dashboard.grafana.app/v2beta1", "kind": "Dashboard", "metadata": {"name": "x"}, "spec": {"elements": {}}}', 'a Grafana dashboard'],
    ['registry/attributes.yaml', 'file_format: definition/2\nattributes: []\n', 'an OpenTelemetry semantic-convention registry'],
  ])('%s describes: %s', (path, text, what) => {
    expect(describesWhat(parseConfigFile({ path, text, bytes: text.length }))).toBe(what);
  });
  it('a file mixing a CRD and a Deployment is configuration', () => {
    const text = `${crd(['a'])}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: 1}\n`;
    expect(describesWhat(parseConfigFile({ path: 'a.yaml', text, bytes: text.length }))).toBeUndefined();
  });
  it('a CRD losing most of its schema properties is not a mass removal: its compatibility is a warning', () => {
    const names = Array.from({ length: 12 }, (_, i) => `field${i}`);
    const result = judge('crds/things.yaml', crd(names), crd(names.slice(0, 2)));
    expect(result.findings.map((f) => [f.policy, f.level, f.messageId, f.path])).toEqual([
      ['schema.compatibility', 'warn', 'property-removed', 'spec.versions[name=v1].schema.openAPIV3Schema.properties'],
      ['gate.describes', 'notice', 'describes', ''],
    ]);
    expect(result.verdict).toBe('warn');
    expect(result.files[0].changes.length).toBeGreaterThan(0);
  });

  it('an OpenTelemetry semantic-convention registry describes (attributes removed are not a mass removal)', () => {
    const registry = (keys: string[]) => `file_format: definition/2\nattributes:\n${keys.map((k) => `  - key: ${k}\n    type: string\n    brief: ${k}\n    stability: stable\n`).join('')}`;
    const keys = Array.from({ length: 11 }, (_, i) => `demo.product.a${i}`);
    const result = judge('telemetry-schema/attributes/product.yaml', registry(keys), registry(keys.slice(0, 8)));
    expect(result.findings.map((f) => f.policy)).toEqual(['gate.describes']);
    expect(result.verdict).toBe('pass');
  });
});

describe('roles per document: a CRD among ordinary manifests', () => {
  const crd = (props: string[]) =>
    `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\nspec:\n  versions:\n    - name: v1\n      schema:\n        openAPIV3Schema:\n          properties:\n${props.map((p) => `            ${p}: {type: string}\n`).join('')}`;
  const deployment = (replicas: number, env: string[]) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  replicas: ${replicas}\n  template:\n    spec:\n      containers:\n        - name: api\n          env:\n${env.map((e) => `            - {name: ${e}, value: "1"}\n`).join('')}`;
  const names = Array.from({ length: 12 }, (_, i) => `field${i}`);

  it('the CRD document is described (its compatibility only), the others configure', () => {
    const result = judge('deploy/all.yaml', `${crd(names)}---\n${deployment(3, names)}`, `${crd(names.slice(0, 2))}---\n${deployment(3, names)}`);
    expect(result.findings.map((f) => [f.policy, f.level, f.messageId])).toEqual([
      ['schema.compatibility', 'warn', 'property-removed'],
      ['gate.describes', 'notice', 'describes'],
    ]);
    expect(result.findings[1].message).toMatch(/document 1 \(a CustomResourceDefinition\); the other documents are judged/);
  });

  it('a mass removal in the Deployment beside it is still judged', () => {
    const result = judge('deploy/all.yaml', `${crd(names)}---\n${deployment(3, names)}`, `${crd(names)}---\n${deployment(3, names.slice(0, 2))}`);
    expect(result.findings.filter((f) => f.level === 'block').map((f) => [f.policy, f.path])).toEqual([
      ['deletion.mass-removal', 'spec.template.spec.containers[name=api].env'],
    ]);
  });

  it('a removed CRD document is described, by its before-side index', () => {
    const before = `${deployment(3, names)}---\n${crd(names)}`;
    const result = judge('deploy/all.yaml', before, deployment(3, names));
    expect(result.verdict).toBe('pass');
    expect(result.signals.map((s) => s.kind)).toEqual([]);
  });
});

describe('flow collections closed at the key\'s indentation (a well-formed compose file)', () => {
  it('parses `command: [` … `]` with the closer under the key, as libyaml and Go yaml do', () => {
    const text = 'services:\n  flagd:\n    command: [\n      "start",\n      "--uri"\n    ]\n    ports:\n      - "8013"\n';
    const file = parseConfigFile({ path: 'compose.yaml', text, bytes: text.length });
    expect(file.documents[0]).toEqual({ services: { flagd: { command: ['start', '--uri'], ports: ['8013'] } } });
    expect(file.locate(0, ['services', 'flagd', 'ports', 0]).line).toBe(8);
  });
  it('still refuses what libyaml refuses: a document marker inside a quoted value', () => {
    const text = 'a:\n  b: "x\n---\nc"\n';
    expect(() => parseConfigFile({ path: 'a.yaml', text, bytes: text.length })).toThrow(/a\.yaml:\d+/);
  });
});
