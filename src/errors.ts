const INPUT_ERROR = Symbol.for('configgate.InputError');

/**
 * A problem with what the user gave us (a file, a ref, a config, an argument).
 * Front ends print `message` on one line and exit 2; never a stack trace.
 * The message names the file (and line, where known) first: `config.yaml:12: duplicate key "a"`.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'InputError';
    Object.defineProperty(this, INPUT_ERROR, { value: true });
  }

  // The CLI is a bundle with its own copy of this class, while a user's policy imports the
  // library's: a brand in the global symbol registry keeps `instanceof` true across both copies.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[INPUT_ERROR] === true;
  }
}

/** `file:line: problem` — the one-line form every input error takes. */
export function inputError(file: string, problem: string, line?: number): InputError {
  const where = line === undefined ? file : `${file}:${line}`;
  return new InputError(`${where}: ${problem}`, file, line);
}

// Terminal escape sequences (CSI, OSC…), other C0/C1 controls and Unicode bidi overrides: a
// message may quote text from a file under review, which must not repaint the terminal or
// reorder what the reader sees.
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One printable line: escapes and controls dropped, line breaks and tabs become spaces. */
export function oneLine(text: string): string {
  return text.replace(ESCAPES, '').replace(/[\r\n\t]+/g, ' ').replace(CONTROLS, '').replace(/ {2,}/g, ' ').trim();
}

/** What the operating system's error codes mean, in words a user can act on. */
const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a path component is not a folder',
  EISDIR: 'is a folder, expected a file',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  ERR_FS_FILE_TOO_LARGE: 'file over 2 GiB, too large to read',
  ERR_STRING_TOO_LONG: 'file too large to read as text',
};

/** A system error (a failed read or write) as an InputError naming the path, or undefined. */
export function systemInputError(error: unknown): InputError | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path } = error as NodeJS.ErrnoException;
  const meaning = code ? SYSTEM_ERRORS[code] : undefined;
  if (!meaning) return undefined;
  return new InputError(path ? `${path}: ${meaning}` : meaning, path);
}
