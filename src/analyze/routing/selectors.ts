// A Kubernetes Service's selector against the pods it serves: changed so that no workload it
// selected matches any more (or the workloads' labels changed under it) → the Service has no
// endpoints. The pods' labels come from the workloads of the change (any file) and the
// inventory's `workloads`; with none known, the change is reported with the fact that is missing.
import type { Change, FileDiff } from '../../model.js';
import type { Inventory } from '../types.js';
import { getAt, isObject } from '../kit/paths.js';
import { matchValue } from '../kit/keys.js';
import { describeScope, scopeWithHints } from '../kit/scope.js';
import { type Ctx, emit } from './context.js';
import { POD_LABEL_PATHS, SELECTING_KINDS, WORKLOAD_KINDS } from './vocabulary.js';

interface Workload {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
}

type Labels = Record<string, string>;
const asLabels = (v: unknown): Labels | undefined => (isObject(v) && Object.values(v).every((x) => typeof x === 'string') ? (v as Labels) : undefined);
const nsOf = (doc: Record<string, unknown>): string | undefined => {
  const ns = getAt(doc, ['metadata', 'namespace']);
  return typeof ns === 'string' ? ns : undefined;
};

/** The workloads of one side of the change, with the inventory's. */
function workloadsOf(files: readonly FileDiff[], side: 'before' | 'after', inv: Inventory | undefined): Workload[] {
  const out: Workload[] = Object.entries(inv?.workloads ?? {}).map(([name, w]) => ({ name, namespace: w.namespace, labels: w.labels }));
  for (const f of files) {
    for (const doc of f[side]?.documents ?? []) {
      if (!isObject(doc) || !matchValue(doc.kind, WORKLOAD_KINDS)) continue;
      const labels = POD_LABEL_PATHS.map((p) => asLabels(getAt(doc, [...p]))).find(Boolean);
      if (labels) out.push({ name: `${String(doc.kind)}/${String(getAt(doc, ['metadata', 'name']) ?? '?')}`, namespace: nsOf(doc), labels });
    }
  }
  return out;
}

const selects = (sel: Labels, ns: string | undefined, w: Workload): boolean =>
  (!ns || !w.namespace || ns === w.namespace) && Object.entries(sel).every(([k, v]) => w.labels[k] === v);
const show = (sel: Labels): string => `{${Object.entries(sel).map(([k, v]) => `${k}: ${v}`).join(', ')}}`;

/** Services of this file whose selector (or whose pods' labels) changed. */
export function analyzeSelectors(x: Ctx): void {
  const { f } = x;
  if (!f.before || !f.after) return;
  let sides: { before: Workload[]; after: Workload[] } | undefined;
  f.after.documents.forEach((doc, d) => {
    if (!isObject(doc) || !matchValue(doc.kind, SELECTING_KINDS)) return;
    const before = f.before!.documents[d];
    const sa = asLabels(getAt(doc, ['spec', 'selector']));
    const sb = isObject(before) && before.kind === doc.kind ? asLabels(getAt(before, ['spec', 'selector'])) : undefined;
    if (!sa || !sb || Object.keys(sa).length === 0) return;
    sides ??= { before: workloadsOf(x.files, 'before', x.ctx.inventory), after: workloadsOf(x.files, 'after', x.ctx.inventory) };
    judge(x, d, doc, sb, sa, sides);
  });
}

function judge(x: Ctx, d: number, doc: Record<string, unknown>, sb: Labels, sa: Labels, w: { before: Workload[]; after: Workload[] }): void {
  const ns = nsOf(doc);
  const name = String(getAt(doc, ['metadata', 'name']) ?? 'service');
  const changed = show(sb) !== show(sa);
  const mb = w.before.filter((x_) => selects(sb, ns, x_));
  const ma = w.after.filter((x_) => selects(sa, ns, x_));
  const at = x.f.changes.find((c) => c.document === d && c.path[0] === 'spec' && c.path[1] === 'selector') ?? firstWorkloadChange(x, mb);
  if (!at) return;
  const path = ['spec', 'selector'];
  const { scope, missing } = scopeWithHints(x.f.path, path, doc, x.ctx.inventory);
  if (mb.length > 0 && ma.length === 0) {
    emit(x, {
      kind: 'pool-emptied', direction: 'risky', at, path, scope, missing, pathText: 'spec.selector', line: x.f.after!.locate(d, path).line,
      summary: `Service ${name}: selector ${show(sa)} matches no pod any more (it selected ${mb.map((m) => m.name).join(', ')}) ${describeScope(scope)}`,
      data: { pool: name, before: mb.length, after: 0, entries: mb.map((m) => m.name), selector: { from: sb, to: sa } },
    });
  } else if (changed && mb.length === 0 && ma.length === 0) {
    emit(x, {
      kind: 'selector-changed', direction: 'risky', at, path, scope, pathText: 'spec.selector', line: x.f.after!.locate(d, path).line,
      missing: [`the labels of the pods Service ${name} serves (inventory workloads.<name>.labels, or the workload in the same change) to know whether ${show(sa)} still selects them`],
      summary: `Service ${name}: selector ${show(sb)} → ${show(sa)}; which pods it selects is not known`,
      data: { service: name, from: sb, to: sa },
    });
  }
}

/** Where a workload's labels changed under an unchanged selector: the change to its labels in this file. */
function firstWorkloadChange(x: Ctx, matched: Workload[]): Change | undefined {
  if (matched.length === 0) return undefined;
  const isWorkload = (d: number) => {
    const doc = x.f.after?.documents[d];
    return isObject(doc) && matchValue(doc.kind, WORKLOAD_KINDS);
  };
  return x.f.changes.find((c) => c.path.includes('labels') && isWorkload(c.document));
}
