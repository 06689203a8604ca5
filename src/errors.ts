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
  }
}

/** `file:line: problem` — the one-line form every input error takes. */
export function inputError(file: string, problem: string, line?: number): InputError {
  const where = line === undefined ? file : `${file}:${line}`;
  return new InputError(`${where}: ${problem}`, file, line);
}
