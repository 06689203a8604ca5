// A deleted file or a removed document is the removal of everything it declared, judged as the
// same removals made in place would be: a pool still routed to (or carrying load, says the
// inventory) with nothing left to serve it is emptied; members of a pool that survives elsewhere
// are removed, and the rest must carry their share; an entry point's hosts that nothing else
// routes in any more are withdrawn. What moved to another file of the change is no removal, and
// a whole service taken out with its routes (a decommission) is the deletion analyzer's business.
import type { Change, FileDiff, Scope } from '../../model.js';
import type { Inventory } from '../types.js';
import { describeScope, scopeWithHints } from '../kit/scope.js';
import { isObject } from '../kit/paths.js';
import { matchKey } from '../kit/keys.js';
import { POOL_DECLARATIONS } from './vocabulary.js';
import { type Ctx, emit, findPool, fmt, round } from './context.js';
import { type Declared, type MemberSet, type Named, type PoolDecl, declared, names } from './declared.js';
import { unchangedServed, unchangedUsers } from './unchanged.js';

interface Side {
  f: FileDiff;
  dir: string;
  d: Declared;
}
interface Survivors {
  /** The pool itself is declared on the after side. */
  declared: boolean;
  /** Its members are known on the after side (declared with it, or in member sets). */
  membersKnown: boolean;
  members: Set<string>;
  caps: Record<string, number>;
}
interface Removal extends Side {
  c: Change;
  doc: unknown;
}

const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
/** One configuration unit: the same folder, or one folder holding the other (a routes file above its upstreams folder). */
const near = (a: string, b: string): boolean => a === b || a === '' || b === '' || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

function removals(files: readonly FileDiff[]): Removal[] {
  const out: Removal[] = [];
  for (const f of files) {
    for (const c of f.changes) {
      if (c.kind !== 'removed') continue;
      const dir = dirOf(f.oldPath ?? f.path);
      if (c.path.length === 0) {
        const doc = f.before?.documents[c.document];
        out.push({ f, c, doc, dir, d: declared(doc) });
      } else if (isPoolEntry(c)) {
        // One pool entry removed in place: read as its collection holding it alone; only the pool counts.
        const [key, last] = [c.path[c.path.length - 2] as string, c.path[c.path.length - 1]!];
        const d = declared({ [key]: typeof last === 'number' ? [c.before] : { [last]: c.before } });
        if (d.pools.length) out.push({ f, c, doc: f.before?.documents[c.document], dir, d: { ...d, sets: [], entries: [], refs: [] } });
      }
    }
  }
  return out;
}

/** A removed entry of a pool collection (`upstreams[name=chat]`, `clusters[name=api]`, Traefik `services.chat`). */
function isPoolEntry(c: Change): boolean {
  return c.path.length >= 2 && isObject(c.before) && matchKey(c.path[c.path.length - 2], POOL_DECLARATIONS);
}

function afterSides(files: readonly FileDiff[]): Side[] {
  return files.flatMap((f) => (f.after?.documents ?? []).map((doc) => ({ f, dir: dirOf(f.path), d: declared(doc) })));
}

/** The judge of one change set's removed declarations. */
class Judge {
  private readonly after: Side[];

  constructor(
    files: readonly FileDiff[],
    private readonly removed: Removal[],
    private readonly base: Omit<Ctx, 'f'>,
  ) {
    this.after = afterSides(files);
  }

  private x(f: FileDiff): Ctx {
    return { ...this.base, f };
  }

  private get inv(): Inventory | undefined {
    return this.base.ctx.inventory;
  }

  run(): void {
    for (const r of this.removed) {
      for (const p of r.d.pools) this.pool(r, p);
      for (const s of r.d.sets) this.memberSet(r, s);
      for (const e of r.d.entries) this.entry(r, e);
    }
  }

  /** Who still routes to a pool on the after side, in the same configuration unit. */
  private users(r: Removal, p: Named): Array<{ file: string; path: string }> {
    return this.after.filter((s) => near(s.dir, r.dir)).flatMap((s) => s.d.refs.filter((ref) => names(ref, p)).map((ref) => ({ file: s.f.path, path: ref.path.join('.') })));
  }

  private invLoad(p: Named): number | undefined {
    const hit = findPool(this.inv, [p.name, ...p.aliases]);
    return hit?.pool.load !== undefined && hit.pool.load > 0 ? hit.pool.load : undefined;
  }

  /** A pool's members on the after side (its declarations and member sets), and in the inventory's host registry. */
  private survivors(r: Removal, p: Named): Survivors {
    const left: Survivors = { declared: false, membersKnown: false, members: new Set<string>(), caps: {} };
    const add = (members: string[] | undefined, caps: Record<string, number>): void => {
      if (members === undefined) return;
      left.membersKnown = true;
      members.forEach((m) => left.members.add(m));
      Object.assign(left.caps, caps);
    };
    for (const s of this.after.filter((a) => near(a.dir, r.dir))) {
      for (const q of s.d.pools.filter((q) => names(q, p))) {
        left.declared = true;
        add(q.members, q.caps);
      }
      for (const q of s.d.sets.filter((q) => names(q, p))) add(q.members, q.caps);
    }
    return left;
  }

  /** Whether a pool is removed by this change (its declaration deleted too): then its members go with it. */
  private poolRemoved(p: Named): boolean {
    return this.removed.some((r) => r.d.pools.some((q) => names(q, p)));
  }

  private pool(r: Removal, p: PoolDecl): void {
    const left = this.survivors(r, p);
    if (left.membersKnown) {
      if (p.members) this.membersGone(r, p, p.what, p.members, left, { ...p.caps, ...left.caps }, p.load);
      return;
    }
    if (!left.declared) this.emptied(r, p, p.what, p.members?.length);
  }

  private memberSet(r: Removal, s: MemberSet): void {
    if (this.poolRemoved(s)) return;
    const left = this.survivors(r, s);
    const hosts = this.registryHosts(s).filter((h) => !s.members.includes(h));
    hosts.forEach((h) => left.members.add(h));
    if (left.members.size > 0) return this.membersGone(r, s, s.what, s.members, left, { ...s.caps, ...left.caps }, undefined);
    // Endpoints, slices and load assignments only exist for a pool declared elsewhere, which this change keeps.
    const declaredElsewhere = s.what !== 'Consul service instance';
    this.emptied(r, s, s.what, s.members.length, declaredElsewhere);
  }

  /** Hosts of the inventory's registry serving in a pool. */
  private registryHosts(p: Named): string[] {
    return Object.entries(this.inv?.hosts ?? {}).filter(([, h]) => h.pool !== undefined && [p.name, ...p.aliases].includes(h.pool)).map(([n]) => n);
  }

  /** A pool gone with nothing left to serve it: emptied when something still routes to it or it carries load. */
  private emptied(r: Removal, p: Named, what: string, members: number | undefined, kept = false): void {
    let users = this.users(r, p);
    const load = this.invLoad(p);
    let unchanged = false;
    if (users.length === 0 && load === undefined && !kept) {
      // Nothing in the change routes to it: ask the base whether a file the change leaves as it is does.
      const base = unchangedUsers(this.base.ctx.unchangedBase, r.dir, p);
      if (base === undefined || base.redeclared || base.users.length === 0) return;
      [users, unchanged] = [base.users, true];
    }
    const why = users.length
      ? `still routed to by ${users[0]!.file} (${users[0]!.path})${unchanged ? ', which this change leaves as it is' : ''}`
      : load !== undefined ? `it carries ${fmt(load)} rps (inventory pools.${p.name}.load)` : 'the pool it serves is kept';
    const { scope, missing } = scopeWithHints(r.f.path, r.c.path, r.doc, this.inv);
    emit(this.x(r.f), {
      kind: 'pool-emptied', direction: 'risky', at: r.c, path: r.c.path, scope, missing,
      summary: `${p.name}: ${what} ${r.f.after ? 'removed' : 'deleted with its file'}, nothing else serves it and ${why} ${describeScope(scope)}`,
      data: { pool: p.name, before: members ?? 1, after: 0, entries: [p.name], declaredBy: what, usedBy: users.slice(0, 5), ...(unchanged ? { usedByUnchanged: true } : {}), ...(load !== undefined ? { load } : {}) },
    });
  }

  private capOf(m: string, caps: Record<string, number>): number | undefined {
    return this.inv?.hosts?.[m]?.capacity ?? this.inv?.pools?.[m]?.capacity ?? caps[m];
  }

  /** Members removed from a pool that survives: routes-removed, and whether the rest carry its load. */
  private membersGone(r: Removal, p: Named, what: string, before: string[], left: Survivors, caps: Record<string, number>, declaredLoad: number | undefined): void {
    const gone = before.filter((m) => !left.members.has(m));
    if (gone.length === 0) return;
    const rest = [...left.members];
    if (rest.length === 0) return this.emptied(r, p, what, before.length, true);
    const total = rest.length + gone.length;
    const { scope: base } = scopeWithHints(r.f.path, r.c.path, r.doc, this.inv);
    const scope: Scope = { ...base, share: round((base.share * gone.length) / total), basis: base.basis === 'assumed' ? 'config' : base.basis, targets: gone };
    const load = findPool(this.inv, [p.name, ...p.aliases])?.pool.load ?? declaredLoad;
    const restCaps = rest.map((m) => this.capOf(m, caps));
    const known = restCaps.every((c) => c !== undefined) && load !== undefined;
    const missing = known ? [] : [`the capacity of the members left in ${p.name} and its peak load (inventory hosts.<name>.capacity with pool ${p.name}, pools.${p.name}.load) to check they carry the share of the ${gone.length} removed`];
    const x = this.x(r.f);
    emit(x, {
      kind: 'routes-removed', direction: 'risky', at: r.c, path: r.c.path, scope, missing,
      summary: `${p.name}: ${gone.length} of ${total} backends removed with ${r.f.path} (${gone.slice(0, 5).join(', ')}), ${rest.length} left ${describeScope(scope)}`,
      data: { service: p.name, removed: gone, remaining: rest.length, before: total, after: rest.length },
    });
    if (!known) return;
    const capacity = restCaps.reduce<number>((a, c) => a + c!, 0);
    const limit = Math.round(capacity * (1 - x.headroom / 100));
    if (load! <= limit) return;
    emit(x, {
      kind: 'pool-overloaded', direction: 'risky', at: r.c, path: r.c.path, scope: { ...scope, targets: [p.name] },
      summary: `pool ${p.name}: ${gone.length} of ${total} backends removed, peak ${fmt(load!)} rps on the ${rest.length} left against capacity ${fmt(capacity)} (limit ${fmt(limit)} with ${x.headroom}% headroom)`,
      data: { pool: p.name, projected: load, capacity, limit, unit: 'rps', load, added: Math.round((load! * gone.length) / total), headroom: x.headroom, removed: gone },
    });
  }

  /** An entry point deleted: the hosts nothing on the after side routes in any more, when its backends stay. */
  private entry(r: Removal, e: Declared['entries'][number]): void {
    if (e.backends.length === 0 || e.backends.some((b) => this.removed.some((x) => x.d.pools.some((p) => names(b, p)) || x.d.sets.some((s) => names(b, s))))) return;
    const served = new Set(this.after.flatMap((s) => s.d.served));
    let gone = e.hosts.filter((h) => !served.has(h));
    // A host an unchanged file of the base still routes in is not withdrawn (a second Ingress, a gateway route).
    if (gone.length) gone = gone.filter((h) => !unchangedServed(this.base.ctx.unchangedBase, gone).has(h));
    if (gone.length === 0) return;
    const { scope, missing } = scopeWithHints(r.f.path, r.c.path, r.doc, this.inv);
    emit(this.x(r.f), {
      kind: 'routes-withdrawn', direction: 'risky', at: r.c, path: r.c.path, scope, missing,
      summary: `${e.what} ${e.name}: ${r.f.after ? 'removed' : 'deleted with its file'}, the hosts it routed in (${gone.slice(0, 5).join(', ')}) are routed by nothing else while their backends stay ${describeScope(scope)}`,
      data: { service: e.name, prefixes: gone, before: e.hosts.length, after: e.hosts.length - gone.length, hosts: gone },
    });
  }
}

/** The routing signals of the declarations a change set removes (deleted files, removed documents). */
export function analyzeRemovedDeclarations(files: readonly FileDiff[], base: Omit<Ctx, 'f'>): void {
  const removed = removals(files);
  if (removed.length === 0 || removed.every((r) => r.d.pools.length + r.d.sets.length + r.d.entries.length === 0)) return;
  new Judge(files, removed, base).run();
}
