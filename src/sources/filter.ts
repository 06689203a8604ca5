import { globMatcher } from '../match.js';
import type { FileBlob, FileDelta, FileStatus, SkippedFile } from '../model.js';
import { ALWAYS_IGNORED, NOT_CONFIG_BY_DEFAULT } from './not-config.js';

/** Which changed files are configuration: `files` globs, minus `ignore` globs (repository-relative). */
export interface FileFilter {
  files: string[];
  ignore: string[];
  /** With nested configs: the filter of the config that governs a path, which decides for it. */
  route?: (path: string) => FileFilter;
}

export const DEFAULT_FILTER: FileFilter = {
  files: [
    '**/*.{yaml,yml,json,json5}',
    // Formats that carry production settings, by the names they go by (see src/load/formats/).
    '**/{application,bootstrap,log4j}*.properties',
    '**/{logback,log4j}*.xml',
    '**/*.toml',
    '**/{.env,.env.*,*.env}',
    '**/*.ini',
  ],
  ignore: [...ALWAYS_IGNORED, ...NOT_CONFIG_BY_DEFAULT],
};

/**
 * The filter a config gets: its `files` (else the default), and its `ignore` added to the
 * built-in ones. Files that describe rather than configure (CI, tool configs, package manifests,
 * lockfiles) are left out only while `files` is the default: a config naming `files` decides.
 */
export function filterFor(files: string[] | undefined, ignore: string[] | undefined): FileFilter {
  return {
    files: files ?? DEFAULT_FILTER.files,
    ignore: [...(files ? ALWAYS_IGNORED : DEFAULT_FILTER.ignore), ...(ignore ?? [])],
  };
}

interface Compiled {
  files: (path: string) => boolean;
  ignore: (path: string) => boolean;
}

const compiled = new WeakMap<FileFilter, Compiled>();

function compile(filter: FileFilter): Compiled {
  let c = compiled.get(filter);
  if (!c) {
    c = { files: globMatcher(filter.files), ignore: globMatcher(filter.ignore) };
    compiled.set(filter, c);
  }
  return c;
}

/** 'config' when the path is matched by `files` and not by `ignore`. */
export function classify(path: string, filter: FileFilter): 'config' | 'ignored' | 'not-config' {
  if (filter.route) return classify(path, filter.route(path));
  const c = compile(filter);
  if (c.ignore(path)) return 'ignored';
  return c.files(path) ? 'config' : 'not-config';
}

export function matchesFilter(path: string, filter: FileFilter): boolean {
  return classify(path, filter) === 'config';
}

/** Whether everything below folder `dir` is ignored (so a walk need not enter it). */
export function ignoresFolder(dir: string, filter: FileFilter): boolean {
  if (filter.route) return ignoresFolder(dir, filter.route(`${dir}/\u0001probe`));
  // Two made-up levels: a pattern that ignores any file at any depth below `dir` matches them.
  return compile(filter).ignore(`${dir}/\u0001probe/\u0001probe`);
}

export interface PlacedDelta {
  status: FileStatus;
  path: string;
  oldPath?: string;
  kind: ReturnType<typeof classify>;
  /** The other name of a rename across the filter, which does not count. */
  skipped?: SkippedFile;
  /** A rename out of the configuration: the name it went to. */
  movedTo?: string;
}

/**
 * A changed file once the filter is applied. A rename out of the configuration
 * (a.yaml → a.yaml.bak) is the deletion of a config file, marked as moved out (a finding of
 * its own); a rename into it, an addition.
 */
export function placeDelta(status: FileStatus, path: string, oldPath: string | undefined, filter: FileFilter): PlacedDelta {
  const kind = classify(path, filter);
  if (status === 'renamed' && oldPath !== undefined) {
    const oldKind = classify(oldPath, filter);
    if (kind !== 'config' && oldKind === 'config') {
      return { status: 'deleted', path: oldPath, kind: 'config', skipped: { path, reason: kind }, movedTo: path };
    }
    if (kind === 'config' && oldKind !== 'config') return { status: 'added', path, kind };
  }
  return { status, path, ...(oldPath !== undefined ? { oldPath } : {}), kind };
}

/**
 * Adds a read delta to a change set's lists. A file binary on both sides, added binary or
 * deleted while binary is skipped; one that turns binary, or whose after side cannot be read as
 * text, is kept with the reason (`unreadable`), so that it is judged as a file that does not parse.
 */
export function admitDelta(
  out: { files: FileDelta[]; skipped: SkippedFile[] },
  delta: FileDelta,
  before: FileBlob | undefined,
  after: FileBlob | undefined,
): void {
  if ((before?.binary && (!after || after.binary)) || (after?.binary && (!before || before.binary))) {
    out.skipped.push({ path: delta.path, reason: 'binary' });
    return;
  }
  if (before) delta.before = before;
  if (after) delta.after = after;
  out.files.push(delta);
}

/**
 * Folders have no renames: a file deleted in one folder and a file of the same name added in
 * another, each the only one of its name on its side and sharing at least half their lines (git's
 * -M threshold), is a move — one rename with its edits, not a deletion beside a new file.
 */
export function pairMoves(files: FileDelta[]): FileDelta[] {
  const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const unique = (status: FileStatus) => {
    const by = new Map<string, FileDelta | null>();
    for (const f of files) if (f.status === status && !f.movedTo) by.set(base(f.path), by.has(base(f.path)) ? null : f);
    return by;
  };
  const gone = unique('deleted');
  const added = unique('added');
  const moved = new Set<FileDelta>();
  const out: FileDelta[] = [];
  for (const f of files) {
    const from = f.status === 'added' && added.get(base(f.path)) === f ? gone.get(base(f.path)) : undefined;
    if (!from?.before?.text || f.after?.text === undefined || !similar(from.before.text, f.after.text)) {
      out.push(f);
      continue;
    }
    moved.add(from);
    out.push({ status: 'renamed', path: f.path, oldPath: from.path, before: from.before, after: f.after });
  }
  return out.filter((f) => !moved.has(f));
}

/** At least half the lines of the longer text are lines of the other. */
function similar(a: string, b: string): boolean {
  const left = new Map<string, number>();
  const linesA = a.split('\n');
  const linesB = b.split('\n');
  for (const line of linesA) left.set(line, (left.get(line) ?? 0) + 1);
  let shared = 0;
  for (const line of linesB) {
    const n = left.get(line) ?? 0;
    if (n > 0) {
      shared++;
      left.set(line, n - 1);
    }
  }
  return shared * 2 >= Math.max(linesA.length, linesB.length);
}
