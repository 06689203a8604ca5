// INI files (`[section]` headers, `key = value`, `;`/`#` comments), parsed by the `ini`
// package, which nests dotted section names (`[a.b]` → a.b) and reads `key[]` as a list.
// Lines come from one scan of the headers and keys.
import { decode } from 'ini';
import type { ConfigFile } from '../../model.js';
import { inputError } from '../../errors.js';
import { checkKey, configFileOf, indentOf, Positions, toPlain } from './tree.js';

const SECTION = /^\s*\[(.+)\]\s*(?:[;#].*)?$/;
const KEY = /^\s*([^=;#[\s][^=]*?)\s*(?:=|$)/;

export function parseIni(blob: { path: string; text: string; bytes: number }, maxDepth: number): ConfigFile {
  const positions = new Positions();
  let section: string[] = [];
  blob.text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const header = SECTION.exec(raw);
    if (header) {
      section = splitSection(header[1]!);
      for (const s of section) checkKey(blob.path, s, line);
      positions.set(section, { line, column: indentOf(raw) + 1 });
      return;
    }
    const key = KEY.exec(raw);
    if (!key) return;
    const name = key[1]!.replace(/\[\]$/, '');
    checkKey(blob.path, name, line);
    positions.set([...section, name], { line, column: indentOf(raw) + 1 });
  });
  let values: unknown;
  try {
    values = decode(blob.text);
  } catch (error) {
    throw inputError(blob.path, `not valid INI (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  return configFileOf(blob, 'ini', toPlain(values, 0, { file: blob.path, maxDepth }), positions);
}

/** `a.b` → [a, b]; `a\.b` keeps the dot, as the ini package does. */
function splitSection(name: string): string[] {
  return name
    .split(/(?<!\\)\./)
    .map((s) => s.replace(/\\\./g, '.'))
    .filter((s) => s !== '');
}
