// `-o FILE`: where a report is written. A regular file is replaced atomically (a temporary file
// beside it, then a rename), so a reader never sees half a report; a missing folder is created;
// a device or pipe (/dev/stdout, /dev/null, a FIFO) cannot be renamed onto and is written directly.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from '../errors.js';

/** Writes `text` to `output` (relative to `cwd`, or absolute); every failure is an InputError naming it. */
export function writeReport(output: string, text: string, cwd: string): void {
  const target = resolve(cwd, output);
  try {
    if (isStream(target)) {
      writeFileSync(target, text);
      return;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeAtomically(target, text);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${output}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Whether the path exists and is not a regular file or folder: a character device, a FIFO, a socket. */
function isStream(path: string): boolean {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError(`${path}: is a folder; -o takes a file`);
    return !stat.isFile();
  } catch (error) {
    if (error instanceof InputError) throw error;
    return false;
  }
}

function writeAtomically(target: string, text: string): void {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
