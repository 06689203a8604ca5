// The column of a finding: where on its line the value it speaks of is written. A finding's line
// is found from a path (the change's, the signal's, or an ancestor a policy pointed at), so the
// column is that of the deepest prefix of the path located on the same line.
import type { Change, ConfigFile, FileDiff, JsonPath, Signal } from '../model.js';

/**
 * The column of a finding on `line` of `file`: from the subject's own path, then (a signal's
 * line may be one of its changes': the removed pool of a traffic shift) from each change's.
 * A removal is looked for on the before side first, anything else on the after side first.
 */
export function columnOf(file: FileDiff, document: number, subject: { change?: Change; signal?: Signal }, line: number): number | undefined {
  const changes = subject.change ? [subject.change] : (subject.signal?.changes ?? []);
  const removed = changes.length > 0 && changes.every((c) => c.kind === 'removed');
  const candidates: Array<{ path: JsonPath; removed: boolean; document: number }> = [
    ...(subject.signal ? [{ path: subject.signal.path, removed, document }] : []),
    ...changes.map((c) => ({ path: c.path, removed: c.kind === 'removed', document: c.document })),
  ];
  for (const c of candidates) {
    for (const side of c.removed ? [file.before, file.after] : [file.after, file.before]) {
      const column = columnOn(side, c.document, c.path, line);
      if (column !== undefined) return column;
    }
  }
  return undefined;
}

/**
 * 1-based column of the deepest prefix of `path` that `located` puts on `line`, or undefined
 * when none does (the finding's line came from elsewhere: the caller falls back to the text).
 */
export function columnOn(located: ConfigFile | undefined, document: number, path: JsonPath, line: number): number | undefined {
  if (!located || line < 1 || document < 0 || document >= located.documents.length) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const at = located.locate(document, n === path.length ? path : path.slice(0, n));
    if (at.line === line) return at.column;
    // locate falls back to the nearest located ancestor: a line above ours ends the search.
    if (at.line < line) return undefined;
  }
  return undefined;
}

/** 1-based column of the first character on `line` that is not a space or a tab (1 on a blank line). */
export function firstColumn(text: string, line: number): number {
  let at = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return 1;
    at = next + 1;
  }
  let col = 1;
  while (text[at] === ' ' || text[at] === '\t') {
    at++;
    col++;
  }
  return text[at] === undefined || text[at] === '\n' || text[at] === '\r' ? 1 : col;
}

/**
 * Every finding on a line of a changed file gets a column: those the policies located keep theirs,
 * the others (the gate's own findings, a line a policy gave) point at the line's first character.
 */
export function withColumns<F extends { file: string; line: number; column?: number }>(
  findings: readonly F[],
  texts: (file: string) => string | undefined,
): F[] {
  return findings.map((f) => {
    if (f.column !== undefined || f.line < 1) return f;
    const text = texts(f.file);
    return text === undefined ? f : { ...f, column: firstColumn(text, f.line) };
  });
}
