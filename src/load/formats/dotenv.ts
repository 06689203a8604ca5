// `.env` files: KEY=value lines, in dotenv's grammar (export prefix, quotes, `#` comments,
// multi-line quoted values). dotenv parses the values; each key's line is the line of its
// last assignment, the one dotenv keeps.
import { parse } from 'dotenv';
import type { ConfigFile } from '../../model.js';
import { checkKey, configFileOf, Positions } from './tree.js';

const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*(?:=|:[ \t])/;

export function parseDotenv(blob: { path: string; text: string; bytes: number }): ConfigFile {
  const values = parse(blob.text);
  const lineOfKey = new Map<string, number>();
  blob.text.split('\n').forEach((line, i) => {
    const m = ASSIGNMENT.exec(line);
    if (m) lineOfKey.set(m[1]!, i + 1);
  });
  const positions = new Positions();
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const line = lineOfKey.get(key) ?? 1;
    checkKey(blob.path, key, line);
    root[key] = value;
    positions.set([key], { line, column: 1 });
  }
  return configFileOf(blob, 'env', root, positions);
}
