// `configgate print-config [FILE]`: the configuration in effect for one file (ESLint's --print-config).
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { PolicyLevel } from '../../evaluate/types.js';
import { fileFilterOf, fsReader, loadSetup, type GateSetup } from '../../config/index.js';
import { treeFor } from '../../run.js';
import { classify } from '../../sources/filter.js';
import { globMatcher } from '../../match.js';
import type { CommonOptions } from '../args.js';
import type { CliIO } from '../run.js';
import { colorFor, paint } from './color.js';
import { inline, setupHere } from './shared.js';

export interface EffectiveConfig {
  /** The file as the config's globs see it (relative to the repository's top, or to the config named with --config); absent for the config as a whole. */
  file?: string;
  /** The config file that governs it; absent when the built-in defaults apply. */
  config?: string;
  /** The config files merged, nearest first: the governing one, then those above it up to one with `root: true`. */
  mergedFrom?: string[];
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
  const governed = await governedBy(target, common, io);
  const effective = effectiveConfig(governed.setup, governed.file);
  const shown = (path: string) => relative(io.cwd, path).split(sep).join('/') || path;
  if (governed.chain.length) effective.mergedFrom = governed.chain.map(shown);
  if (effective.inventory && isAbsolute(effective.inventory)) effective.inventory = shown(effective.inventory);
  if (common.quiet) return 0;
  io.stdout(common.format === 'json' ? `${JSON.stringify(effective, null, 2)}\n` : renderEffective(effective, colorFor(common, io)));
  return 0;
}

interface Governed {
  setup: GateSetup;
  /** The file as the setup's globs see it. */
  file?: string;
  chain: string[];
}

/** The config named (it alone governs), else the tree of configs: the nearest above the file (or the working directory). */
async function governedBy(target: string | undefined, common: CommonOptions, io: CliIO): Promise<Governed> {
  const slashes = (path: string) => path.split(sep).join('/');
  if (common.config) {
    const configPath = resolve(io.cwd, common.config);
    const setup = await loadSetup({ reader: fsReader(io.cwd), configPath });
    return { setup, chain: [], ...(target ? { file: slashes(relative(dirname(configPath), target)) } : {}) };
  }
  const tree = await treeFor({ cwd: io.cwd, source: { kind: 'git', base: 'HEAD' }, trustedRef: common.trustedRef });
  if (!tree) return { setup: await setupHere(common, io), chain: [] };
  const rel = slashes(relative(tree.root, target ?? resolve(io.cwd)));
  // A file is governed from its folder up; the working directory from itself up.
  const node = tree.governing(rel.startsWith('..') ? '.' : target ? rel : `${rel || '.'}/.`);
  const chain: string[] = [];
  for (let n = node; n; n = n.parent) chain.push(n.path);
  return { setup: await tree.setupOf(node), chain, ...(target ? { file: rel } : {}) };
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
    ...(e.mergedFrom && e.mergedFrom.length > 1 ? [`${c.bold('merged over')}    ${e.mergedFrom.slice(1).join(', ')}`] : []),
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
