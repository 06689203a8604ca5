// TOML (service configs, Cargo-style tool configs), parsed by smol-toml (TOML 1.0, exact
// errors with line and column). Dates become ISO text and integers past 2^53 keep their
// digits. Lines come from one scan of table headers, array-of-tables headers and keys.
import { parse, TomlError } from 'smol-toml';
import type { ConfigFile, PathSegment } from '../../model.js';
import { inputError } from '../../errors.js';
import { checkKey, configFileOf, indentOf, Positions, toPlain } from './tree.js';

const TABLE = /^\s*\[\s*([^[\]]+?)\s*\]\s*(?:#.*)?$/;
const ARRAY_TABLE = /^\s*\[\[\s*([^[\]]+?)\s*\]\]\s*(?:#.*)?$/;
const KEY = /^\s*((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=/;
const SEGMENT = /"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+)/g;

export function parseToml(blob: { path: string; text: string; bytes: number }, maxDepth: number): ConfigFile {
  let values: unknown;
  try {
    values = parse(blob.text, { integersAsBigInt: 'asNeeded' });
  } catch (error) {
    if (error instanceof TomlError) {
      throw inputError(blob.path, error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, ''), error.line);
    }
    throw error;
  }
  // Positions first: the scan names the line of a forbidden key, which the copy cannot.
  const positions = tomlPositions(blob);
  return configFileOf(blob, 'toml', toPlain(values, 0, { file: blob.path, maxDepth }), positions);
}

function tomlPositions(blob: { path: string; text: string }): Positions {
  const positions = new Positions();
  const arrayCounts = new Map<string, number>();
  let table: PathSegment[] = [];
  let inMultiline = false;
  blob.text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const quotes = (raw.match(/"""|'''/g) ?? []).length;
    if (inMultiline) {
      if (quotes % 2 === 1) inMultiline = false;
      return;
    }
    const arrayHeader = ARRAY_TABLE.exec(raw);
    const header = arrayHeader ?? TABLE.exec(raw);
    if (header) {
      const path = segments(header[1]!, blob.path, line);
      if (arrayHeader) {
        const index = arrayCounts.get(path.join('.')) ?? 0;
        arrayCounts.set(path.join('.'), index + 1);
        table = [...path, index];
      } else {
        table = path;
      }
      positions.set(table, { line, column: indentOf(raw) + 1 });
      return;
    }
    const key = KEY.exec(raw);
    if (key) positions.set([...table, ...segments(key[1]!, blob.path, line)], { line, column: indentOf(raw) + 1 });
    if (quotes % 2 === 1) inMultiline = true;
  });
  return positions;
}

function segments(dotted: string, file: string, line: number): string[] {
  const out: string[] = [];
  for (const m of dotted.matchAll(SEGMENT)) {
    const segment = m[1] ?? m[2] ?? m[3]!;
    checkKey(file, segment, line);
    out.push(segment);
  }
  return out;
}
