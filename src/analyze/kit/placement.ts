// Whether a new file reaches anything that runs today, from what the source saw of the base
// around it (src/sources/placement.ts). A file dropped into a folder of live configuration is read
// by whatever reads that folder (a drop-in, a glob, a `conf.d/`): it reaches what runs. A file in a
// folder the base did not have, or one that only files the change itself adds name (a new compose
// file mounting it, a new script copying it), is a new component's: nothing running reads it yet.
// Where the source could not tell (no listing, readers not searched), the file reaches what runs.
import type { FileDiff, Placement, Scope } from '../../model.js';
import type { AnalyzeContext } from '../types.js';

/** Why nothing running reads a new file. */
export interface NewComponent {
  /** `new-folder`: the base had no file in its folder; `new-readers`: only files the change adds name it. */
  reason: 'new-folder' | 'new-readers';
  /** The file's folder ('' for the top folder). */
  folder: string;
  /** For `new-readers`: the files naming it. */
  readers?: string[];
}

const folderSets = new WeakMap<Placement, ReadonlySet<string>>();

function baseFolders(placement: Placement): ReadonlySet<string> {
  let set = folderSets.get(placement);
  if (!set) folderSets.set(placement, (set = new Set(placement.baseFolders)));
  return set;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * The fact that a new file belongs to a new component, or undefined when it reaches what runs
 * (not a new file, something the base had names it, or nothing is known).
 */
export function newComponent(f: FileDiff, ctx: AnalyzeContext): NewComponent | undefined {
  const placement = ctx.repository?.placement;
  if (!placement || f.status !== 'added' || f.before !== undefined) return undefined;
  const readers = placement.readers && Object.hasOwn(placement.readers, f.path) ? placement.readers[f.path] : undefined;
  if (readers && readers.existing.length > 0) return undefined;
  const folder = folderOf(f.path);
  if (!baseFolders(placement).has(folder)) return { reason: 'new-folder', folder };
  if (readers && readers.added.length > 0) return { reason: 'new-readers', folder, readers: [...readers.added] };
  return undefined;
}

const shownFolder = (folder: string) => `${folder || '.'}/`;

/**
 * Why a new file is taken to reach what runs, when the source knew where it landed: for the
 * signal's `missing`, so a reviewer sees which fact would narrow it. Undefined otherwise.
 */
export function liveNewFileHint(f: FileDiff, ctx: AnalyzeContext): string | undefined {
  const placement = ctx.repository?.placement;
  if (!placement || f.status !== 'added' || f.before !== undefined || newComponent(f, ctx)) return undefined;
  const readers = placement.readers && Object.hasOwn(placement.readers, f.path) ? placement.readers[f.path] : undefined;
  if (readers && readers.existing.length > 0) {
    return `a new file named by ${readers.existing.slice(0, 3).join(', ')}, which the base had: taken to reach everything that runs`;
  }
  const searched = readers ? 'named by no other file' : 'readers not searched';
  return `a new file beside live configuration in ${shownFolder(folderOf(f.path))} (${searched}): taken to reach everything that reads that folder`;
}

/** The reach of a new component's setting: no traffic today. */
export function newComponentScope(c: NewComponent): Scope {
  return { dimension: 'component', targets: c.reason === 'new-folder' ? [shownFolder(c.folder)] : [...(c.readers ?? [])], share: 0, basis: 'config' };
}

/** The reach in words, for summaries. */
export function describeNewComponent(c: NewComponent): string {
  if (c.reason === 'new-folder') return `in a new component (${shownFolder(c.folder)}, a folder the base did not have; no traffic today)`;
  const readers = c.readers ?? [];
  const shown = readers.length > 3 ? `${readers.slice(0, 3).join(', ')} and ${readers.length - 3} more` : readers.join(', ');
  return `in a new component (named only by files this change adds: ${shown}; no traffic today)`;
}
