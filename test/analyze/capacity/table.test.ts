import capacity from '../../../src/analyze/capacity/index.js';
import { table } from '../kit/table.js';

table(capacity, 'recognised (kind@line)', [
  {
    name: 'deployment replicas 10 → 4',
    file: 'deploy.yaml',
    before: `
      kind: Deployment
      metadata: { name: api }
      spec:
        replicas: 10`,
    after: `
      kind: Deployment
      metadata: { name: api }
      spec:
        replicas: 4`,
    expect: ['capacity-dropped@4'],
  },
  {
    name: 'replicas removed from a Deployment (defaults to 1)',
    file: 'deploy.yaml',
    before: `
      kind: Deployment
      spec:
        replicas: 3
        template: {}`,
    after: `
      kind: Deployment
      spec:
        template: {}`,
    expect: ['capacity-dropped@3'],
  },
  {
    name: 'ASG bounds written as strings',
    file: 'asg.json',
    before: '{\n  "MinSize": "10",\n  "DesiredCapacity": "20"\n}',
    after: '{\n  "MinSize": "10",\n  "DesiredCapacity": "12"\n}',
    expect: ['capacity-dropped@3'],
  },
  {
    name: 'HPA ceiling raised',
    file: 'hpa.yaml',
    before: `
      spec:
        minReplicas: 2
        maxReplicas: 10`,
    after: `
      spec:
        minReplicas: 2
        maxReplicas: 20`,
    expect: ['capacity-added@3'],
  },
  {
    name: 'memory limit with a unit, and a rate limit lowered',
    file: 'limits.yaml',
    before: `
      resources:
        limits:
          memory: 1Gi
      rateLimit:
        rps: 200`,
    after: `
      resources:
        limits:
          memory: 512Mi
      rateLimit:
        rps: 100`,
    expect: ['quota-lowered@3', 'quota-lowered@5'],
  },
  {
    name: 'a windowed rate limit: 100 per minute → 100 per second is raised, once',
    file: 'ratelimit.yaml',
    before: `
      rate_limit:
        requests: 100
        window: 1m`,
    after: `
      rate_limit:
        requests: 100
        window: 1s`,
    expect: ['quota-raised@3'],
  },
]);

table(capacity, 'ignored', [
  {
    name: 'a timeout under limits is not an amount',
    file: 'limits.yaml',
    before: `
      limits:
        timeout: 30`,
    after: `
      limits:
        timeout: 10`,
    expect: [],
  },
  {
    name: 'a boolean and an unchanged value',
    file: 'x.yaml',
    before: `
      replicas: 3
      autoscaling:
        enabled: true`,
    after: `
      replicas: 3
      autoscaling:
        enabled: false`,
    expect: [],
  },
  {
    name: 'an unknown key is not capacity',
    file: 'db.yaml',
    before: `
      database:
        shards: 8`,
    after: `
      database:
        shards: 2`,
    expect: [],
  },
]);

table(capacity, 'steering and options', [
  {
    name: 'an unknown key forced to capacity',
    file: 'db.yaml',
    before: `
      database:
        shards: 8`,
    after: `
      database:
        shards: 2`,
    options: { analyzers: [{ path: '**.shards', analyzer: 'capacity' }] },
    expect: ['capacity-dropped@2'],
  },
  {
    name: 'an unknown key named in capacityKeys',
    file: 'db.yaml',
    before: `
      database:
        shard_count: 8`,
    after: `
      database:
        shard_count: 2`,
    analyzerOptions: { capacity: { capacityKeys: ['shardCount'] } },
    expect: ['capacity-dropped@2'],
  },
  {
    name: 'quotaKeys with a pattern',
    file: 'api.yaml',
    before: `
      api:
        max_uploads_per_day: 100`,
    after: `
      api:
        max_uploads_per_day: 10`,
    analyzerOptions: { capacity: { quotaKeys: ['max*perday'] } },
    expect: ['quota-lowered@2'],
  },
]);

const regions = (names: string[], peak = 50000) =>
  `service:\n  name: thermostat-api\n  expected_peak_rps: ${peak}\n  regions:\n${names.map((n) => `    - name: ${n}\n      capacity_rps: 40000\n`).join('')}`;

table(capacity, 'failover capacity: pool sets, N−1, drain lists (kind@line)', [
  {
    name: 'a region removed: N−1 margin computed from capacity_rps and expected_peak_rps',
    file: 'service.yaml',
    before: regions(['use1', 'usw2', 'euw1']),
    after: regions(['use1', 'usw2']),
    expect: ['pool-margin@4'],
  },
  {
    name: 'JSON upstream with max_rps per server, one removed',
    file: 'lb/upstream.json',
    before: JSON.stringify({ upstream: { name: 'therm', peak_rps: 20000, servers: [{ host: 'a', max_rps: 10000 }, { host: 'b', max_rps: 10000 }, { host: 'c', max_rps: 10000 }] } }, null, 2),
    after: JSON.stringify({ upstream: { name: 'therm', peak_rps: 20000, servers: [{ host: 'a', max_rps: 10000 }, { host: 'b', max_rps: 10000 }] } }, null, 2),
    expect: ['pool-margin@5'],
  },
  {
    name: 'the inventory takes precedence over the numbers in the config',
    file: 'service.yaml',
    before: regions(['use1', 'usw2', 'euw1'], 10000),
    after: regions(['use1', 'usw2'], 10000),
    inventory: { pools: { use1: { capacity: 8000, load: 4000 }, usw2: { capacity: 8000, load: 3000 }, euw1: { capacity: 8000, load: 3000 } } },
    expect: ['pool-margin@4'],
  },
  {
    name: 'a pool set with no number anywhere is not judged',
    file: 'service.yaml',
    before: 'regions:\n  - name: use1\n  - name: usw2\n  - name: euw1\n',
    after: 'regions:\n  - name: use1\n  - name: usw2\n',
    expect: [],
  },
  {
    name: 'a pool added is a safe margin change',
    file: 'service.yaml',
    before: regions(['use1', 'usw2']),
    after: regions(['use1', 'usw2', 'euw1']),
    expect: ['pool-margin@4'],
  },
  {
    name: 'a drain list naming hosts, no registry',
    file: 'lb/maintenance.yaml',
    before: 'drain: [web-01]\n',
    after: 'drain: [web-01, web-02]\n',
    expect: ['hosts-drained@1'],
  },
  {
    name: 'a maintenance selector widened from named hosts to a glob, no registry',
    file: 'search/maintenance.yaml',
    before: 'maintenance:\n  hosts: [idx-use1-01, idx-use1-02, idx-use1-03, idx-use1-04]\n',
    after: 'maintenance:\n  hosts: [idx-use1-*]\n',
    expect: ['hosts-drained@2'],
  },
  {
    name: 'the same widening counted against the host registry',
    file: 'search/maintenance.yaml',
    before: 'maintenance:\n  hosts: [idx-use1-01, idx-use1-02, idx-use1-03, idx-use1-04]\n',
    after: 'maintenance:\n  hosts: [idx-use1-*]\n',
    inventory: { hosts: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`idx-use1-${String(i + 1).padStart(2, '0')}`, { pool: 'idx-use1' }])) },
    expect: ['capacity-dropped@2'],
  },
  {
    name: 'hosts back in service (the drain list shrinks) is no drain',
    file: 'lb/maintenance.yaml',
    before: 'drain: [web-01, web-02]\n',
    after: 'drain: [web-01]\n',
    expect: [],
  },
  {
    name: 'a drain switch written as a string is not a host name',
    file: 'lb/maintenance.yaml',
    before: 'offline: "false"\n',
    after: 'offline: "true"\n',
    expect: [],
  },
  {
    name: 'drain: all takes every host out',
    file: 'lb/maintenance.yaml',
    before: 'drain: [web-01]\n',
    after: 'drain: all\n',
    expect: ['hosts-drained@1'],
  },
  {
    name: 'a drain switch (boolean) is not a drain list',
    file: 'k8s/node.yaml',
    before: 'drain: false\n',
    after: 'drain: true\n',
    expect: [],
  },
]);
