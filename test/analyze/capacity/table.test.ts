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
