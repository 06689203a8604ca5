// JSON5 (feature-flag files, some tool configs): parsed by the `json5` package; lines from one
// scan of the text that follows the nesting of maps and lists and notes where each key and each
// list item starts, skipping strings and comments. Infinity and NaN become their names as text.
import JSON5 from 'json5';
import type { ConfigFile, PathSegment } from '../../model.js';
import { inputError } from '../../errors.js';
import { checkKey, configFileOf, Positions, toPlain } from './tree.js';

export function parseJson5(blob: { path: string; text: string; bytes: number }, maxDepth: number): ConfigFile {
  let value: unknown;
  try {
    value = blob.text.trim() === '' ? undefined : JSON5.parse(blob.text);
  } catch (error) {
    const e = error as { lineNumber?: number; message?: string };
    throw inputError(blob.path, `not valid JSON5: ${(e.message ?? String(error)).replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '')}`, e.lineNumber);
  }
  const positions = json5Positions(blob.path, blob.text);
  const file = configFileOf(blob, 'json5', toPlain(value, 0, { file: blob.path, maxDepth }), positions);
  return value === undefined ? { ...file, documents: [] } : file;
}

interface Frame {
  list: boolean;
  index: number;
  key?: string;
  expectKey: boolean;
}

const IDENTIFIER = /[$\w\u0080-\uffff]/;

/** Where each key's value and each list item starts, by path. */
function json5Positions(file: string, text: string): Positions {
  const positions = new Positions();
  const stack: Frame[] = [];
  let line = 1;
  const path = (): PathSegment[] => stack.map((f) => (f.list ? f.index : f.key ?? ''));
  const valueStarts = () => {
    const top = stack.at(-1);
    if (top && (top.list || top.key !== undefined)) positions.set(path(), { line, column: 1 });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    else if (c === '/' && text[i + 1] === '/') i = skipTo(text, i, '\n') - 1;
    else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      line += countLines(text, i, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '"' || c === "'") {
      const end = stringEnd(text, i);
      const top = stack.at(-1);
      if (top && !top.list && top.expectKey) setKey(top, JSON5.parse(text.slice(i, end + 1)) as string, file, line);
      else valueStarts();
      line += countLines(text, i, end);
      i = end;
    } else if (c === '{' || c === '[') {
      valueStarts();
      stack.push({ list: c === '[', index: 0, expectKey: c === '{' });
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack.at(-1);
      if (top?.list) top.index++;
      else if (top) (top.expectKey = true), (top.key = undefined);
    } else if (c === ':') {
      const top = stack.at(-1);
      if (top && !top.list) top.expectKey = false;
    } else if (IDENTIFIER.test(c) || c === '-' || c === '+' || c === '.') {
      let end = i;
      while (end + 1 < text.length && (IDENTIFIER.test(text[end + 1]!) || '.+-'.includes(text[end + 1]!))) end++;
      const top = stack.at(-1);
      if (top && !top.list && top.expectKey) setKey(top, text.slice(i, end + 1), file, line);
      else valueStarts();
      i = end;
    }
  }
  return positions;
}

function setKey(frame: Frame, key: string, file: string, line: number): void {
  checkKey(file, key, line);
  frame.key = key;
}

function stringEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return text.length - 1;
}

function skipTo(text: string, from: number, char: string): number {
  const at = text.indexOf(char, from);
  return at < 0 ? text.length : at;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text[i] === '\n') n++;
  return n;
}
