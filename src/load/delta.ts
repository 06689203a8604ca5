// Both sides of one changed file, loaded: parsed, or recognised as a template (skipped, with the
// reason), and given a role (generated, describing) when the file is not plain configuration.
import type { ConfigFile, FileDelta, FileRole, SignalType, SkippedFile } from '../model.js';
import { InputError, inputError } from '../errors.js';
import { parseConfigFile, type LoadLimits } from './index.js';
import { roleOf, templateBeforeParse, templateParseFailure } from './role.js';

export type LoadedDelta =
  | { skipped: SkippedFile }
  | { before?: ConfigFile; after?: ConfigFile; role?: FileRole; beforeError?: InputError };

/**
 * Parses both sides. A template (by its folder, or a side that fails to parse and holds template
 * tags) is skipped, never an error. An after side that fails otherwise throws InputError (it
 * never passes); a before side that fails is a notice, and the file is compared as new.
 */
export function loadDelta(delta: FileDelta, limits: Partial<LoadLimits>): LoadedDelta {
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
  const role = roleOf(delta.path, { before: delta.before?.text, after: delta.after?.text }, { before, after });
  return { before, after, ...(role ? { role } : {}), ...(beforeError ? { beforeError } : {}) };
}

function templateDetail(error: unknown, text: string): string | undefined {
  if (!(error instanceof InputError)) return undefined;
  return templateParseFailure(text, error.message, error.line);
}

/** The signals a file of each role is judged by (the size and duplicate policies read `size`). */
export const JUDGED_SIGNALS: Readonly<Record<FileRole['kind'], readonly SignalType[]>> = {
  generated: ['size'],
  describes: [],
};
