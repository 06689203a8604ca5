// Route 53 failover records (CloudFormation RecordSets, change batches, Terraform JSON): per
// record name and type, the PRIMARY and SECONDARY targets before and after. The primary's target
// changed (or the primary removed) moves all of its traffic; the secondary removed, made the same
// as the primary, or the primary's health check removed leaves nothing to fail over to.
import type { Change, JsonPath } from '../../model.js';
import { isObject } from '../kit/paths.js';
import { describeScope, scopeWithHints } from '../kit/scope.js';
import { type Ctx, emit } from './context.js';
import { checkCapacity } from './load.js';
import { FAILOVER_RECORD as R } from './vocabulary.js';
import { entriesOf } from '../kit/entries.js';

interface Rec {
  role: 'PRIMARY' | 'SECONDARY';
  target: string;
  checked: boolean;
  path: JsonPath;
}
type Groups = Map<string, Partial<Record<Rec['role'], Rec>>>;

const first = (o: Record<string, unknown>, fields: readonly string[]): unknown => fields.map((f) => o[f]).find((v) => v !== undefined);

function roleOf(o: Record<string, unknown>): Rec['role'] | undefined {
  let role = first(o, R.roleFields);
  const policy = first(o, R.policyFields);
  const p = Array.isArray(policy) ? policy[0] : policy;
  if (role === undefined && isObject(p)) role = first(p, R.policyType);
  return role === R.primary || role === R.secondary ? role : undefined;
}

function targetOf(o: Record<string, unknown>): string {
  const alias = first(o, R.aliasFields);
  const a = Array.isArray(alias) ? alias[0] : alias;
  if (isObject(a) && typeof first(a, R.aliasName) === 'string') return first(a, R.aliasName) as string;
  const values = first(o, R.valueLists);
  if (Array.isArray(values)) return values.map((v) => (isObject(v) ? String(v[R.recordValue]) : String(v))).sort().join(',');
  return '?';
}

/** Failover records of a document, grouped by record name and type. */
function records(doc: unknown, path: JsonPath = [], out: Groups = new Map()): Groups {
  if (Array.isArray(doc)) doc.forEach((v, i) => records(v, [...path, i], out));
  else if (isObject(doc)) {
    const role = roleOf(doc);
    if (role) {
      const key = `${String(first(doc, R.name) ?? '')} ${String(first(doc, R.type) ?? '')}`.trim();
      const g = out.get(key) ?? {};
      g[role] = { role, target: targetOf(doc), checked: first(doc, R.healthCheck) !== undefined, path };
      out.set(key, g);
    } else for (const [k, v] of entriesOf(doc)) records(v, [...path, k], out);
  }
  return out;
}

export function analyzeFailoverRecords(x: Ctx): void {
  const { f } = x;
  if (!f.before || !f.after) return;
  f.after.documents.forEach((doc, d) => {
    const gb = records(f.before!.documents[d]);
    const ga = records(doc);
    for (const [name, b] of gb) judge(x, d, doc, name, b, ga.get(name) ?? {});
  });
}

function judge(x: Ctx, d: number, doc: unknown, name: string, b: Partial<Record<Rec['role'], Rec>>, a: Partial<Record<Rec['role'], Rec>>): void {
  const at = (p?: JsonPath): Change | undefined => x.f.changes.find((c) => c.document === d && (!p || p.every((s, i) => c.path[i] === s)));
  const oldPrimary = b.PRIMARY?.target;
  const newPrimary = a.PRIMARY?.target ?? a.SECONDARY?.target;
  if (oldPrimary && newPrimary && oldPrimary !== newPrimary) {
    const c = at(a.PRIMARY?.path) ?? at(b.PRIMARY?.path) ?? at();
    if (c) return shifted(x, c, doc, name, oldPrimary, newPrimary);
  }
  const lost = !b.SECONDARY ? undefined
    : !a.SECONDARY ? 'the SECONDARY record removed'
    : a.SECONDARY.target === a.PRIMARY?.target ? 'the SECONDARY now points at the PRIMARY\'s target'
    : b.PRIMARY?.checked && a.PRIMARY && !a.PRIMARY.checked ? 'the PRIMARY\'s health check removed, so it never fails over' : undefined;
  const c = lost && (at(a.PRIMARY?.path) ?? at(b.SECONDARY?.path) ?? at());
  if (!lost || !c) return;
  const { scope, missing } = scopeWithHints(x.f.path, c.path, doc, x.ctx.inventory);
  const left = a.PRIMARY?.path;
  emit(x, {
    kind: 'failover-removed', direction: 'risky', at: c, path: left ?? c.path, scope, missing,
    ...(left ? { line: x.f.after!.locate(d, left).line } : {}),
    summary: `record ${name}: ${lost}; nothing takes ${oldPrimary ?? 'its'} traffic if it fails ${describeScope(scope)}`,
    data: { record: name, primary: a.PRIMARY?.target, secondary: b.SECONDARY?.target, reason: lost },
  });
}

/** The PRIMARY's target changed: every request moves, onto a target that may not carry it. */
function shifted(x: Ctx, c: Change, doc: unknown, name: string, from: string, to: string): void {
  const { scope, missing } = scopeWithHints(x.f.path, c.path, doc, x.ctx.inventory);
  const capMissing = checkCapacity(x, c, c.path, scope, [{ label: from, names: [from], fraction: 1 }], [{ label: to, names: [to], gain: 100 }], { record: name });
  emit(x, {
    kind: 'traffic-shifted', direction: 'risky', at: c, path: c.path, scope, missing: [...missing, ...capMissing],
    summary: `record ${name}: PRIMARY ${from} → ${to}, all of its traffic moves ${describeScope(scope)}`,
    data: { moved: 100, before: { [from]: 100 }, after: { [to]: 100 }, sources: [from], receivers: [to], record: name },
  });
}
