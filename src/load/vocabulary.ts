// What marks a file as a template, as generated, or as a document that describes rather than
// configures. Data only: the detectors in role.ts read it.

/** Template tags, by the language that uses them. The first found names the language in reports. */
export const TEMPLATE_TAGS: ReadonlyArray<{ open: string; close: string; language: string }> = [
  { open: '{{', close: '}}', language: 'Go/Helm template' },
  { open: '{%', close: '%}', language: 'Jinja template' },
  { open: '{#', close: '#}', language: 'Jinja comment' },
  { open: '<%', close: '%>', language: 'ERB template' },
  { open: '${{', close: '}}', language: 'expression template' },
];

/** A folder holding templates rendered before use (a Helm chart's `templates/`). */
export const TEMPLATE_FOLDERS = ['templates'];

/** Comments (in the first lines) that say a file is written by a program. */
export const GENERATED_MARKERS: readonly RegExp[] = [
  /Code generated\b.*\bDO NOT EDIT/i,
  /\bDO NOT EDIT\b/,
  /@generated\b/,
  /\b(auto-?generated|automatically generated|machine generated)\b/i,
  /\b(this file (is|was) generated|generated (by|from|with|using))\b/i,
];

/** How much of the start of a file is searched for a generated marker. */
export const GENERATED_HEAD_LINES = 10;

/** Folders whose files are written by a program (build output, vendored copies, rendered manifests). */
export const GENERATED_FOLDERS = ['generated', 'zz_generated', 'vendor', 'dist', 'rendered', 'compiled', '__generated__'];

/** File names written by a program. */
export const GENERATED_NAMES: readonly RegExp[] = [/^zz_generated\./, /[._-]generated\.(ya?ml|json)$/i];

/**
 * Sources of languages that render Kubernetes manifests (kube-thanos' `jsonnet/` → `manifests/`).
 * When a change edits one, the manifests it changes too are taken as their rendered output.
 */
export const GENERATOR_SOURCES: ReadonlyArray<{ language: string; names: readonly RegExp[] }> = [
  { language: 'Jsonnet', names: [/\.(jsonnet|libsonnet)$/, /^jsonnetfile(\.lock)?\.json$/] },
  { language: 'CUE', names: [/\.cue$/] },
  { language: 'Dhall', names: [/\.dhall$/] },
  { language: 'Pkl', names: [/\.pkl$/] },
];

/** Kubernetes kinds whose documents describe an API rather than configure a system. */
export const DESCRIBING_KINDS = ['CustomResourceDefinition'];

/** How a key of a document is tested: its type, or a pattern its string value matches. */
export type KeyTest = 'string' | 'number' | 'array' | 'object' | RegExp;

/**
 * Documents that describe (an API, a schema, a dashboard, a telemetry registry) rather than
 * configure: every key of `shape` must pass its test, on the document or on its `within` member.
 * `schemas`: where the document's JSON Schemas are, for the compatibility signals of the schema
 * analyzer — the document is one (`root`), or holds them under `openAPIV3Schema`, `schema`,
 * `components.schemas`, `definitions` (`within`).
 */
export const DESCRIBING_DOCUMENTS: ReadonlyArray<{ what: string; shape: Record<string, KeyTest>; within?: string; schemas?: 'root' | 'within' }> = [
  { what: 'a CustomResourceDefinition', shape: { kind: /^CustomResourceDefinition$/, spec: 'object' }, schemas: 'within' },
  { what: 'a JSON Schema', shape: { $schema: /json-schema/ }, schemas: 'root' },
  { what: 'a JSON Schema', shape: { $id: 'string', properties: 'object' }, schemas: 'root' },
  { what: 'a JSON Schema', shape: { type: /^object$/, properties: 'object', required: 'array' }, schemas: 'root' },
  { what: 'an OpenAPI document', shape: { openapi: 'string', info: 'object' }, schemas: 'within' },
  { what: 'a Swagger document', shape: { swagger: 'string', info: 'object' }, schemas: 'within' },
  { what: 'an AsyncAPI document', shape: { asyncapi: 'string', info: 'object' }, schemas: 'within' },
  { what: 'a Grafana dashboard', shape: { panels: 'array', schemaVersion: 'number' } },
  { what: 'a Grafana dashboard', shape: { rows: 'array', schemaVersion: 'number' } },
  { what: 'a Grafana dashboard', shape: { panels: 'array', schemaVersion: 'number' }, within: 'dashboard' },
  // Grafana's v2 dashboard schema: the spec alone, or the dashboard.grafana.app resource.
  { what: 'a Grafana dashboard', shape: { elements: 'object', layout: 'object' } },
  { what: 'a Grafana dashboard', shape: { apiVersion: /^dashboard\.grafana\.app\//, kind: /^Dashboard$/ } },
  // OpenTelemetry Weaver registries: attributes, metrics, spans and events a service emits.
  { what: 'an OpenTelemetry semantic-convention registry', shape: { file_format: /^definition\// } },
  { what: 'an OpenTelemetry semantic-convention registry', shape: { semconv_version: 'string', schema_url: 'string' } },
];

/** A line that is a template's control structure (a condition, a loop, an include), not data. */
export const TEMPLATE_CONTROL_LINE = /^\s*(-\s+)?(\{%-?|\{\{-?\s*(if|else|end|range|with|define|template|include|block)\b|<%(?!=))/;

/** A parse error this many lines or fewer after a template tag is taken to be caused by it. */
export const TEMPLATE_ERROR_WINDOW = 3;

/** A line whose value or entry starts with a template tag, unquoted: `key: {{ … }}`, `- {% … %}`, `{{ … }}`. */
export const UNQUOTED_TAG = /^\s*(-\s+)?([^\s#'"{][^#'"]*?:\s+)?(\$?\{\{|\{%|<%)/;

/** A line that opens a block scalar (`key: |`, `- >-`): the lines indented below it are text. */
export const BLOCK_SCALAR_START = /(^\s*-|:)\s*[|>][-+0-9]*\s*(#.*)?$/;
