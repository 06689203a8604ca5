// Kubernetes RBAC rules are a set of grants (API group × resource × verb), however they are
// grouped: a generator (controller-gen) that regroups a role's rules removes entries and grants
// the same. Removed rules whose grants all remain are no mass removal (metallb/metallb 422685cf).
import { isObject } from '../kit/paths.js';
import { documentIdentity } from '../../diff/index.js';

/** Documents whose `rules` are RBAC grants. */
export const RBAC_KINDS: readonly string[] = ['Role', 'ClusterRole'];
/** The fields of a rule that multiply into grants; `resourceNames` narrows a grant to those names. */
const GRANT_FIELDS = { groups: 'apiGroups', resources: ['resources', 'nonResourceURLs'], verbs: 'verbs', names: 'resourceNames' } as const;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Every grant of a role's rules, as text. */
function grants(doc: unknown): Set<string> {
  const out = new Set<string>();
  const rules = isObject(doc) && Array.isArray(doc.rules) ? doc.rules : [];
  for (const rule of rules) {
    if (!isObject(rule)) continue;
    const groups = strings(rule[GRANT_FIELDS.groups]);
    const resources = GRANT_FIELDS.resources.flatMap((f) => strings(rule[f]));
    const names = strings(rule[GRANT_FIELDS.names]);
    for (const g of groups.length ? groups : ['']) {
      for (const r of resources) for (const v of strings(rule[GRANT_FIELDS.verbs])) for (const n of names.length ? names : ['*']) out.add(`${g}|${r}|${v}|${n}`);
    }
  }
  return out;
}

/** The before-side document of the same role as `after`: documents are paired by identity, as the diff pairs them, not by index. */
function sameRole(beforeDocs: readonly unknown[], after: Record<string, unknown>): unknown {
  const want = documentIdentity(after);
  return want === undefined ? undefined : beforeDocs.find((d) => documentIdentity(d) === want);
}

/** Whether the collection at `parent` is a role's rules and the after side still grants everything the before side did. */
export function rulesRegrouped(beforeDocs: readonly unknown[], after: unknown, parent: readonly (string | number)[]): boolean {
  if (parent.length !== 1 || parent[0] !== 'rules' || !isObject(after) || !RBAC_KINDS.includes(String(after.kind))) return false;
  const before = sameRole(beforeDocs, after);
  if (!isObject(before)) return false;
  const kept = grants(after);
  for (const g of grants(before)) if (!kept.has(g)) return false;
  return true;
}
