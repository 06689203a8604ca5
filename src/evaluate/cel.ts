import { Environment, parse, type ASTNode } from '@marcbachmann/cel-js';
import { RE2JS } from 're2js';
import { didYouMean } from '../suggest.js';

/** A compiled CEL expression: evaluated many times, compiled once when the policy loads. */
export type CompiledExpression = (activation: Record<string, unknown>) => unknown;

/**
 * A CEL type as policies see it: a CEL type name (`string`, `dyn`, `list<string>`,
 * `map<string, dyn>`), or an object whose fields are declared (an unknown field is a type error).
 */
export type CelType = string | { readonly [field: string]: CelType };
/** The variables an expression may name, with their types. */
export type CelVariables = Readonly<Record<string, CelType>>;

/**
 * Expressions run here: variables are dynamic (they were checked against their declared types
 * when the policy loaded), and `matches()` is RE2 (linear time), as CEL specifies: a policy's
 * regex is applied to values a pull request controls.
 */
const RE2_METHOD = 're2Matches';
// Set up on the first expression compiled, not when the engine is imported: a run that evaluates
// no policy (nothing changed) never pays for it.
let runtimeOnce: Environment | undefined;
const runtime = (): Environment =>
  (runtimeOnce ??= new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false }).registerFunction(
    `string.${RE2_METHOD}(string): bool`,
    (text: string, pattern: string) => {
      let compiled: RE2JS;
      try {
        compiled = re2(pattern);
      } catch (error) {
        throw new Error(`matches() pattern ${JSON.stringify(pattern)} is not RE2: ${firstLine(error)}`, { cause: error });
      }
      return compiled.matcher(text).find();
    },
  ));

const patterns = new Map<string, RE2JS>();

function re2(pattern: string): RE2JS {
  let compiled = patterns.get(pattern);
  if (!compiled) {
    compiled = RE2JS.compile(pattern);
    if (patterns.size > 1000) patterns.clear();
    patterns.set(pattern, compiled);
  }
  return compiled;
}

/** Compiles CEL without declared variables (anything goes), throwing a one-line `Error` on a syntax error. */
export function compileCel(expression: string): CompiledExpression {
  try {
    parse(expression);
  } catch (error) {
    throw new Error(`CEL syntax error in "${expression}": ${firstLine(error)}`, { cause: error });
  }
  return runnable(expression);
}

/** A checker of expressions over declared variables; build one per set of variables and reuse it. */
export class CelChecker {
  readonly #env: Environment;
  readonly #variables: string[];
  readonly #fields: string[];

  constructor(variables: CelVariables) {
    let env = new Environment({ homogeneousAggregateLiterals: false });
    for (const [name, type] of Object.entries(variables)) {
      env = typeof type === 'string' ? env.registerVariable(name, type) : env.registerVariable({ name, schema: type });
    }
    this.#env = env;
    this.#variables = Object.keys(variables);
    this.#fields = [...new Set(Object.values(variables).flatMap(fieldNames))];
  }

  /**
   * Compiles an expression that may name only the declared variables and fields, throwing a
   * one-line `Error` (syntax, unknown variable or field, type mismatch, a `matches()` pattern
   * RE2 rejects). `resultType` is the type the expression must have (`bool` for conditions).
   */
  compile(expression: string, resultType?: 'bool'): CompiledExpression {
    const result = this.#env.check(expression);
    if (!result.valid) {
      const kind = result.error?.name === 'ParseError' ? 'syntax error' : 'error';
      throw new Error(`CEL ${kind} in "${expression}": ${this.#suggest(firstLine(result.error))}`);
    }
    if (resultType && result.type !== resultType && result.type !== 'dyn') {
      throw new Error(`CEL error in "${expression}": a condition must be ${resultType}, this is ${result.type}`);
    }
    for (const pattern of literalPatterns(parse(expression).ast)) {
      try {
        re2(pattern);
      } catch (error) {
        throw new Error(`CEL error in "${expression}": matches() pattern ${JSON.stringify(pattern)} is not RE2: ${firstLine(error)}`, {
          cause: error,
        });
      }
    }
    return runnable(expression);
  }

  /** cel-js names the unknown variable or key; a close declared name is the likely intent. */
  #suggest(problem: string): string {
    const variable = /^Unknown variable: (\S+)$/.exec(problem);
    if (variable) return problem + didYouMean(variable[1], this.#variables);
    const key = /^No such key: (\S+)$/.exec(problem);
    if (key) return problem + didYouMean(key[1], this.#fields);
    return problem;
  }
}

function fieldNames(type: CelType): string[] {
  return typeof type === 'string' ? [] : Object.entries(type).flatMap(([name, t]) => [name, ...fieldNames(t)]);
}

/** The expression as it runs: every `.matches(` call rewritten to the RE2 implementation. */
function runnable(expression: string): CompiledExpression {
  const calls = matchesCalls(parse(expression).ast);
  let source = expression;
  // From the end, so earlier offsets stay valid.
  for (const node of calls.sort((a, b) => b.start - a.start)) {
    const between = source.slice(node.start, node.end);
    const at = node.start + between.lastIndexOf('matches');
    source = source.slice(0, at) + RE2_METHOD + source.slice(at + 'matches'.length);
  }
  const program = runtime().parse(source) as unknown as CompiledExpression;
  return (activation) => program(activation);
}

type RcallNode = Extract<ASTNode, { op: 'rcall' }>;

/** Each `x.matches(p)`: the source range between the receiver and the argument, where the name is. */
function matchesCalls(ast: ASTNode): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  visit(ast, (node) => {
    if (node.op !== 'rcall' || node.args[0] !== 'matches') return;
    const [, receiver, args] = (node as RcallNode).args;
    out.push({ start: receiver.range.end, end: args[0]?.range.start ?? node.range.end });
  });
  return out;
}

/** The string literals passed to `matches()`: checked against RE2 at load time. */
function literalPatterns(ast: ASTNode): string[] {
  const out: string[] = [];
  visit(ast, (node) => {
    if (node.op !== 'rcall' || node.args[0] !== 'matches') return;
    const arg = (node as RcallNode).args[2][0];
    if (arg?.op === 'value' && typeof arg.args === 'string') out.push(arg.args);
  });
  return out;
}

/**
 * The string literals an expression compares `variable.field` with (`==`, `!=`, `in [...]`), so a
 * loader can check them against a vocabulary: `signal.kind == 'level-raise'` never holds.
 */
export function comparedLiterals(expression: string, variable: string, field: string): string[] {
  const out: string[] = [];
  const isField = (n: ASTNode) => n.op === '.' && n.args[1] === field && n.args[0].op === 'id' && n.args[0].args === variable;
  const strings = (n: ASTNode): string[] => {
    if (n.op === 'value' && typeof n.args === 'string') return [n.args];
    if (n.op === 'list') return n.args.flatMap(strings);
    return [];
  };
  visit(parse(expression).ast, (node) => {
    if (node.op !== '==' && node.op !== '!=' && node.op !== 'in') return;
    const [left, right] = node.args;
    if (isField(left)) out.push(...strings(right));
    else if (node.op !== 'in' && isField(right)) out.push(...strings(left));
  });
  return out;
}

function visit(node: unknown, fn: (node: ASTNode) => void, depth = 0): void {
  // Stopping short would leave a deeper matches() on the JavaScript engine, unchecked: refuse instead.
  if (depth > 500) throw new Error('CEL expression nested too deeply (over 500 levels) to check its matches() calls');
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) visit(child, fn, depth + 1);
    return;
  }
  if (!('op' in node)) return;
  const ast = node as ASTNode;
  fn(ast);
  if (ast.op !== 'value' && ast.op !== 'id') visit(ast.args, fn, depth + 1);
}

/** The outcome of one evaluation: a condition's value, or why it could not be evaluated. */
export type Evaluation = { ok: true; value: unknown } | { ok: false; reason: string };

export function evaluate(expression: CompiledExpression, activation: Record<string, unknown>): Evaluation {
  try {
    return { ok: true, value: expression(activation) };
  } catch (error) {
    return { ok: false, reason: firstLine(error) };
  }
}

/**
 * A condition holds only when it evaluates to `true`; an evaluation error counts as not holding.
 * Data policies do not use this: they report evaluation errors (`failurePolicy`).
 */
export function holds(expression: CompiledExpression, activation: Record<string, unknown>): boolean {
  const result = evaluate(expression, activation);
  return result.ok && result.value === true;
}

/** `{{ expr }}` placeholders, each a CEL expression. */
export interface CompiledTemplate {
  render(activation: Record<string, unknown>): string;
}

/** A message template; with a checker, every placeholder may name only declared variables and fields. */
export function compileTemplate(template: string, checker?: CelChecker): CompiledTemplate {
  const parts: Array<string | CompiledExpression> = [];
  let last = 0;
  for (const match of template.matchAll(/\{\{\s*([\s\S]+?)\s*\}\}/g)) {
    parts.push(template.slice(last, match.index));
    parts.push(checker ? checker.compile(match[1]) : compileCel(match[1]));
    last = match.index! + match[0].length;
  }
  parts.push(template.slice(last));
  return {
    render(activation) {
      return parts
        .map((part) => {
          if (typeof part === 'string') return part;
          const result = evaluate(part, activation);
          // A placeholder that cannot be rendered (an absent optional field) must not hide the finding.
          return result.ok ? formatValue(result.value) : '?';
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
