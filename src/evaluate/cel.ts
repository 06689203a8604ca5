import { parse } from '@marcbachmann/cel-js';

/** A compiled CEL expression: evaluated many times, compiled once when the policy loads. */
export type CompiledExpression = (activation: Record<string, unknown>) => unknown;

/** Compiles CEL, throwing a one-line `Error` with the parser's reason on a syntax error. */
export function compileCel(expression: string): CompiledExpression {
  let program: (vars: Record<string, unknown>) => unknown;
  try {
    program = parse(expression) as unknown as (vars: Record<string, unknown>) => unknown;
  } catch (error) {
    throw new Error(`CEL syntax error in "${expression}": ${firstLine(error)}`);
  }
  return (activation) => program(activation);
}

/**
 * A condition holds only when it evaluates to `true`. An evaluation error (a missing key,
 * a type mismatch such as a string compared with a number) means the condition does not
 * apply to this change: policies guard optional fields with `has()`.
 */
export function holds(expression: CompiledExpression, activation: Record<string, unknown>): boolean {
  try {
    return expression(activation) === true;
  } catch {
    return false;
  }
}

/** `{{ expr }}` placeholders, each a CEL expression. */
export interface CompiledTemplate {
  render(activation: Record<string, unknown>): string;
}

export function compileTemplate(template: string): CompiledTemplate {
  const parts: Array<string | CompiledExpression> = [];
  let last = 0;
  for (const match of template.matchAll(/\{\{\s*([\s\S]+?)\s*\}\}/g)) {
    parts.push(template.slice(last, match.index));
    parts.push(compileCel(match[1]));
    last = match.index! + match[0].length;
  }
  parts.push(template.slice(last));
  return {
    render(activation) {
      return parts
        .map((part) => {
          if (typeof part === 'string') return part;
          try {
            return formatValue(part(activation));
          } catch {
            return '?';
          }
        })
        .join('');
    },
  };
}

export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : String(Math.round(value * 100) / 100);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (value instanceof Map) return JSON.stringify(Object.fromEntries(value));
  return JSON.stringify(value);
}

/** CEL sees plain data: undefined fields are dropped (test them with `has()`), BigInts pass through. */
export function toCelValue(value: unknown, depth = 0): unknown {
  if (value === undefined || value === null || typeof value !== 'object') return value;
  if (depth > 64) return null;
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : toCelValue(v, depth + 1)));
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toCelValue(v, depth + 1);
  return out;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].trim();
}
