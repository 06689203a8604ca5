// Outbound traffic a workload may send. A NetworkPolicy that restricts egress and allows nothing
// (`policyTypes: [Egress]` with no egress rule, or its rules emptied) cuts the selected pods off
// from everything, DNS included, so every call they make fails at name resolution; a firewall or
// security group whose egress rules are emptied does the same to its instances. Rules that remain
// but no longer let DNS (port 53) through are as bad. Kubernetes policies add up, so a rule
// allowing DNS in another policy of the same namespace (in the change) keeps DNS open. Where the
// file cannot say which flows a workload needs, inventory.egress can: a flow it lists that is no
// longer allowed is a finding of its own, and without it the report names the missing fact.
import type { Change, ConfigFile, FileDiff, JsonPath, Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer, Inventory } from '../types.js';
import { defineBuiltinAnalyzer } from '../types.js';
import { getAt, isObject } from '../kit/paths.js';
import { matchKey, mentions } from '../kit/keys.js';
import { makeSignal } from '../kit/signal.js';
import { pathToText } from '../../diff/index.js';
import { firewallRuleAllows, policyRuleAllows } from './rules.js';
import {
  CILIUM_DEFAULT_DENY, CILIUM_EGRESS_FIELDS, DNS_PORT, EGRESS_FIELD, EGRESS_LISTS, FIREWALL_CONTEXT, POLICY_KINDS, TYPE_FIELDS, WORKLOAD_LABELS,
} from './vocabulary.js';

type Kind = 'egress-denied' | 'dns-blocked' | 'flow-blocked' | 'egress-narrowed';
interface Egress {
  restricted: boolean;
  rules: unknown[];
}
interface PolicyDoc {
  index: number;
  id: string;
  namespace: string;
  doc: Record<string, unknown>;
}

const OPEN: Egress = { restricted: false, rules: [] };

function policyDocs(file: ConfigFile | undefined): PolicyDoc[] {
  if (!file) return [];
  return file.documents.flatMap((doc, index) => {
    if (!isObject(doc) || typeof doc.kind !== 'string' || !POLICY_KINDS.includes(doc.kind) || !isObject(doc.spec)) return [];
    const namespace = String(getAt(doc, ['metadata', 'namespace']) ?? '');
    return [{ index, id: `${doc.kind}/${namespace}/${String(getAt(doc, ['metadata', 'name']) ?? index)}`, namespace, doc }];
  });
}

/** Whether a policy restricts egress, and its allow rules. */
function egressOf(doc: Record<string, unknown>): Egress {
  const spec = doc.spec as Record<string, unknown>;
  const rules = Array.isArray(spec[EGRESS_FIELD]) ? (spec[EGRESS_FIELD] as unknown[]) : [];
  if (String(doc.kind).startsWith('Cilium')) {
    const defaultDenyOff = getAt(spec, [CILIUM_DEFAULT_DENY.field, CILIUM_DEFAULT_DENY.direction]) === false;
    return { restricted: !defaultDenyOff && CILIUM_EGRESS_FIELDS.some((f) => f in spec), rules };
  }
  const types = TYPE_FIELDS.map((f) => spec[f]).find(Array.isArray) as unknown[] | undefined;
  const restricted = types ? types.some((t) => String(t).toLowerCase() === 'egress') : EGRESS_FIELD in spec;
  return { restricted, rules };
}

function allows(e: Egress, port: number): boolean {
  return !e.restricted || e.rules.some((r) => policyRuleAllows(r, port));
}

/** Names of the workloads a policy selects (pod labels), or ['*'] for every pod. */
function workloadsOf(doc: Record<string, unknown>): string[] {
  const selector = getAt(doc, ['spec', 'podSelector']) ?? getAt(doc, ['spec', 'endpointSelector']);
  const labels = getAt(selector, ['matchLabels']);
  if (!isObject(labels)) return isObject(selector) && Object.keys(selector).length === 0 ? ['*'] : [];
  return WORKLOAD_LABELS.map((l) => labels[l]).filter((v): v is string => typeof v === 'string');
}

/** Flows the inventory says the selected workloads need that `before` allowed and `after` does not. */
function blockedFlows(workloads: string[], before: Egress, after: Egress, inventory?: Inventory): string[] {
  const flows = inventory?.egress ?? {};
  const names = workloads.includes('*') ? Object.keys(flows) : workloads.filter((w) => flows[w]);
  return names.flatMap((w) =>
    (flows[w] ?? []).filter((f) => allows(before, f.port) && !allows(after, f.port)).map((f) => `${w} → ${f.to ?? '*'}:${f.port}`),
  );
}

function classify(before: Egress, after: Egress, dnsElsewhere: boolean): Kind | undefined {
  if (!after.restricted) return undefined;
  const narrowed = !before.restricted || after.rules.length < before.rules.length;
  if (after.rules.length === 0 && (!before.restricted || before.rules.length > 0)) return dnsElsewhere ? 'egress-narrowed' : 'egress-denied';
  if (allows(before, DNS_PORT) && !allows(after, DNS_PORT)) return dnsElsewhere ? 'egress-narrowed' : 'dns-blocked';
  return narrowed ? 'egress-narrowed' : undefined;
}

const DIRECTION: Record<Kind, Signal['direction']> = {
  'egress-denied': 'risky', 'dns-blocked': 'risky', 'flow-blocked': 'risky', 'egress-narrowed': 'neutral',
};

function what(kind: Kind, flows: string[]): string {
  if (kind === 'egress-denied') return 'egress restricted with no rule left: the selected workloads lose all outbound traffic, DNS (port 53) included';
  if (kind === 'dns-blocked') return 'egress rules no longer allow DNS (port 53): every lookup of the selected workloads fails';
  if (kind === 'flow-blocked') return `egress no longer allows flows the inventory says are needed: ${flows.join(', ')}`;
  return 'egress narrowed; DNS still allowed';
}

/** The first change of a document (or inside a path), for the signal's line. */
function firstChange(file: FileDiff, document: number, within: JsonPath = []): Change | undefined {
  return file.changes.find((c) => c.document === document && within.every((s, i) => c.path[i] === s));
}

interface Finding {
  kind: Kind;
  document: number;
  path: JsonPath;
  label: string;
  workloads: string[];
  flows: string[];
}

function signalOf(file: FileDiff, f: Finding, inventory?: Inventory): Signal {
  const change = firstChange(file, f.document, f.path) ?? firstChange(file, f.document);
  const line = change?.line ?? file.after?.locate(f.document, f.path).line ?? 1;
  const known = f.workloads.some((w) => w === '*' ? Object.keys(inventory?.egress ?? {}).length > 0 : inventory?.egress?.[w]);
  const missing = known ? [] : [`the egress flows ${f.workloads.includes('*') ? 'of these workloads' : f.workloads.join(', ') || 'of the selected workloads'} need: inventory.egress.<workload> would say which flows this change breaks`];
  return makeSignal(
    {
      type: 'network',
      kind: f.kind,
      direction: DIRECTION[f.kind],
      file,
      document: f.document,
      path: f.path,
      pathText: pathToText(f.path),
      line,
      changes: change ? [change] : [],
      summary: `${f.label}: ${what(f.kind, f.flows)}`,
      data: { target: f.label, workloads: f.workloads, ...(f.flows.length ? { flows: f.flows } : {}) },
      missing,
    },
    inventory,
  );
}

/** Network policies of one file, against the namespaces' other policies in the change. */
function policyFindings(file: FileDiff, dnsByNamespace: Map<string, Set<string>>, inventory?: Inventory): Finding[] {
  const before = new Map(policyDocs(file.before).map((p) => [p.id, p]));
  const out: Finding[] = [];
  for (const p of policyDocs(file.after)) {
    if (!firstChange(file, p.index)) continue;
    const was = before.get(p.id);
    const [b, a] = [was ? egressOf(was.doc) : OPEN, egressOf(p.doc)];
    const others = [...(dnsByNamespace.get(p.namespace) ?? [])].filter((id) => id !== p.id);
    const workloads = workloadsOf(p.doc);
    const flows = blockedFlows(workloads, b, a, inventory);
    let kind = classify(b, a, others.length > 0);
    if (flows.length && (kind === undefined || kind === 'egress-narrowed')) kind = 'flow-blocked';
    if (kind) out.push({ kind, document: p.index, path: ['spec'], label: p.id.replace(/\/\//, '/'), workloads, flows });
  }
  return out;
}

/** Firewall / security-group egress lists emptied or left without DNS. */
function firewallFindings(file: FileDiff): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const c of file.changes) {
    let at = -1;
    c.path.forEach((s, i) => {
      if (matchKey(s, EGRESS_LISTS)) at = i;
    });
    if (at === -1) continue;
    const path = c.path.slice(0, at + 1);
    if (!matchKey(c.path[at], ['securitygroupegress']) && !mentions([...path.filter((s) => typeof s === 'string'), file.path], FIREWALL_CONTEXT)) continue;
    const key = JSON.stringify([c.document, path]);
    if (seen.has(key)) continue;
    seen.add(key);
    const docAfter = file.after?.documents[c.document];
    if (isObject(docAfter) && POLICY_KINDS.includes(String(docAfter.kind))) continue;
    const [b, a] = [getAt(file.before?.documents[c.document], path), getAt(docAfter, path)];
    if (!Array.isArray(b) || b.length === 0 || !Array.isArray(a)) continue;
    const dns = (rules: unknown[]) => rules.some((r) => firewallRuleAllows(r, DNS_PORT));
    const kind: Kind | undefined = a.length === 0 ? 'egress-denied' : dns(b) && !dns(a) ? 'dns-blocked' : a.length < b.length ? 'egress-narrowed' : undefined;
    if (kind) out.push({ kind, document: c.document, path, label: pathToText(path), workloads: [], flows: [] });
  }
  return out;
}

/** Namespace → ids of the policies in the change (after side) that allow DNS out. */
function dnsAllowances(files: readonly FileDiff[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of files) {
    for (const p of policyDocs(f.after)) {
      const e = egressOf(p.doc);
      if (!e.restricted || !e.rules.some((r) => policyRuleAllows(r, DNS_PORT))) continue;
      const set = out.get(p.namespace) ?? new Set<string>();
      set.add(p.id);
      out.set(p.namespace, set);
    }
  }
  return out;
}

export const analyzeEgress: Analyzer = (files, ctx: AnalyzeContext) => {
  const dns = dnsAllowances(files);
  const out: Signal[] = [];
  for (const file of files) {
    if (!file.after || file.changes.length === 0) continue;
    for (const f of [...policyFindings(file, dns, ctx.inventory), ...firewallFindings(file)]) out.push(signalOf(file, f, ctx.inventory));
  }
  return out;
};

export default defineBuiltinAnalyzer({
  name: 'egress',
  doc: 'Outbound traffic: NetworkPolicy default-deny egress, egress rules emptied or left without DNS, firewall and security-group egress rules removed, flows the inventory says a workload needs.',
  signals: ['network'],
  analyze: analyzeEgress,
});
