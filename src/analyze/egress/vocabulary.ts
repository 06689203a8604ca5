// What the egress analyzer reads, as data. Keys are matched with kit/keys.ts (any spelling).
import type { Vocabulary } from '../kit/keys.js';

/** Document kinds that are network policies (Kubernetes, Calico, Cilium). */
export const POLICY_KINDS: readonly string[] = [
  'NetworkPolicy', 'GlobalNetworkPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy',
];
/** The spec field listing a policy's directions: Kubernetes `policyTypes`, Calico `types`. */
export const TYPE_FIELDS: readonly string[] = ['policyTypes', 'types'];
/** The egress rules of a network policy. */
export const EGRESS_FIELD = 'egress';
/** Cilium: a section that restricts egress by being present. */
export const CILIUM_EGRESS_FIELDS: readonly string[] = ['egress', 'egressDeny'];
/** Cilium: `enableDefaultDeny.egress: false` keeps everything not denied allowed (the sections above then restrict nothing else). */
export const CILIUM_DEFAULT_DENY = { field: 'enableDefaultDeny', direction: 'egress' } as const;

/** Lists of outbound firewall / security-group rules (CloudFormation, Terraform JSON, generic). */
export const EGRESS_LISTS: Vocabulary = ['securitygroupegress', 'egress', 'egressrules', 'outbound', 'outboundrules', 'egressrule'];
/** Words in the path or file name that make an `egress` list a firewall's (not, say, a gateway's routes). */
export const FIREWALL_CONTEXT: Vocabulary = ['securitygroup', 'security_group', 'firewall', 'nsg', 'networkacl', 'network_acl'];

/** Protocol values meaning every protocol and port. */
export const ALL_PROTOCOLS: readonly string[] = ['-1', 'all', '*', 'any'];
/** Port fields of a rule: a single port or list; from/to ranges. */
export const PORT_FIELDS: readonly string[] = ['port', 'ports', 'destination_port_range', 'destinationPortRange', 'port_range', 'portRange'];
export const FROM_PORT_FIELDS: readonly string[] = ['FromPort', 'from_port', 'fromPort'];
export const TO_PORT_FIELDS: readonly string[] = ['ToPort', 'to_port', 'toPort'];
export const PROTOCOL_FIELDS: readonly string[] = ['IpProtocol', 'ip_protocol', 'protocol', 'Protocol'];

/** Named ports that are DNS. */
export const DNS_PORT_NAMES: readonly string[] = ['dns', 'dns-tcp', 'dns-udp', 'domain'];
export const DNS_PORT = 53;

/** Pod labels naming the workload a policy selects, looked up in inventory.egress. */
export const WORKLOAD_LABELS: readonly string[] = ['app', 'app.kubernetes.io/name', 'k8s-app', 'name', 'component', 'app.kubernetes.io/instance'];
