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
