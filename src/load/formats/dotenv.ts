// `.env` files: KEY=value lines, in dotenv's grammar (export prefix, quotes, `#` comments,
// multi-line quoted values). dotenv parses the values; each key's line is the line of its
// last assignment, the one dotenv keeps.
import { parse } from 'dotenv';
import type { ConfigFile } from '../../model.js';
import { checkKey, configFileOf, Positions } from './tree.js';

const ASSIGNMENT = /^([ \t]*(?:export[ \t]+)?)([\w.-]+)[ \t]*(?:=|:[ \t])/;

export function parseDotenv(blob: { path: string; text: string; bytes: number }): ConfigFile {
  const values = parse(blob.text);
  const lineOfKey = new Map<string, { line: number; column: number }>();
  blob.text.split('\n').forEach((line, i) => {
    const m = ASSIGNMENT.exec(line);
    if (m) lineOfKey.set(m[2]!, { line: i + 1, column: m[1]!.length + 1 });
  });
  const positions = new Positions();
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const at = lineOfKey.get(key) ?? { line: 1, column: 1 };
    checkKey(blob.path, key, at.line);
    root[key] = value;
    positions.set([key], at);
  }
  return configFileOf(blob, 'env', root, positions);
}
