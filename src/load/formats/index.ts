// Which format a file is in, by its name, as data: the first row whose globs match wins, and
// YAML reads everything else. Each non-YAML format has its own loader into the same
// ConfigFile, so every analyzer and policy works on all of them unchanged.
import { globMatcher } from '../../match.js';
import type { ConfigFile, Format } from '../../model.js';
import { parseProperties } from './properties.js';
import { parseDotenv } from './dotenv.js';
import { parseIni } from './ini.js';
import { parseToml } from './toml.js';
import { parseXml } from './xml.js';
import { parseJson5 } from './json5.js';

type Blob = { path: string; text: string; bytes: number };

interface FormatRow {
  format: Format;
  /** Matched against the file's base name, case-insensitive. */
  names: readonly string[];
  /** The loader; absent for the js-yaml formats, which the main loader reads. */
  parse?: (blob: Blob, maxDepth: number) => ConfigFile;
  parser: string;
}

export const FORMATS: readonly FormatRow[] = [
  { format: 'json', names: ['*.json', '*.jsonc'], parser: 'native JSON.parse, then js-yaml 5 (JSON schema) for lines; jsonc-parser for errors and JSONC' },
  { format: 'json5', names: ['*.json5'], parse: parseJson5, parser: 'json5' },
  { format: 'properties', names: ['*.properties'], parse: parseProperties, parser: 'dot-properties' },
  { format: 'xml', names: ['*.xml'], parse: parseXml, parser: 'fast-xml-parser' },
  { format: 'toml', names: ['*.toml'], parse: parseToml, parser: 'smol-toml' },
  { format: 'ini', names: ['*.ini'], parse: parseIni, parser: 'ini' },
  { format: 'env', names: ['.env', '.env.*', '*.env'], parse: (blob) => parseDotenv(blob), parser: 'dotenv' },
  { format: 'yaml', names: ['*'], parser: 'js-yaml 5' },
];

const matchers = FORMATS.map((row) => ({ row, test: globMatcher(row.names as string[], { nocase: true }) }));

function rowOf(path: string): FormatRow {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return matchers.find((m) => m.test(base))!.row;
}

export function formatOf(path: string): Format {
  return rowOf(path).format;
}

/** The loader of a non-YAML format, or undefined for YAML and JSON. */
export function loaderOf(path: string): FormatRow['parse'] {
  return rowOf(path).parse;
}
