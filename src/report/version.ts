// The tool's own version, for the reports that carry it (JSON, SARIF, JUnit).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../assets.js';

let cached: string | undefined;

export function toolVersion(): string {
  if (cached !== undefined) return cached;
  try {
    cached = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    cached = '0.0.0';
  }
  return cached;
}
