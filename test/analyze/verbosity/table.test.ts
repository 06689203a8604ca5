// Accept/reject tables for the verbosity analyzer: real YAML/JSON through the real loader and
// diff, the kinds and exact lines it reports.
import verbosity from '../../../src/analyze/verbosity/index.js';
import { table } from '../kit/table.js';

// samber/awesome-prometheus-alerts 03963ef6: a service (with its alert rules) moved from one
// group to a new one, while another group was inserted above. The removed subtree's leaves were checked for an
// alerting rule at a path mixing after-side and before-side indices, which lands on another
// group: the rule's own `severity: warning` read as a log level removed (warn → info).
const movedBefore = `
  groups:
    - name: Runtimes
      services:
        - name: Ruby
          exporters: []
        - name: Apache Flink
          exporters:
            - name: Built-in reporter
              rules:
                - name: Flink all task slots used
                  query: "flink_jobmanager_taskSlotsAvailable == 0"
                  severity: warning
                  for: 5m
    - name: Orchestrators
      services:
        - name: Nomad
          exporters: []`;
const movedAfter = `
  groups:
    - name: Message brokers
      services:
        - name: Kafka
          exporters: []
    - name: Runtimes
      services:
        - name: Ruby
          exporters: []
    - name: Data engineering
      services:
        - name: Apache Flink
          exporters:
            - name: Built-in reporter
              rules:
                - name: Flink all task slots used
                  query: "flink_jobmanager_taskSlotsAvailable == 0"
                  severity: warning
                  for: 5m
    - name: Orchestrators
      services:
        - name: Nomad
          exporters: []`;

table(verbosity, 'false stops found on real history', [
  {
    name: 'samber/awesome-prometheus-alerts 03963ef6: a severity inside a moved service is not a verbosity change',
    file: '_data/rules.yml',
    before: movedBefore,
    after: movedAfter,
    expect: [],
  },
  {
    name: 'samber/awesome-prometheus-alerts 03963ef6: a service with its alert rules removed is not a verbosity change',
    file: '_data/rules.yml',
    before: movedBefore,
    after: movedAfter.replace(/\n {4}- name: Data engineering[\s\S]*?for: 5m/, ''),
    expect: [],
  },
]);

table(verbosity, 'access logs, body logging and network traces', [
  {
    name: 'YAML: access log mode basic → full',
    file: 'gateway.yaml',
    before: `
      accessLog:
        enabled: true
        mode: basic`,
    after: `
      accessLog:
        enabled: true
        mode: full`,
    expect: ['level-raised@3'],
  },
  {
    name: 'JSON: access_log_mode BASIC → FULL',
    file: 'gateway.json',
    before: '{\n  "access_log_mode": "BASIC"\n}',
    after: '{\n  "access_log_mode": "FULL"\n}',
    expect: ['level-raised@2'],
  },
  {
    name: 'access log mode full → basic is a lowering (benign)',
    file: 'gateway.yaml',
    before: `
      accessLog:
        mode: full`,
    after: `
      accessLog:
        mode: basic`,
    expect: ['level-lowered@2'],
  },
  {
    name: 'request body logging switched on',
    file: 'gateway.yaml',
    before: `
      logging:
        includeRequestBody: false`,
    after: `
      logging:
        includeRequestBody: true`,
    expect: ['logging-enabled@2'],
  },
  {
    name: 'CloudFormation: API Gateway stage DataTraceEnabled false → true (full request/response logs)',
    file: 'api/template.json',
    before: '{\n  "Resources": {\n    "Stage": {\n      "Type": "AWS::ApiGateway::Stage",\n      "Properties": { "MethodSettings": [{ "ResourcePath": "/*", "HttpMethod": "*", "DataTraceEnabled": false }] }\n    }\n  }\n}',
    after: '{\n  "Resources": {\n    "Stage": {\n      "Type": "AWS::ApiGateway::Stage",\n      "Properties": { "MethodSettings": [{ "ResourcePath": "/*", "HttpMethod": "*", "DataTraceEnabled": true }] }\n    }\n  }\n}',
    expect: ['logging-enabled@5'],
  },
  {
    name: 'Spring Cloud Gateway wiretap on',
    file: 'application.yml',
    before: `
      spring:
        cloud:
          gateway:
            httpclient:
              wiretap: false`,
    after: `
      spring:
        cloud:
          gateway:
            httpclient:
              wiretap: true`,
    expect: ['logging-enabled@5'],
  },
  {
    name: 'network trace mode summary → full with payloads',
    file: 'netmon.yaml',
    before: `
      networkTrace:
        mode: summary
        includePayloads: false`,
    after: `
      networkTrace:
        mode: full
        includePayloads: true`,
    expect: ['level-raised@2', 'logging-enabled@3'],
  },
  {
    name: 'CloudFormation: VPC flow log TrafficType REJECT → ALL',
    file: 'network/vpc.yaml',
    before: `
      Resources:
        FlowLog:
          Type: AWS::EC2::FlowLog
          Properties:
            ResourceType: VPC
            TrafficType: REJECT`,
    after: `
      Resources:
        FlowLog:
          Type: AWS::EC2::FlowLog
          Properties:
            ResourceType: VPC
            TrafficType: ALL`,
    expect: ['level-raised@6'],
  },
  {
    name: 'Terraform JSON: flow log traffic_type ACCEPT → REJECT is a lowering (benign)',
    file: 'network/main.tf.json',
    before: '{\n  "resource": { "aws_flow_log": { "vpc": { "traffic_type": "ALL" } } }\n}',
    after: '{\n  "resource": { "aws_flow_log": { "vpc": { "traffic_type": "REJECT" } } }\n}',
    expect: ['level-lowered@2'],
  },
]);

table(verbosity, 'levels in generators, flags and JVM options', [
  {
    name: 'Kustomize configMapGenerator literal LOG_LEVEL=info → debug',
    file: 'overlays/prod/kustomization.yaml',
    before: `
      configMapGenerator:
        - name: api-config
          literals:
            - LOG_LEVEL=info
            - REGION=eu`,
    after: `
      configMapGenerator:
        - name: api-config
          literals:
            - LOG_LEVEL=debug
            - REGION=eu`,
    expect: ['level-raised@4'],
  },
  {
    name: 'Prometheus-style --log.level=info → debug',
    file: 'deploy.yaml',
    before: `
      containers:
        - name: prometheus
          args: ["--config.file=/etc/prometheus.yml", "--log.level=info"]`,
    after: `
      containers:
        - name: prometheus
          args: ["--config.file=/etc/prometheus.yml", "--log.level=debug"]`,
    expect: ['level-raised@3'],
  },
  {
    name: 'JVM -Dlogging.level.root=DEBUG added to JAVA_OPTS (compose map)',
    file: 'docker-compose.yml',
    before: `
      services:
        api:
          environment:
            JAVA_OPTS: "-Xmx512m"`,
    after: `
      services:
        api:
          environment:
            JAVA_OPTS: "-Xmx512m -Dlogging.level.root=DEBUG"`,
    expect: ['level-raised@4'],
  },
  {
    name: 'JVM -Dlogging.level.org.springframework=TRACE in a Deployment env entry',
    file: 'deploy.yaml',
    before: `
      containers:
        - name: api
          env:
            - name: JAVA_TOOL_OPTIONS
              value: "-XX:MaxRAMPercentage=75"`,
    after: `
      containers:
        - name: api
          env:
            - name: JAVA_TOOL_OPTIONS
              value: "-XX:MaxRAMPercentage=75 -Dlogging.level.org.springframework=TRACE"`,
    expect: ['level-raised@5'],
  },
  {
    name: 'a JVM heap option changed is not a level (benign)',
    file: 'docker-compose.yml',
    before: `
      services:
        api:
          environment:
            JAVA_OPTS: "-Xmx512m -Dlogging.level.root=INFO"`,
    after: `
      services:
        api:
          environment:
            JAVA_OPTS: "-Xmx1g -Dlogging.level.root=INFO"`,
    expect: [],
  },
]);

table(verbosity, 'sampling as percentages and ratios', [
  {
    name: 'sampling "10%" → "100%"',
    file: 'tracing.yaml',
    before: `
      tracing:
        sampling: "10%"`,
    after: `
      tracing:
        sampling: "100%"`,
    expect: ['sampling-raised@2'],
  },
  {
    name: 'OpenTelemetry probabilistic_sampler sampling_percentage 1 → 100',
    file: 'otelcol.yaml',
    before: `
      processors:
        probabilistic_sampler:
          sampling_percentage: 1`,
    after: `
      processors:
        probabilistic_sampler:
          sampling_percentage: 100`,
    expect: ['sampling-raised@3'],
  },
  {
    name: 'Jaeger JSON strategies: probabilistic param 0.001 → 1',
    file: 'jaeger/strategies.json',
    before: '{\n  "default_strategy": { "type": "probabilistic", "param": 0.001 }\n}',
    after: '{\n  "default_strategy": { "type": "probabilistic", "param": 1 }\n}',
    expect: ['sampling-raised@2'],
  },
  {
    name: 'Jaeger ratelimiting param (traces per second) is not a ratio but still a raise',
    file: 'jaeger/strategies.json',
    before: '{\n  "service_strategies": [{ "service": "api", "type": "ratelimiting", "param": 2 }]\n}',
    after: '{\n  "service_strategies": [{ "service": "api", "type": "ratelimiting", "param": 200 }]\n}',
    expect: ['sampling-raised@2'],
  },
  {
    name: 'OTEL_TRACES_SAMPLER parentbased_always_off → always_on',
    file: 'deploy.yaml',
    before: `
      containers:
        - name: api
          env:
            - name: OTEL_TRACES_SAMPLER
              value: parentbased_always_off`,
    after: `
      containers:
        - name: api
          env:
            - name: OTEL_TRACES_SAMPLER
              value: always_on`,
    expect: ['sampling-raised@5'],
  },
  {
    name: 'sampling ratio "1:9" → "1:3"',
    file: 'tracing.yaml',
    before: `
      tracing:
        sampleRatio: "1:9"`,
    after: `
      tracing:
        sampleRatio: "1:3"`,
    expect: ['sampling-raised@2'],
  },
  {
    name: 'sampling "50%" → "5%" is a lowering (benign)',
    file: 'tracing.yaml',
    before: `
      tracing:
        sampling: "50%"`,
    after: `
      tracing:
        sampling: "5%"`,
    expect: ['sampling-lowered@2'],
  },
]);
