// What the regex analyzer reads, as data: which keys hold regular expressions, and where the
// engine that runs them matches in linear time (RE2 and its kin cannot backtrack). Keys are
// matched with kit/keys.ts (any spelling: `safe_regex`, `RegexString`, `match-regex`).
import type { Vocabulary } from '../kit/keys.js';

/** Keys whose string value (or list of strings) is a regular expression, wherever they sit. */
export const REGEX_KEYS: Vocabulary = ['regex', 'regexp', 'regexes', 'regexps', '*regex', '*regexp', 'regex*', 'regexp*', 'regularexpression*'];
/** Keys in REGEX_KEYS that hold something else (a priority, a switch, an engine name). */
export const NOT_REGEX_KEYS: Vocabulary = ['regexpriority', 'useregex', 'regexengine', 'regexflags', 'regexenabled', 'enableregex', 'regexmatchtype'];

/** `pattern` is a regex only in a validation: beside these keys (JSON-Schema-like), or under VALIDATION_CONTEXT. */
export const PATTERN_KEYS: Vocabulary = ['pattern', 'patterns'];
export const VALIDATION_SIBLINGS: Vocabulary = ['minlength', 'maxlength', 'format', 'type', 'enum', 'required'];
export const VALIDATION_CONTEXT: Vocabulary = ['validation', 'validate', 'validator', 'validators', 'constraint', 'constraints', 'sanitize', 'waf'];

/** Path fragments where the regex runs on a linear-time engine: Envoy `safe_regex` (RE2), Prometheus relabelling, Loki pipelines, Alertmanager matchers (Go RE2). */
export const LINEAR_PATHS: Vocabulary = ['saferegex', 'googlere2', 'relabel', 'pipelinestages', 'matchers', 'matchre', 'inhibitrules', 'scrapeconfigs'];
/**
 * Words of the file path naming software whose regexes are Go RE2 or Rust `regex` (linear time).
 * Not Envoy: its deprecated route `regex` was std::regex, which backtracks; `safe_regex` is RE2.
 */
export const LINEAR_FILES: Vocabulary = [
  'prometheus', 'alertmanager', 'loki', 'promtail', 'mimir', 'tempo', 'thanos', 'cortex', 'alloy', 'otel', 'opentelemetry',
  'otelcol', 'collector', 'vector', 'traefik', 'istio', 'grafana', 'vmagent', 'victoriametrics', 'pyroscope',
];
/**
 * apiVersion groups whose controllers run regexes on RE2 (Istio → Envoy, Prometheus operator, Traefik,
 * OpenTelemetry operator; Flagger and the Gateway API hand header matches to a mesh or gateway's
 * Envoy `safe_regex`).
 */
export const LINEAR_API_GROUPS: readonly string[] = [
  'flagger.app', 'gateway.networking.k8s.io', 'networking.istio.io', 'security.istio.io', 'monitoring.coreos.com', 'traefik.io', 'traefik.containo.us', 'opentelemetry.io',
  'monitoring.grafana.com', 'loki.grafana.com',
];

/** Inline flags at the start of a pattern (Go, PCRE, Java) and the JavaScript flags recheck takes for them. */
export const INLINE_FLAGS: Readonly<Record<string, string>> = { i: 'i', s: 's', m: 'm', u: 'u' };
