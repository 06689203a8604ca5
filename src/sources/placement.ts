// Where a change's new configuration files land: the folders and configuration files the base
// had, and which files of the head side name each new file. Facts only; the analyzers decide
// what they mean (src/analyze/kit/placement.ts). Every source builds them with these functions.
import { posix } from 'node:path';
import type { FileDelta, Placement, Readers } from '../model.js';
import { globMatcher } from '../match.js';
import { classify, type FileFilter } from './filter.js';

/**
 * Files written for people: they name files without reading them (a README saying "edit
 * agent/config.yaml"), so they are never counted as a file's readers.
 */
export const NOT_READERS: readonly string[] = [
  '**/*.{md,markdown,mdx,rst,adoc,asciidoc,txt,html,htm}',
  '**/{LICENSE,LICENCE,NOTICE,CHANGELOG,CHANGES,AUTHORS,CONTRIBUTING,COPYING}{,.*}',
];

/** How far a source searches for readers; over these, the readers are not known (and the file is judged). */
export const READER_LIMITS = {
  /** Files whose text is read to see whether they name a new file. */
  maxCandidates: 400,
  /** Largest candidate read, bytes. */
  maxBytes: 1 << 20,
  /** Files a source without a search (two folders) reads to find the candidates. */
  maxFiles: 5000,
} as const;

const notReader = globMatcher(NOT_READERS, { nocase: true });

/** The folder of a repository path ('' for the top folder). */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Folders holding the files, ancestors included, sorted. */
export function foldersOf(paths: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const path of paths) {
    let dir = folderOf(path);
    for (;;) {
      if (out.has(dir)) break;
      out.add(dir);
      if (dir === '') break;
      dir = folderOf(dir);
    }
  }
  return [...out].sort();
}

/** The base side's folders and configuration files, from every path it holds. */
export function baseListing(paths: readonly string[], filter: FileFilter): Placement {
  return { baseFolders: foldersOf(paths), baseConfigFiles: paths.filter((p) => classify(p, filter) === 'config').sort() };
}

/** The new files whose readers are worth looking for: the change's added configuration files. */
export function addedFiles(files: readonly FileDelta[]): string[] {
  return files.filter((f) => f.status === 'added' && f.after !== undefined).map((f) => f.path);
}

/** The file name of a path. */
export function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const NAME_CHAR = /[A-Za-z0-9_.-]/;
const NAME_END = /[A-Za-z0-9_-]/;
const ALNUM = /[A-Za-z0-9]/;

/** `form` written in `text` as a whole path: not a piece of a longer name (`x-config.yaml`, `config.yaml.bak`). */
function written(text: string, form: string): boolean {
  for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
    const before = at === 0 ? '' : text[at - 1];
    const after = text[at + form.length] ?? '';
    const next = text[at + form.length + 1] ?? '';
    if (before !== '' && NAME_CHAR.test(before)) continue;
    if (after !== '' && (NAME_END.test(after) || (after === '.' && ALNUM.test(next)))) continue;
    return true;
  }
  return false;
}

/**
 * Whether the file at `reader` names `target`: by its repository path, by its path relative to
 * the reader's folder (`../base/new.yaml`, a compose file's `./agent/config.yaml`), by its folder
 * and name (`agent/config.yaml`, as a build context or a script run from elsewhere writes it), or
 * by its name alone from the same folder (a kustomization's `resources: [new.yaml]`).
 */
export function names(reader: string, text: string, target: string): boolean {
  const name = nameOf(target);
  if (!text.includes(name)) return false;
  const from = folderOf(reader);
  const dir = folderOf(target);
  // A top-level file's name alone, written in a subfolder, is that subfolder's own file.
  const forms = new Set([posix.relative(from || '.', target)]);
  if (dir !== '') forms.add(target).add(`${nameOf(dir)}/${name}`);
  for (const form of forms) if (written(text, form)) return true;
  return false;
}

/**
 * The readers of each target among the candidates (head-side files with their text): a file
 * never reads itself, and documentation is no reader.
 */
export function readersOf(
  targets: readonly string[],
  candidates: Iterable<{ path: string; text: string }>,
  inBase: (path: string) => boolean,
): Record<string, Readers> {
  const found = new Map<string, { existing: string[]; added: string[] }>(targets.map((t) => [t, { existing: [], added: [] }]));
  for (const { path, text } of candidates) {
    if (notReader(path)) continue;
    for (const target of targets) {
      if (path === target || !names(path, text, target)) continue;
      const entry = found.get(target)!;
      (inBase(path) ? entry.existing : entry.added).push(path);
    }
  }
  const out: Record<string, Readers> = Object.create(null);
  for (const [target, r] of found) out[target] = { existing: r.existing.sort(), added: r.added.sort() };
  return out;
}
