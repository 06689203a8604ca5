// `configgate explain <policy-id>`: a policy as a person reads it, from the policy itself.
import type { Level } from '../../model.js';
import type { Policy, PolicyExample, PolicyLevel } from '../../evaluate/types.js';
import { normalizeRule, type GateSetup } from '../../config/index.js';
import { InputError } from '../../errors.js';
import type { CommonOptions } from '../args.js';
import type { CliIO } from '../run.js';
import { colorFor, paint } from './color.js';
import { inline, nearest, setupHere, wrapText } from './shared.js';

export interface OptionInfo {
  name: string;
  default?: unknown;
  value?: unknown;
  type?: string;
  description?: string;
}

export interface Explanation {
  id: string;
  source: string;
  description: string;
  rationale?: string;
  docs?: string;
  defaultLevel: PolicyLevel;
  level: PolicyLevel;
  levelFrom: string;
  overrides: Array<{ files: string[]; level?: Level; options?: Record<string, unknown> }>;
  options: OptionInfo[];
  match?: Policy['match'];
  messages: Record<string, string>;
  examples: { valid: PolicyExample[]; invalid: PolicyExample[] };
}

export async function runExplain(args: string[], common: CommonOptions, io: CliIO): Promise<number> {
  const id = args[0];
  const setup = await setupHere(common, io);
  const explanation = explainPolicy(setup, id);
  if (common.quiet) return 0;
  io.stdout(common.format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : renderExplanation(explanation, colorFor(common, io)));
  return 0;
}

/** What is known of one policy (or gate check) under this setup; an unknown id suggests the nearest. */
export function explainPolicy(setup: GateSetup, id: string): Explanation {
  const policy = setup.policies.find((p) => p.id === id);
  const configName = setup.configPath ? setup.ownFiles[0] : undefined;
  if (!policy) {
    const guess = nearest(id, setup.policies.map((p) => p.id));
    throw new InputError(`unknown policy "${id}"${guess ? `; did you mean "${guess}"?` : ''} (configgate policies lists them)`);
  }
  const binding = setup.resolve(policy, '');
  const named = setup.data.rules?.[policy.id] !== undefined;
  return {
    id: policy.id,
    source: policy.source,
    description: policy.meta.description,
    ...(policy.meta.rationale ? { rationale: policy.meta.rationale } : {}),
    ...(policy.meta.docs ? { docs: policy.meta.docs } : {}),
    defaultLevel: policy.meta.defaultLevel,
    level: binding.level,
    levelFrom: named ? `set in ${configName}` : "the policy's default",
    overrides: overridesOf(setup, policy.id),
    options: optionsOf(policy, binding.options),
    ...(policy.match ? { match: policy.match } : {}),
    messages: policy.meta.messages,
    examples: policy.meta.examples ?? { valid: [], invalid: [] },
  };
}

function overridesOf(setup: GateSetup, id: string): Explanation['overrides'] {
  return (setup.data.overrides ?? []).flatMap((o) => (o.rules[id] === undefined ? [] : [{ files: o.files, ...normalizeRule(o.rules[id]) }]));
}

function optionsOf(policy: Policy, effective: Record<string, unknown>): OptionInfo[] {
  const schema = (policy.optionsSchema ?? {}) as { properties?: Record<string, { type?: string | string[]; description?: string }> };
  const names = new Set([...Object.keys(policy.defaultOptions ?? {}), ...Object.keys(schema.properties ?? {})]);
  return [...names].map((name) => {
    const prop = schema.properties?.[name];
    const defaults = (policy.defaultOptions ?? {}) as Record<string, unknown>;
    return {
      name,
      ...(name in defaults ? { default: defaults[name] } : {}),
      ...(name in effective ? { value: effective[name] } : {}),
      ...(prop?.type ? { type: Array.isArray(prop.type) ? prop.type.join(' | ') : prop.type } : {}),
      ...(prop?.description ? { description: prop.description } : {}),
    };
  });
}

export function renderExplanation(e: Explanation, color: boolean): string {
  const c = paint(color);
  const source = e.source.startsWith('builtin:') ? `built-in: policies/${e.source.slice('builtin:'.length)}` : e.source;
  const out: string[] = [`${c.bold(e.id)}  ${c.dim(`(${source})`)}`, '', ...wrapText(e.description, '')];
  const section = (title: string, body: string[]) => {
    if (body.length > 0) out.push('', c.bold(title), ...body);
  };
  section('Why', e.rationale ? wrapText(e.rationale, '  ') : []);
  const overrides = e.overrides.map((o) => `  ${o.files.join(', ')} → ${o.level ?? e.level}${o.options ? ` ${inline(o.options)}` : ''}  (overrides)`);
  const from = e.levelFrom.startsWith('set in') ? `${e.levelFrom}; default ${e.defaultLevel}` : e.levelFrom;
  section('Level', [`  ${e.level} here (${from})`, ...overrides, '  per file: configgate print-config FILE']);
  const width = Math.max(0, ...e.options.map((o) => o.name.length));
  section(
    'Options',
    e.options.map((o) => {
      const changed = o.value !== undefined && inline(o.value) !== inline(o.default) ? `, here ${inline(o.value)}` : '';
      const text = `  ${o.name.padEnd(width)}  default ${inline(o.default)}${changed}${o.type ? ` (${o.type})` : ''}`;
      return o.description ? `${text}\n${wrapText(o.description, '      ').join('\n')}` : text;
    }),
  );
  section('Where it looks', matchLines(e.match));
  section('Messages', Object.entries(e.messages).map(([id, text]) => `  ${id}: ${text}`));
  const example = (mark: string, x: PolicyExample, i: number) =>
    [
      `  ${mark} ${x.name ?? `example ${i + 1}`}${x.expect ? `  → ${x.expect.join(', ')}` : ''}`,
      ...(x.file ? [`      file:   ${x.file}`] : []),
      `      before: ${inline(x.before ?? null)}`,
      `      after:  ${inline(x.after)}`,
      ...(x.options ? [`      options: ${inline(x.options)}`] : []),
      ...(x.inventory ? [`      inventory: ${inline(x.inventory)}`] : []),
    ].join('\n');
  section('Examples it reports', e.examples.invalid.map((x, i) => example(c.red('✖'), x, i)));
  section('Examples it lets through', e.examples.valid.map((x, i) => example(c.green('✓'), x, i)));
  if (e.docs) section('More', [`  ${e.docs}`]);
  return `${out.join('\n')}\n`;
}

function matchLines(match: Policy['match']): string[] {
  if (!match) return [];
  return [
    ...(match.files?.length ? [`  files: ${match.files.join(', ')}`] : []),
    ...(match.paths?.length ? [`  paths: ${match.paths.join(', ')}`] : []),
    ...(match.kinds?.length ? [`  kinds: ${match.kinds.join(', ')}`] : []),
    ...(match.signals?.length ? [`  signals: ${match.signals.join(', ')}`] : []),
  ];
}
