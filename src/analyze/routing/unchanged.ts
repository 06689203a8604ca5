// Who routes to a deleted pool among the files a change leaves as they are: the base searched by
// the pool's names (AnalyzeContext.unchangedBase), near the deleted declaration. Asked only when
// nothing in the change routes to the pool and the inventory gives it no load. And the hosts an
// unchanged entry point still routes in, when a deleted one's hosts look withdrawn.
import type { UnchangedBase } from '../types.js';
import { type Named, declared, names } from './declared.js';

export interface UnchangedUsers {
  /** Where unchanged files still route to the pool. */
  users: Array<{ file: string; path: string }>;
  /** An unchanged file declares the same pool: it is not gone. */
  redeclared: boolean;
}

/**
 * Near enough to be one configuration unit, for files outside the change: the same folder, a
 * folder above it (a routes file above its upstreams folder), or a folder just below it. Not the
 * whole tree under a root-level file: a repository of many apps is not one unit.
 */
export function nearUnchanged(deletedDir: string, dir: string): boolean {
  if (dir === deletedDir || dir === '' || deletedDir.startsWith(`${dir}/`)) return true;
  if (!dir.startsWith(deletedDir === '' ? '' : `${deletedDir}/`)) return false;
  return !dir.slice(deletedDir === '' ? 0 : deletedDir.length + 1).includes('/');
}

const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/** The fewest fixed strings that find every alias: one that holds another is found by it. */
function needlesOf(p: Named): string[] {
  const all = [...new Set([p.name, ...p.aliases].filter((a) => a.length > 0))];
  return all.filter((a) => !all.some((b) => b !== a && a.includes(b)));
}

/** Unchanged users of a deleted pool, undefined when the source cannot say. */
export function unchangedUsers(base: UnchangedBase | undefined, deletedDir: string, p: Named): UnchangedUsers | undefined {
  if (!base) return undefined;
  const files = base.containing(needlesOf(p), (path) => nearUnchanged(deletedDir, dirOf(path)));
  if (files === undefined) return undefined;
  const out: UnchangedUsers = { users: [], redeclared: false };
  for (const { path, documents } of files) {
    for (const doc of documents) {
      const d = declared(doc);
      if (d.pools.some((q) => names(q, p))) out.redeclared = true;
      for (const ref of d.refs) if (names(ref, p)) out.users.push({ file: path, path: ref.path.join('.') });
    }
  }
  return out;
}

/** Hosts that unchanged files of the base route in from outside (entry points), among `hosts`. */
export function unchangedServed(base: UnchangedBase | undefined, hosts: string[]): Set<string> {
  const files = base?.containing(hosts) ?? [];
  return new Set(files.flatMap((f) => f.documents.flatMap((d) => declared(d).served)).filter((h) => hosts.includes(h)));
}
