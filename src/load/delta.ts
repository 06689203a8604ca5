// Both sides of one changed file, loaded: parsed, or recognised as a template (skipped, with the
// reason), and given a role (generated, describing) when the file is not plain configuration.
import type { ConfigFile, EditedLine, FileDelta, FileDiff, FileRole, Signal, SignalType, SkippedFile, TemplateEdit } from '../model.js';
import { SCHEMA_COMPATIBILITY_KINDS } from '../analyze/schema/vocabulary.js';
import { InputError, inputError } from '../errors.js';
import { parseConfigFile, type LoadLimits } from './index.js';
import { roleOf, schemasOf, templateBeforeParse, templateParseFailure, type GeneratorSource } from './role.js';

export type LoadedDelta =
  | { skipped: SkippedFile }
  | { before?: ConfigFile; after?: ConfigFile; role?: FileRole; beforeError?: InputError };

/**
 * Parses both sides. A template (by its folder, or a side that fails to parse and holds template
 * tags) is skipped, never an error. An after side that fails otherwise throws InputError (it
 * never passes); a before side that fails is a notice, and the file is compared as new.
 * `renderedFrom`: a generator source the change edits (its manifests are taken as rendered).
 */
export function loadDelta(delta: FileDelta, limits: Partial<LoadLimits>, renderedFrom?: GeneratorSource): LoadedDelta {
  const unreadable = delta.after?.unreadable;
  if (unreadable) throw inputError(delta.path, unreadable.reason, unreadable.line);
  const sides = [delta.before, delta.after].filter((s) => s?.text !== undefined);
  for (const side of sides) {
    const detail = templateBeforeParse(side!.path, side!.text!);
    if (detail) return { skipped: { path: delta.path, reason: 'template', detail } };
  }
  const unreadableBefore = delta.before?.unreadable;
  let beforeError = unreadableBefore ? inputError(delta.before!.path, unreadableBefore.reason, unreadableBefore.line) : undefined;
  let after: ConfigFile | undefined;
  let before: ConfigFile | undefined;
  if (delta.after?.text !== undefined) {
    try {
      after = parseConfigFile({ path: delta.after.path, text: delta.after.text, bytes: delta.after.bytes }, limits);
    } catch (error) {
      const detail = templateDetail(error, delta.after.text);
      if (detail) return { skipped: { path: delta.path, reason: 'template', detail } };
      throw error;
    }
  }
  if (delta.before?.text !== undefined) {
    try {
      before = parseConfigFile({ path: delta.before.path, text: delta.before.text, bytes: delta.before.bytes }, limits);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const detail = templateDetail(error, delta.before.text);
      if (detail) return { skipped: { path: delta.path, reason: 'template', detail } };
      // A file that was broken before and is being fixed is compared as a new file.
      beforeError = error;
    }
  }
  const role = roleOf(delta.path, { before: delta.before?.text, after: delta.after?.text }, { before, after }, renderedFrom);
  return { before, after, ...(role ? { role } : {}), ...(beforeError ? { beforeError } : {}) };
}

function templateDetail(error: unknown, text: string): string | undefined {
  if (!(error instanceof InputError)) return undefined;
  return templateParseFailure(text, error.message, error.line);
}

/**
 * The signals a file of each role is judged by: a generated file by size (the size and duplicate
 * policies read `size`), a describing document by the compatibility of its schemas only.
 */
export const JUDGED_SIGNALS: Readonly<Record<FileRole['kind'], { types: readonly SignalType[]; kinds?: readonly string[] }>> = {
  generated: { types: ['size'] },
  describes: { types: ['schema'], kinds: SCHEMA_COMPATIBILITY_KINDS },
};

/** Whether a change or signal at `document` lies in what the role covers (all of the file, or some documents). */
function covered(role: FileRole, document: number, wholeDocumentRemoved: boolean): boolean {
  if (!role.documents) return true;
  return (wholeDocumentRemoved ? role.documents.before : role.documents.after).includes(document);
}

/** Only what a file's role is judged by: generated files by size signals, describing documents by schema compatibility. */
export function judgedSignals(signals: readonly Signal[], files: readonly FileDiff[]): Signal[] {
  const roles = new Map(files.filter((f) => f.role).map((f) => [f.path, f.role!]));
  if (roles.size === 0) return [...signals];
  return signals.filter((s) => {
    const role = roles.get(s.file);
    if (role === undefined || !covered(role, s.document, s.path.length === 0 && s.changes.every((c) => c.kind === 'removed' && c.path.length === 0))) return true;
    const judged = JUDGED_SIGNALS[role.kind];
    return judged.types.includes(s.type) && (judged.kinds === undefined || judged.kinds.includes(s.kind));
  });
}

/**
 * What the analyzers are given of a file: a describing document's changes only where it holds
 * schemas (their compatibility is what it is judged by); a dashboard's edits are not read at all.
 */
export function analyzedChanges(file: FileDiff): FileDiff {
  if (file.role?.kind !== 'describes') return file;
  const role = file.role;
  const holdsSchemas = (c: FileDiff['changes'][number]) => {
    const removedWhole = c.kind === 'removed' && c.path.length === 0;
    if (!covered(role, c.document, removedWhole)) return true;
    return schemasOf((removedWhole ? file.before : file.after)?.documents[c.document]) !== undefined;
  };
  return { ...file, changes: file.changes.filter(holdsSchemas) };
}

/** The changes put to the change policies: none of a generated or describing file, or of its describing documents. */
export function judgedChanges(file: FileDiff): FileDiff {
  if (!file.role) return file;
  const role = file.role;
  return { ...file, changes: role.documents ? file.changes.filter((c) => !covered(role, c.document, c.kind === 'removed' && c.path.length === 0)) : [] };
}

/**
 * The lines a change to a template file removes and adds, compared whole as a multiset (a line
 * that only moved is neither; blank lines are left out). Undefined when the change only removes
 * or only adds: what reads it (analyze/kit/lifted.ts) pairs a removed line with an added one.
 */
export function templateEdit(delta: FileDelta): TemplateEdit | undefined {
  const before = linesOf(delta.before?.text);
  const after = linesOf(delta.after?.text);
  const removed = unmatched(before, after);
  const added = removed.length > 0 ? unmatched(after, before) : [];
  return added.length > 0 ? { path: delta.path, removed, added } : undefined;
}

function linesOf(text: string | undefined): string[] {
  return text === undefined ? [] : text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** The lines of `side` (with their numbers and anchors) left once each line of `other` has matched one equal line. */
function unmatched(side: readonly string[], other: readonly string[]): EditedLine[] {
  const left = new Map<string, number>();
  for (const text of other) left.set(text, (left.get(text) ?? 0) + 1);
  const out: EditedLine[] = [];
  let anchor: string | undefined;
  side.forEach((text, i) => {
    const n = left.get(text) ?? 0;
    if (n > 0) {
      left.set(text, n - 1);
      if (text.trim() !== '') anchor = text;
    } else if (text.trim() !== '') out.push({ line: i + 1, text, ...(anchor === undefined ? {} : { anchor }) });
  });
  return out;
}
