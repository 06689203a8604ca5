import { dirname, relative, resolve, sep } from 'node:path';
import { readFileSync, statSync } from 'node:fs';
import type { FailOn, GateResult } from './model.js';
import { InputError } from './errors.js';
import { compareSources, gitChangeSet } from './sources/index.js';
import { findConfig, findTrustedConfig, fsReader, gitReader, loadSetup, type GateSetup } from './config/index.js';
import { loadConfigTree, type ConfigTree } from './config/tree.js';
import { singleGovernance, treeGovernance, type Governance } from './governed.js';
import type { Policy } from './evaluate/index.js';
import { decideChange, type Evaluated } from './gate.js';
import { catFileBatch } from './sources/git.js';
import { gitMaybe, gitText } from './git.js';
import { readEvidenceFile } from './rollout/evidence.js';
import { rolloutInput, type RolloutSources } from './rollout/input.js';
import { gitBaseHistory } from './rollout/git-history.js';
import type { Evidence, Plan } from './rollout/types.js';
import type { AnalyzerDefinition } from './analyze/types.js';

/** Options of {@link runGate}: where to run, what to compare, which config and policies, the threshold and the clock. */
export interface RunOptions {
  cwd: string;
  source: { kind: 'compare'; before: string; after: string } | { kind: 'git'; base: string; head?: string; staged?: boolean };
  /** Explicit config file; otherwise `.configgate.yml` is looked for. */
  configPath?: string;
  /** Read config, policies, inventory and waivers from this git ref (a pull request's base), never the working tree. */
  trustedRef?: string;
  failOn?: FailOn;
  now?: Date;
  /** Policies written in TypeScript, added to the configured ones. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a policy of any options type
  policies?: Policy<any>[];
  /** Where the evidence of a deploy-before-merge rollout comes from: an evidence file, or a reader (GitHub). */
  evidence?: { kind: 'file'; path: string } | { kind: 'reader'; read: (plan: Plan, sha?: string) => Promise<Evidence[]> };
  /** Report the rollout even when no finding needs one (`configgate rollout status`). */
  rolloutStatus?: boolean;
  /** A plan the change carries outside its files (a pull request description); the plan file wins. */
  rolloutPlan?: { source: string; text: string };
  /** Analyzers written in TypeScript (`defineAnalyzer`), run after the built-in ones. */
  analyzers?: AnalyzerDefinition[];
}

/** The imperative shell around the pipeline: read the trusted setup and the change set, then run. */
export async function runGate(opts: RunOptions): Promise<GateResult> {
  const governance = await governanceFor(opts);
  const filter = governance.filter;
  const maxBytes = (await governance.primary()).data.limits?.maxBytes;
  const changeSet =
    opts.source.kind === 'compare'
      ? await compareSources(resolve(opts.cwd, opts.source.before), resolve(opts.cwd, opts.source.after), filter, opts.cwd, { maxBytes })
      : await gitChangeSet({ cwd: opts.cwd, base: opts.source.base, head: opts.source.head, staged: opts.source.staged, filter, maxBytes });
  const { evaluated, setup } = await governance.evaluate(changeSet);
  const rollout = needsRollout(evaluated, opts) ? await rolloutInput(setup, await rolloutSources(opts), evaluated.signals, evaluated.findings) : undefined;
  return decideChange(evaluated, { changeSet, setup, failOn: opts.failOn, now: opts.now, ...(rollout ? { rollout } : {}) });
}

function needsRollout(evaluated: Evaluated, opts: RunOptions): boolean {
  return Boolean(opts.rolloutStatus) || evaluated.findings.some((f) => f.level === 'rollout');
}

/** The head side (for the change's own plan), the evidence and, in a git repository, the base branch's history. */
async function rolloutSources(opts: RunOptions): Promise<RolloutSources> {
  const sources: RolloutSources = { always: opts.rolloutStatus, ...(opts.rolloutPlan ? { plan: opts.rolloutPlan } : {}) };
  const { source, cwd } = opts;
  if (source.kind === 'compare') {
    const after = resolve(cwd, source.after);
    sources.readHead = async (path) => (isDirectory(after) ? readIfFile(resolve(after, path)) : undefined);
  } else {
    // A bare repository (a mirror replayed by backtest) has no top level: git reads from where it is.
    const top = (await gitMaybe(cwd, ['rev-parse', '--show-toplevel']))?.trim() || cwd;
    const headName = source.staged ? '' : (source.head ?? 'HEAD');
    sources.readHead = async (path) => (await catFileBatch(top, [`${headName}:${path}`])).get(`${headName}:${path}`)?.toString('utf8');
    if (!source.staged) {
      const mergeBase = (await gitText(cwd, ['merge-base', source.base, source.head ?? 'HEAD'])).trim();
      sources.history = gitBaseHistory(top, mergeBase, (await governanceFor(opts)).filter);
    }
  }
  if (opts.evidence?.kind === 'file') sources.evidence = readEvidenceFile(resolve(cwd, opts.evidence.path));
  if (opts.evidence?.kind === 'reader') sources.evidence = opts.evidence.read;
  return sources;
}

function readIfFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

const governances = new WeakMap<RunOptions, Promise<Governance>>();

/**
 * How a run's files are governed: by the config named (`--config`), else by the tree of
 * `.configgate.yml` files of the repository (the trusted commit's with `trustedRef`) or of the
 * compared folder; two files compared have one config.
 */
export function governanceFor(opts: RunOptions): Promise<Governance> {
  let governance = governances.get(opts);
  if (!governance) {
    governance = readGovernance(opts);
    governances.set(opts, governance);
  }
  return governance;
}

async function readGovernance(opts: RunOptions): Promise<Governance> {
  const tree = await treeFor(opts);
  return tree ? treeGovernance(tree) : singleGovernance(await singleSetup(opts));
}

/** The tree of configs of the run, or undefined when one config governs everything. */
export async function treeFor(opts: RunOptions): Promise<ConfigTree | undefined> {
  if (opts.configPath) return undefined;
  const extra = { extraPolicies: opts.policies, extraAnalyzers: opts.analyzers };
  if (opts.source.kind === 'compare') {
    const after = resolve(opts.cwd, opts.source.after);
    if (!isDirectory(after)) return undefined;
    const found = findConfig(after) ?? findConfig(opts.cwd);
    const outer = found && relative(after, found).startsWith('..') ? found : undefined;
    return loadConfigTree({ reader: fsReader(opts.cwd), root: after, ...(outer ? { outer } : {}), ...extra });
  }
  const reader = opts.trustedRef ? await gitReader(opts.cwd, opts.trustedRef) : fsReader(opts.cwd);
  // Outside a repository (print-config, explain in a plain folder): from the outermost config above.
  // A bare repository read at a trusted ref (backtest on a mirror): paths are relative to it.
  const top = (await gitMaybe(opts.cwd, ['rev-parse', '--show-toplevel'])) || (opts.trustedRef ? resolve(opts.cwd) : outermostConfigDir(resolve(opts.cwd)));
  return loadConfigTree({ reader, root: top, ...extra });
}

/**
 * Reads the trusted side of a run: the config named, else the one governing the working
 * directory (merged over the configs above it), its policies, inventory, schemas and waivers.
 */
export async function setupFor(opts: RunOptions): Promise<GateSetup> {
  const tree = await treeFor(opts);
  if (!tree) return singleSetup(opts);
  const here = relative(tree.root, resolve(opts.cwd)).split(sep).join('/');
  return tree.setupOf(tree.governing(here.startsWith('..') ? '.' : `${here || '.'}/.`));
}

function outermostConfigDir(dir: string): string {
  let outermost = dir;
  for (let found = findConfig(dir); found; found = findConfig(dirname(dirname(found)))) {
    outermost = dirname(found);
    if (dirname(outermost) === outermost) break;
  }
  return outermost;
}

async function singleSetup(opts: RunOptions): Promise<GateSetup> {
  if (opts.trustedRef) {
    const reader = await gitReader(opts.cwd, opts.trustedRef);
    const configPath = await findTrustedConfig(reader, opts.cwd, opts.configPath);
    return loadSetup({ reader, configPath, extraPolicies: opts.policies, extraAnalyzers: opts.analyzers });
  }
  let configPath: string | undefined;
  if (opts.configPath) {
    configPath = resolve(opts.cwd, opts.configPath);
  } else if (opts.source.kind === 'compare') {
    const after = resolve(opts.cwd, opts.source.after);
    const afterDir = isDirectory(after) ? after : resolve(after, '..');
    configPath = findConfig(afterDir) ?? findConfig(opts.cwd);
  } else {
    configPath = findConfig(resolve(opts.cwd));
  }
  return loadSetup({ reader: fsReader(opts.cwd), configPath, extraPolicies: opts.policies, extraAnalyzers: opts.analyzers });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new InputError(`${path}: no such file or folder`);
  }
}
