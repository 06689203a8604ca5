// `configgate init`: a commented .configgate.yml and an inventory skeleton from what the
// repository holds. Never overwrites: each file is created exclusively.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Policy } from '../../evaluate/types.js';
import { CONFIG_NAMES, loadSetup, fsReader } from '../../config/index.js';
import { InputError } from '../../errors.js';
import type { CommonOptions } from '../args.js';
import type { CliIO } from '../run.js';
import { DEFAULT_FILTER } from '../../sources/filter.js';
import { scanRepository, type RepoScan, type ScopeKind } from './init-scan.js';
import { wrapText } from './shared.js';

export const INVENTORY_NAME = 'configgate.inventory.yml';
const SCHEMA_URL = 'https://unpkg.com/configgate/schemas';
const LOCAL_SCHEMAS = 'node_modules/configgate/schemas';

export async function runInit(_args: string[], common: CommonOptions, io: CliIO): Promise<number> {
  const existing = CONFIG_NAMES.find((name) => existsSync(join(io.cwd, name)));
  if (existing) throw new InputError(`${existing}: already exists; configgate init never overwrites (edit it, or remove it first)`);
  const scan = await scanRepository(io.cwd);
  const schemas = existsSync(join(io.cwd, LOCAL_SCHEMAS)) ? `./${LOCAL_SCHEMAS}` : SCHEMA_URL;
  const policies = (await loadSetup({ reader: fsReader(io.cwd) })).policies;
  const inventoryExists = existsSync(join(io.cwd, INVENTORY_NAME));
  create(join(io.cwd, CONFIG_NAMES[0]), renderConfig(scan, policies, schemas), CONFIG_NAMES[0]);
  if (!inventoryExists) create(join(io.cwd, INVENTORY_NAME), renderInventory(scan, schemas), INVENTORY_NAME);
  if (!common.quiet) io.stdout(summary(scan, policies.length, inventoryExists));
  return 0;
}

function create(path: string, text: string, shown: string): void {
  try {
    writeFileSync(path, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'EEXIST' ? `${shown}: already exists; configgate init never overwrites` : `${shown}: cannot write (${code ?? 'error'})`);
  }
}

function summary(scan: RepoScan, policyCount: number, inventoryExisted: boolean): string {
  const scopes = (Object.keys(scan.scopes) as ScopeKind[]).filter((k) => scan.scopes[k].size).map((k) => `${scan.scopes[k].size} ${k}`);
  return [
    `wrote ${CONFIG_NAMES[0]}: ${scan.configFiles.length} configuration files, ${policyCount} built-in policies at their default levels`,
    inventoryExisted
      ? `kept ${INVENTORY_NAME} (it exists)`
      : `wrote ${INVENTORY_NAME}: ${scopes.length ? scopes.join(', ') : 'no scopes found'}, to fill in`,
    'next: configgate print-config <file>, then configgate check --staged before a commit',
    '',
  ].join('\n');
}

/** Top folders and how many configuration files each holds, for the header comment. */
function folders(files: string[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const file of files) {
    const top = file.includes('/') ? `${file.split('/')[0]}/` : '(root)';
    counts.set(top, (counts.get(top) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function renderConfig(scan: RepoScan, policies: readonly Policy[], schemas: string): string {
  const lines = [
    `# yaml-language-server: $schema=${schemas}/config.schema.json`,
    '# configgate: which files are configuration, how hard each policy is enforced, and where the',
    '# inventory lives. Written by `configgate init`; every key is explained in the README.',
    '#',
    `# Configuration files found: ${scan.configFiles.length}`,
    ...folders(scan.configFiles).slice(0, 15).map(([dir, n]) => `#   ${dir.padEnd(32)} ${n}`),
    '',
    `files: [${DEFAULT_FILTER.files.map((glob) => JSON.stringify(glob)).join(', ')}]`,
  ];
  if (scan.tooling.length) {
    lines.push('# Tooling files found here configure the build, the editor or CI, not a running system:', 'ignore:');
    for (const t of scan.tooling) lines.push(`  - "${t.glob}"`.padEnd(36) + `# ${t.count} file${t.count === 1 ? '' : 's'}`);
  } else {
    lines.push('ignore: []');
  }
  lines.push(
    '',
    `inventory: ${INVENTORY_NAME}   # traffic shares, pools, callers: blast radius is computed from it`,
    'failOn: rollout                 # exit 1 from needs-rollout up (block, rollout, warn or never)',
    '',
    '# Every built-in policy at its default level: off | warn | rollout | block.',
    '# `configgate explain <id>` shows what each one stops, its options and examples.',
    'rules:',
  );
  for (const p of [...policies].sort((a, b) => a.id.localeCompare(b.id))) {
    // Notices are reported and never counted: there is no level to write for them.
    if (p.meta.defaultLevel === 'notice') continue;
    lines.push(...wrapText(p.meta.description, '  # ', 98), `  ${p.id}: ${p.meta.defaultLevel}`);
  }
  lines.push(
    '',
    '# Softer levels where a mistake reaches no users, by file glob (later entries win):',
    '# overrides:',
    '#   - files: ["**/staging/**", "**/dev/**"]',
    '#     rules: { verbosity.global-raise: warn }',
    '',
    '# Exceptions with an owner, a reason and an end date:',
    '# waivers:',
    '#   - { policy: verbosity.global-raise, files: ["services/batch-*.yaml"], reason: "...", owner: team, expires: "2027-01-31" }',
    '',
  );
  return lines.join('\n');
}

const SCOPE_HEADINGS: Record<Exclude<ScopeKind, 'pools' | 'callers'>, string> = { regions: 'region', environments: 'environment' };

export function renderInventory(scan: RepoScan, schemas: string): string {
  const lines = [
    `# yaml-language-server: $schema=${schemas}/inventory.schema.json`,
    '# The inventory configgate computes blast radius from. `configgate init` found the scopes',
    '# below in this repository; they are commented out until you give them real numbers.',
    '# Until then a change reaches 100% of traffic (assumed): the strictest reading.',
    '',
  ];
  const traffic = (['regions', 'environments'] as const).filter((k) => scan.scopes[k].size);
  if (traffic.length) {
    lines.push('# traffic:                       # percent of traffic per scope name');
    for (const kind of traffic) {
      lines.push(`#   ${SCOPE_HEADINGS[kind]}:`);
      for (const [name, file] of scan.scopes[kind]) lines.push(`#     ${name}: 0`.padEnd(36) + `# seen in ${file}`);
    }
  }
  if (scan.scopes.pools.size) {
    lines.push('# pools:                         # capacity and current load, one unit (rps unless `unit`)');
    for (const [name, file] of scan.scopes.pools) lines.push(`#   ${name}: { capacity: 0, load: 0 }`.padEnd(46) + `# seen in ${file}`);
  }
  if (scan.scopes.callers.size) {
    lines.push('# callers:                       # who calls your APIs; internal callers are never charged or cut off');
    for (const [name, file] of scan.scopes.callers) lines.push(`#   - { id: ${name}, internal: false }`.padEnd(46) + `# seen in ${file}`);
  }
  if (lines.length === 5) lines.push('# traffic:', '#   region: { us-east-1: 60, eu-west-1: 40 }');
  lines.push('{}', '');
  return lines.join('\n');
}
