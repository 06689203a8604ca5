// A limit kept in one counter for every caller (Envoy's local rate limit bucket, an nginx zone keyed
// by server, Kong `limit_by: service`, an API gateway stage throttle) against the SUM of the usage
// of the callers sharing it: each may be under it alone and all of them over it together.
import { expect, it } from 'vitest';
import entitlement from '../../../src/analyze/entitlement/index.js';
import type { Inventory } from '../../../src/analyze/types.js';
import { run, table } from '../kit/table.js';

// Each caller alone is under 60/s; together they make 80/s on /timeline.
const usage: Inventory = {
  callers: [
    { id: 'web-client', internal: true, plan: 'first-party', endpoints: ['/timeline', '/media/upload'], usage: { second: 40 } },
    { id: 'ios-app', internal: true, plan: 'first-party', endpoints: ['/timeline'], usage: { second: 25 } },
    { id: 'partner-a', plan: 'pro', endpoints: ['/timeline'], usage: { second: 15 } },
  ],
};

const envoy = (tokens: number, descriptors = '') => `
      routes:
        - match: { prefix: /timeline }
          route: { cluster: timeline }
          typed_per_filter_config:
            envoy.filters.http.local_ratelimit:
              stat_prefix: timeline
              token_bucket:
                max_tokens: ${tokens}
                tokens_per_fill: ${tokens}
                fill_interval: 1s${descriptors}`;
const nginx = (key: string, rate: number) => `{\n  "http": {\n    "limit_req_zone": "${key} zone=timeline:10m rate=${rate}r/s",\n    "server": { "location": { "path": "/timeline", "limit_req": "zone=timeline burst=20" } }\n  }\n}`;
const kong = (second: number, limitBy = '') => `
      services:
        - name: timeline
          url: http://timeline.internal:8080
          routes:
            - name: timeline
              paths: [/timeline]
          plugins:
            - name: rate-limiting
              config:
                second: ${second}${limitBy ? `\n                limit_by: ${limitBy}` : ''}
                policy: local`;
const stage = (rate: number, resource = '/*') =>
  `{\n  "Resources": {\n    "ProdStage": {\n      "Type": "AWS::ApiGateway::Stage",\n      "Properties": {\n        "StageName": "prod",\n        "MethodSettings": [\n          { "ResourcePath": "${resource}", "HttpMethod": "*", "ThrottlingRateLimit": ${rate}, "ThrottlingBurstLimit": 200 }\n        ]\n      }\n    }\n  }\n}`;

table(entitlement, 'shared limits against the sum of the usage of the callers sharing them', [
  { name: 'Envoy local rate limit: one bucket 200 → 60/s, the three callers use 80/s together', file: 'envoy/routes.yaml', before: envoy(200), after: envoy(60), inventory: usage, expect: ['rate-limited@8'] },
  { name: 'Envoy local rate limit lowered with headroom: 200 → 100/s (benign)', file: 'envoy/routes.yaml', before: envoy(200), after: envoy(100), inventory: usage, expect: [] },
  {
    name: 'Envoy local rate limit split per client by descriptors: each caller alone is under it (benign)',
    file: 'envoy/routes.yaml',
    before: envoy(200, '\n              descriptors:\n                - entries: [{ key: client_id, value: any }]\n                  token_bucket: { max_tokens: 60, tokens_per_fill: 60, fill_interval: 1s }'),
    after: envoy(60, '\n              descriptors:\n                - entries: [{ key: client_id, value: any }]\n                  token_bucket: { max_tokens: 60, tokens_per_fill: 60, fill_interval: 1s }'),
    inventory: usage,
    expect: [],
  },
  { name: 'nginx limit_req_zone keyed by $server_name (one bucket): 200 → 60r/s', file: 'nginx/nginx.json', before: nginx('$server_name', 200), after: nginx('$server_name', 60), inventory: usage, expect: ['rate-limited@3'] },
  { name: 'nginx limit_req_zone keyed by $binary_remote_addr (per client): 200 → 60r/s (benign)', file: 'nginx/nginx.json', before: nginx('$binary_remote_addr', 200), after: nginx('$binary_remote_addr', 60), inventory: usage, expect: [] },
  { name: 'Kong rate-limiting with limit_by: service (one counter): second 200 → 60', file: 'kong/kong.yaml', before: kong(200, 'service'), after: kong(60, 'service'), inventory: usage, expect: ['rate-limited@10'] },
  { name: 'Kong rate-limiting counted per consumer (the default): second 200 → 60 (benign)', file: 'kong/kong.yaml', before: kong(200), after: kong(60), inventory: usage, expect: [] },
  { name: 'API Gateway stage throttle (CloudFormation): ThrottlingRateLimit 500 → 60 on every resource', file: 'api/stage.json', before: stage(500), after: stage(60), inventory: usage, expect: ['rate-limited@8'] },
  { name: 'API Gateway stage throttle lowered with headroom: 500 → 100 (benign)', file: 'api/stage.json', before: stage(500), after: stage(100), inventory: usage, expect: [] },
  { name: 'API Gateway throttle on /~1media only: the /timeline callers do not share it, web-client (40/s) is under 50 (benign)', file: 'api/stage.json', before: stage(500, '/~1media'), after: stage(50, '/~1media'), inventory: usage, expect: [] },
  { name: 'API Gateway throttle on /~1media only, 500 → 30: web-client alone is over it', file: 'api/stage.json', before: stage(500, '/~1media'), after: stage(30, '/~1media'), inventory: usage, expect: ['rate-limited@8'] },
]);

it('a shared limit below one big caller\'s usage is one signal naming every caller sharing it', () => {
  const [s, ...rest] = run(entitlement, { name: '', file: 'envoy/routes.yaml', before: envoy(200), after: envoy(30), inventory: usage, expect: [] });
  expect(rest).toEqual([]);
  expect(s!.data).toMatchObject({
    internal: ['web-client', 'ios-app'],
    count: 3,
    shared: { limit: 30, window: 'second', usage: 80, what: 'Envoy local rate limit' },
  });
});
