// Which ports an egress rule lets through, in the formats the analyzer reads.
import { isObject } from '../kit/paths.js';
import { parseNumber } from '../kit/quantities.js';
import { ALL_PROTOCOLS, DNS_PORT, DNS_PORT_NAMES, FROM_PORT_FIELDS, PORT_FIELDS, PROTOCOL_FIELDS, TO_PORT_FIELDS } from './vocabulary.js';

/** Whether one port spec (`53`, `"53"`, `"0-65535"`, `{ port: 53, endPort: 60 }`, `dns`) covers `port`. */
function specCovers(spec: unknown, port: number): boolean {
  if (isObject(spec)) {
    if (spec.port === undefined && spec.ports === undefined) return true; // a protocol with no port: every port
    if (Array.isArray(spec.ports)) return spec.ports.some((p) => specCovers(p, port));
    const from = parseNumber(spec.port);
    const end = parseNumber(spec.endPort ?? spec.end_port);
    if (from !== undefined) return end !== undefined ? from <= port && port <= end : from === port;
    return typeof spec.port === 'string' && port === DNS_PORT && DNS_PORT_NAMES.includes(spec.port.toLowerCase());
  }
  if (typeof spec === 'string') {
    const t = spec.trim().toLowerCase();
    if (ALL_PROTOCOLS.includes(t)) return true;
    const range = /^(\d+)\s*[-:]\s*(\d+)$/.exec(t);
    if (range) return Number(range[1]) <= port && port <= Number(range[2]);
    if (port === DNS_PORT && DNS_PORT_NAMES.includes(t)) return true;
  }
  return parseNumber(spec) === port;
}

/** A Kubernetes / Calico / Cilium egress rule: its `ports` (or `toPorts`, `destination.ports`); none means every port. */
export function policyRuleAllows(rule: unknown, port: number): boolean {
  if (!isObject(rule)) return false;
  if (typeof rule.action === 'string' && rule.action.toLowerCase() !== 'allow') return false;
  const dest = isObject(rule.destination) ? rule.destination : undefined;
  const ports = rule.ports ?? rule.toPorts ?? dest?.ports;
  if (ports === undefined || (Array.isArray(ports) && ports.length === 0)) return true;
  return Array.isArray(ports) ? ports.some((p) => specCovers(p, port)) : specCovers(ports, port);
}

/** A firewall / security-group rule: all protocols, a from/to range, or port fields; none means every port. */
export function firewallRuleAllows(rule: unknown, port: number): boolean {
  if (!isObject(rule)) return false;
  const action = rule.action ?? rule.Action ?? rule.access;
  if (typeof action === 'string' && /deny|drop|reject/i.test(action)) return false;
  const protocol = PROTOCOL_FIELDS.map((f) => rule[f]).find((v) => v !== undefined);
  if (protocol !== undefined && ALL_PROTOCOLS.includes(String(protocol).toLowerCase())) return true;
  const from = FROM_PORT_FIELDS.map((f) => parseNumber(rule[f])).find((v) => v !== undefined);
  const to = TO_PORT_FIELDS.map((f) => parseNumber(rule[f])).find((v) => v !== undefined);
  if (from !== undefined || to !== undefined) return (from ?? to)! <= port && port <= (to ?? from)!;
  const field = PORT_FIELDS.find((f) => rule[f] !== undefined);
  if (field === undefined) return true;
  const spec = rule[field];
  return Array.isArray(spec) ? spec.some((p) => specCovers(p, port)) : specCovers(spec, port);
}
