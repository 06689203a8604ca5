// Report files: the SARIF 2.1.0 log for github/codeql-action/upload-sarif, and the JSON report.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { GateResult } from '../model.js';
import { renderSarif } from '../report/index.js';

export async function writeSarif(result: GateResult, path: string, toolVersion: string): Promise<string> {
  return writeReportFile(path, renderSarif(result, { toolVersion }));
}

/** Writes `text` to `path` atomically, creating the folder; returns the path. */
export async function writeReportFile(path: string, text: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(temp, text);
  await rename(temp, path);
  return path;
}
