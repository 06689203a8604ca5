import { describe, expect, test } from 'vitest';
import egress from '../../../src/analyze/egress/index.js';
import { run, table, type Case } from '../kit/table.js';

const NP = (spec: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: payments-egress
  namespace: payments
spec:
  podSelector:
    matchLabels:
      app: payments
${spec}`;

const INGRESS_ONLY = NP('  policyTypes: [Ingress]\n  ingress:\n    - from: [{ podSelector: {} }]\n');
const DENY_ALL = NP('  policyTypes: [Ingress, Egress]\n  ingress:\n    - from: [{ podSelector: {} }]\n');
const DNS_AND_DB = NP(`  policyTypes: [Ingress, Egress]
  ingress:
    - from: [{ podSelector: {} }]
  egress:
    - to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } } }]
      ports: [{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }]
    - to: [{ podSelector: { matchLabels: { app: postgres } } }]
      ports: [{ port: 5432 }]
`);
const DB_ONLY = NP(`  policyTypes: [Ingress, Egress]
  ingress:
    - from: [{ podSelector: {} }]
  egress:
    - to: [{ podSelector: { matchLabels: { app: postgres } } }]
      ports: [{ port: 5432 }]
`);
const DNS_ONLY = NP(`  policyTypes: [Ingress, Egress]
  ingress:
    - from: [{ podSelector: {} }]
  egress:
    - to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } } }]
      ports: [{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }]
`);

const SG = (egressRules: string) => `{
  "Resources": {
    "AppSecurityGroup": {
      "Type": "AWS::EC2::SecurityGroup",
      "Properties": {
        "GroupDescription": "app",
        "SecurityGroupEgress": ${egressRules}
      }
    }
  }
}`;
const SG_ALL = '[{ "IpProtocol": "-1", "CidrIp": "0.0.0.0/0" }]';
const SG_HTTPS = '[{ "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0" }]';
const SG_HTTPS_DNS = '[{ "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0" }, { "IpProtocol": "udp", "FromPort": 53, "ToPort": 53, "CidrIp": "10.0.0.2/32" }]';

const cases: Case[] = [
  { name: 'Egress added to policyTypes with no egress rule: default deny', before: INGRESS_ONLY, after: DENY_ALL, expect: ['egress-denied@10'] },
  { name: 'the egress list emptied', before: DNS_AND_DB, after: DENY_ALL, expect: ['egress-denied@13'] },
  { name: 'the DNS rule removed, the database rule kept', before: DNS_AND_DB, after: DB_ONLY, expect: ['dns-blocked@14'] },
  { name: 'egress restricted to DNS and named flows: narrowed, DNS still allowed', before: INGRESS_ONLY, after: DNS_AND_DB, expect: ['egress-narrowed@10'] },
  { name: 'a rule added to a restricted policy', before: DNS_ONLY, after: DNS_AND_DB, expect: [] },
  { name: 'an ingress-only edit', before: INGRESS_ONLY, after: INGRESS_ONLY.replace('podSelector: {} }', 'podSelector: { matchLabels: { app: web } } }'), expect: [] },
  {
    name: 'a new default-deny policy beside an allow-DNS policy in the same change',
    before: DNS_ONLY.replace('payments-egress', 'allow-dns'),
    after: `${DNS_ONLY.replace('payments-egress', 'allow-dns')}---\n${DENY_ALL.replace('payments-egress', 'default-deny')}`,
    expect: ['egress-narrowed@17'],
  },
  { name: 'a new default-deny policy alone', before: 'kind: ConfigMap\nmetadata: { name: x }\n', after: `kind: ConfigMap\nmetadata: { name: x }\n---\n${DENY_ALL}`, expect: ['egress-denied@4'] },
  {
    name: 'Cilium: an egress section with only an HTTPS rule',
    before: 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: { name: api, namespace: shop }\nspec:\n  endpointSelector: { matchLabels: { app: api } }\n  ingress: [{ fromEndpoints: [{}] }]\n',
    after: 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: { name: api, namespace: shop }\nspec:\n  endpointSelector: { matchLabels: { app: api } }\n  ingress: [{ fromEndpoints: [{}] }]\n  egress:\n    - toFQDNs: [{ matchName: api.stripe.com }]\n      toPorts: [{ ports: [{ port: "443", protocol: TCP }] }]\n',
    expect: ['dns-blocked@7'],
  },
  {
    // onedr0p/home-ops 5ad8a21c: private ranges denied, default deny switched off: every other flow (DNS included) still goes
    name: 'Cilium: egressDeny with enableDefaultDeny.egress false restricts only what it denies',
    before: 'kind: ConfigMap\nmetadata: { name: x }\n',
    after: 'kind: ConfigMap\nmetadata: { name: x }\n---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: { name: runner }\nspec:\n  endpointSelector: { matchLabels: { runner: runner } }\n  enableDefaultDeny:\n    egress: false\n  egressDeny:\n    - toCIDRSet: [{ cidr: 10.0.0.0/8, except: [10.42.0.0/16] }]\n',
    expect: [],
  },
  {
    name: 'Cilium: the same egressDeny with default deny left on cuts every other flow',
    before: 'kind: ConfigMap\nmetadata: { name: x }\n',
    after: 'kind: ConfigMap\nmetadata: { name: x }\n---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: { name: runner }\nspec:\n  endpointSelector: { matchLabels: { runner: runner } }\n  egressDeny:\n    - toCIDRSet: [{ cidr: 10.0.0.0/8, except: [10.42.0.0/16] }]\n',
    expect: ['egress-denied@4'],
  },
  { name: 'security group egress emptied (CloudFormation JSON)', file: 'stack.json', before: SG(SG_ALL), after: SG('[]'), expect: ['egress-denied@7'] },
  { name: 'security group egress cut to HTTPS only: DNS gone', file: 'stack.json', before: SG(SG_ALL), after: SG(SG_HTTPS), expect: ['dns-blocked@7'] },
  { name: 'security group egress cut to HTTPS and DNS', file: 'stack.json', before: SG(SG_ALL), after: SG(SG_HTTPS_DNS), expect: [] },
  {
    name: 'Terraform JSON egress emptied',
    file: 'main.tf.json',
    before: '{"resource": {"aws_security_group": {"web": {"name": "web", "egress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]}}}}',
    after: '{"resource": {"aws_security_group": {"web": {"name": "web", "egress": []}}}}',
    expect: ['egress-denied@1'],
  },
  {
    name: 'an egress list outside a firewall (a gateway\'s) is not read',
    before: 'gateway:\n  egress:\n    - host: a\n    - host: b\n',
    after: 'gateway:\n  egress: []\n',
    expect: [],
  },
];

table(egress, 'network policies and firewall egress', cases);

describe('egress: the inventory of needed flows', () => {
  test('a flow the inventory lists, no longer allowed, is flow-blocked', () => {
    const s = run(egress, { name: 'x', before: DNS_AND_DB, after: DNS_ONLY, expect: [], inventory: { egress: { payments: [{ to: postgres, port: 5432 }] } } });
    expect(s.map((x) => [x.kind, x.data.flows])).toEqual([['flow-blocked', ['payments → postgres:5432']]]);
    expect(s[0]!.missing ?? []).toEqual(expect.not.arrayContaining([expect.stringContaining('inventory.egress')]));
  });

  test('without it the narrowing names the fact', () => {
    const [s] = run(egress, { name: 'x', before: DNS_AND_DB, after: DNS_ONLY, expect: [] });
    expect(s!.kind).toBe('egress-narrowed');
    expect(s!.direction).toBe('neutral');
    expect(s!.missing?.some((m) => m.includes('inventory.egress'))).toBe(true);
  });
});

const postgres = 'postgres';
