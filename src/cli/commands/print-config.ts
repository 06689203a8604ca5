// `configgate print-config [FILE]`: the configuration in effect for one file (ESLint's --print-config).
import { dirname, relative, resolve, sep } from 'node:path';
import type { PolicyLevel } from '../../evaluate/types.js';
import { findConfig, fileFilterOf, fsReader, loadSetup, type GateSetup } from '../../config/index.js';
import { classify } from '../../sources/filter.js';
import { globMatcher } from '../../match.js';
import type { CommonOptions } from '../args.js';
import type { CliIO } from '../run.js';
import { colorFor, paint } from './color.js';
import { inline, setupHere } from './shared.js';

export interface EffectiveConfig {
  /** The file as the config's globs see it (relative to the config's folder); absent for the config as a whole. */
  file?: string;
  /** The config file that governs it; absent when the built-in defaults apply. */
  config?: string;
  /** Whether the gate reads the file as configuration (`files` and `ignore`). */
  configuration?: 'config' | 'ignored' | 'not-config';
  files: string[];
  ignore: string[];
  inventory?: string;
  failOn: string;
  policies: Record<string, { level: PolicyLevel; options: Record<string, unknown>; source: string; appliesToFile: boolean }>;
  waivers: Array<{ id: string; policy: string; path?: string; expires: string; owner: string }>;
  schemas: string[];
}

export async function runPrintConfig(args: string[], common: CommonOptions, io: CliIO): Promise<number> {
  const target = args[0] === undefined ? undefined : resolve(io.cwd, args[0]);
  const setup = await setupFor(target, common, io);
  const effective = effectiveConfig(setup, target === undefined ? undefined : fileForGlobs(setup, target, io.cwd));
  if (common.quiet) return 0;
  io.stdout(common.format === 'json' ? `${JSON.stringify(effective, null, 2)}\n` : renderEffective(effective, colorFor(common, io)));
  return 0;
}

/** The config named, else the nearest `.configgate.yml` above the file (or the working directory). */
function setupFor(target: string | undefined, common: CommonOptions, io: CliIO): Promise<GateSetup> {
  if (common.trustedRef || target === undefined) return setupHere(common, io);
  const configPath = common.config ? resolve(io.cwd, common.config) : findConfig(dirname(target));
  return loadSetup({ reader: fsReader(io.cwd), configPath });
}

function fileForGlobs(setup: GateSetup, target: string, cwd: string): string {
  const base = setup.configPath ? dirname(setup.configPath) : cwd;
  return relative(base, target).split(sep).join('/');
}

export function effectiveConfig(setup: GateSetup, file: string | undefined): EffectiveConfig {
  const filter = fileFilterOf(setup);
  const policies: EffectiveConfig['policies'] = {};
  for (const policy of [...setup.policies].sort((a, b) => a.id.localeCompare(b.id))) {
    const { level, options } = setup.resolve(policy, file ?? '');
    const globs = policy.match?.files;
    const appliesToFile = file === undefined || !globs?.length || globMatcher(globs)(file);
    policies[policy.id] = { level, options, source: policy.source, appliesToFile };
  }
  const onFile = (globs: string[] | undefined) => file === undefined || !globs?.length || globMatcher(globs)(file);
  return {
    ...(file !== undefined ? { file } : {}),
    ...(setup.configPath ? { config: setup.ownFiles[0] } : {}),
    ...(file !== undefined ? { configuration: classify(file, filter) } : {}),
    files: filter.files,
    ignore: filter.ignore,
    ...(setup.data.inventory ? { inventory: setup.data.inventory } : {}),
    failOn: setup.data.failOn ?? 'rollout',
    policies,
    waivers: setup.waivers
      .filter((w) => onFile(w.files))
      .map((w) => ({ id: w.id, policy: w.policy, ...(w.path ? { path: w.path } : {}), expires: w.expires, owner: w.owner })),
    schemas: setup.schemas.filter((s) => onFile(s.files)).map((s) => s.source),
  };
}

const READS: Record<NonNullable<EffectiveConfig['configuration']>, string> = {
  config: 'yes',
  ignored: 'no: matched by ignore',
  'not-config': 'no: not matched by files',
};

export function renderEffective(e: EffectiveConfig, color: boolean): string {
  const c = paint(color);
  const lines = [
    ...(e.file !== undefined ? [`${c.bold('file')}           ${e.file}`] : []),
    `${c.bold('config')}         ${e.config ?? '(none: built-in defaults)'}`,
    ...(e.configuration ? [`${c.bold('configuration')}  ${READS[e.configuration]}`] : []),
    `${c.bold('files')}          ${e.files.join(', ')}`,
    `${c.bold('ignore')}         ${e.ignore.join(', ')}`,
    `${c.bold('inventory')}      ${e.inventory ?? '(none)'}`,
    `${c.bold('fail-on')}        ${e.failOn}`,
    '',
    c.bold('policies'),
  ];
  const ids = Object.keys(e.policies);
  const width = Math.max(0, ...ids.map((id) => id.length));
  for (const id of ids) {
    const p = e.policies[id];
    const options = Object.keys(p.options).length ? `  ${inline(p.options)}` : '';
    const note = p.appliesToFile ? '' : c.dim('  (its match.files leave this file out)');
    lines.push(`  ${id.padEnd(width)}  ${p.level.padEnd(7)}${options}${note}`.trimEnd());
  }
  if (e.waivers.length) {
    lines.push('', c.bold('waivers'));
    for (const w of e.waivers) lines.push(`  ${w.id}  ${w.policy}${w.path ? ` at ${w.path}` : ''}  expires ${w.expires} (${w.owner})`);
  }
  if (e.schemas.length) lines.push('', c.bold('schemas'), ...e.schemas.map((s) => `  ${s}`));
  return `${lines.join('\n')}\n`;
}
