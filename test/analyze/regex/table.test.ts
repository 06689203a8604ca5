import { describe, expect, test } from 'vitest';
import regex, { toJavaScript } from '../../../src/analyze/regex/index.js';
import { run, table, type Case } from '../kit/table.js';

const WAF = (re: string) => `rules:
  - id: 100015
    description: XSS probe in query strings
    action: block
    regex: '${re}'
`;

const FLAGGER = (re: string) => `apiVersion: flagger.app/v1beta1
kind: Canary
spec:
  analysis:
    match:
      - headers:
          user-agent:
            regex: "${re}"
`;

const cases: Case[] = [
  // stefanprodan/gitops-istio 5f4db27b and c25ca4d7: a Flagger canary's header match (.*Firefox.*) stopped
  // as catastrophic; Flagger hands it to the mesh's Envoy safe_regex, which is RE2 and cannot backtrack.
  { name: 'a Flagger canary header regex runs on RE2 (gitops-istio c25ca4d7)', file: 'prod/frontend/canary.yaml', before: FLAGGER('.*Chrome.*'), after: FLAGGER('.*Firefox.*'), expect: [] },
  { name: 'a WAF rule regex rewritten with nested .* (the .*(?:.*=.*) shape)', file: 'waf/rules.yaml', before: WAF('(?:"|%22)(?:on\\w+)='), after: WAF('.*(?:.*=.*)'), expect: ['backtracking@5'] },
  { name: 'a WAF rule regex rewritten to a linear one', file: 'waf/rules.yaml', before: WAF('(?:"|%22)(?:on\\w+)='), after: WAF('(?:"|%22)(?:on[a-z]+)='), expect: [] },
  {
    name: 'an AWS WAF regex pattern set gains an exponential pattern (JSON)',
    file: 'waf.json',
    before: '{"RegexPatternSet": {"Name": "bad-agents", "RegularExpressionList": [{"RegexString": "^curl/"}]}}',
    after: '{"RegexPatternSet": {"Name": "bad-agents", "RegularExpressionList": [{"RegexString": "^curl/"}, {"RegexString": "^([a-z]+)*@"}]}}',
    expect: ['backtracking@1'],
  },
  {
    name: 'a validation pattern beside type and maxLength',
    file: 'forms/signup.yaml',
    before: 'fields:\n  - name: username\n    type: string\n    maxLength: 64\n    pattern: "^[a-z0-9_]+$"\n',
    after: 'fields:\n  - name: username\n    type: string\n    maxLength: 64\n    pattern: "^(\\\\w+\\\\s?)*$"\n',
    expect: ['backtracking@5'],
  },
  {
    name: 'a log filter regex added to a list',
    file: 'logging.yaml',
    before: 'filters:\n  - name: drop-health\n    exclude_regex: "GET /healthz"\n',
    after: 'filters:\n  - name: drop-health\n    exclude_regex: "GET /healthz"\n  - name: drop-noise\n    exclude_regex: "(x+x+)+y"\n',
    expect: ['backtracking@5'],
  },
  {
    name: 'Envoy safe_regex is RE2: not checked',
    file: 'envoy.yaml',
    before: 'routes:\n  - match:\n      safe_regex: { regex: "^/api/.*" }\n',
    after: 'routes:\n  - match:\n      safe_regex: { regex: "^(a+)+$" }\n',
    expect: [],
  },
  {
    name: 'Envoy\'s old route regex (std::regex) is checked',
    file: 'envoy.yaml',
    before: 'routes:\n  - match:\n      regex: "^/api/.*"\n',
    after: 'routes:\n  - match:\n      regex: "^(a+)+$"\n',
    expect: ['backtracking@3'],
  },
  {
    name: 'a Prometheus relabel regex is RE2: not checked',
    file: 'prometheus.yml',
    before: 'scrape_configs:\n  - job_name: k8s\n    relabel_configs:\n      - regex: "(.+)"\n',
    after: 'scrape_configs:\n  - job_name: k8s\n    relabel_configs:\n      - regex: "^(a+)+$"\n',
    expect: [],
  },
  { name: 'a glob pattern outside a validation is not a regex', before: 'logs:\n  pattern: "*.log"\n', after: 'logs:\n  pattern: "(a+)+*.log"\n', expect: [] },
  { name: 'regex_priority is a number, not a regex', before: 'routes:\n  - regex_priority: 1\n', after: 'routes:\n  - regex_priority: 100\n', expect: [] },
  { name: 'an unchanged vulnerable regex is not reported again', before: WAF('^(a+)+$').replace('block', 'log'), after: WAF('^(a+)+$'), expect: [] },
];

// The checker's time budget is wall-clock: generous here, so a loaded machine never turns a verdict into "not decided".
const SLOW_MACHINE = { regex: { timeoutMs: 120_000 } };
table(regex, 'regexes that can backtrack', cases.map((c) => ({ ...c, analyzerOptions: SLOW_MACHINE })));

describe('regex: data and syntax', () => {
  test('the complexity, degree and an attack string are data', () => {
    const [s] = run(regex, { name: 'x', file: 'waf/rules.yaml', before: WAF('a'), after: WAF('.*(?:.*=.*)'), expect: [], analyzerOptions: SLOW_MACHINE });
    expect(s!.data).toMatchObject({ pattern: '.*(?:.*=.*)', complexity: 'polynomial', degree: 3 });
    expect(String(s!.data.attack).length).toBeGreaterThan(0);
    const [e] = run(regex, { name: 'x', file: 'waf/rules.yaml', before: WAF('a'), after: WAF('^(a+)+$'), expect: [], analyzerOptions: SLOW_MACHINE });
    expect(e!.data).toMatchObject({ complexity: 'exponential', degree: null });
  });

  test.each([
    ['(?i)^(a+)+$', { source: '^(a+)+$', flags: 'i' }],
    ['(?P<user>\\w+)@', { source: '(?<user>\\w+)@', flags: '' }],
    ['\\Aabc\\z', { source: '^abc$', flags: '' }],
  ])('%s in JavaScript syntax', (pattern, expected) => {
    expect(toJavaScript(pattern)).toEqual(expected);
  });
});
