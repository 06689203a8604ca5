// JSON is read as JSON: the event parser (js-yaml) would accept YAML's superset — comments,
// trailing commas, unquoted keys, `NaN` — so every `.json` file is first checked with the
// native parser, and only on failure is jsonc-parser asked where and why. Files known to allow
// comments (tsconfig, VS Code settings, devcontainers, `.jsonc`) are JSONC: their comments are
// blanked, keeping every line where it was.
import { globMatcher } from '../../match.js';
import { parse as parseJsonc, printParseErrorCode, stripComments, type ParseError } from 'jsonc-parser';
import { inputError } from '../../errors.js';
import { LineMap } from './tree.js';

/** Files read as JSON with comments (and trailing commas). */
export const JSONC_FILES: readonly string[] = [
  '**/*.jsonc',
  '**/{tsconfig,jsconfig}*.json',
  '**/.vscode/**/*.json',
  '**/.devcontainer/**/*.json',
  '**/.devcontainer.json',
  '**/devcontainer.json',
  '**/.eslintrc.json',
  '**/.babelrc',
];

const isJsonc = globMatcher(JSONC_FILES as string[], { nocase: true });

/** What each of jsonc-parser's error codes means, said for a person. */
const REASONS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected character (comments, unquoted keys, single quotes, NaN and YAML syntax are not JSON)',
  InvalidNumberFormat: 'not a JSON number',
  PropertyNameExpected: 'expected a double-quoted property name (a trailing comma?)',
  ValueExpected: 'expected a value (a trailing comma?)',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'more than one JSON value in the file',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

/** The text the event parser should read: JSONC with comments blanked; strict JSON checked first. */
export function jsonText(path: string, text: string): string {
  if (isJsonc(path)) return stripComments(text, ' ');
  // An empty file holds no document, as an empty YAML file does.
  if (text.trim() === '') return text;
  try {
    JSON.parse(text);
    return text;
  } catch {
    throw strictJsonError(path, text);
  }
}

function strictJsonError(path: string, text: string): Error {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return inputError(path, 'not valid JSON', 1);
  const code = printParseErrorCode(first.error);
  return inputError(path, `not valid JSON: ${REASONS[code] ?? code}`, new LineMap(text).at(first.offset).line);
}
