// The library's front door: one call from a change to a typed result, the way the CLI judges it.
import { join, resolve } from 'node:path';
import { dump } from 'js-yaml';
import type { ChangeSet, FailOn, FileDelta, GateResult, SkippedFile } from './model.js';
import type { Policy } from './evaluate/types.js';
import type { AnalyzerDefinition } from './analyze/types.js';
import { InputError } from './errors.js';
import { gitMaybe } from './git.js';
import { fileFilterOf, fsReader, loadSetup, type ConfigFileData, type GateSetup, type TrustedReader } from './config/index.js';
import { classify, type FileFilter } from './sources/filter.js';
import { changedPaths, memoryUnchangedBase } from './sources/unchanged-base.js';
import { gitChangeSet } from './sources/index.js';
import { governanceFor, setupFor } from './run.js';
import { decideChange, runPipeline } from './gate.js';
import { render, type RenderOptions, type ReportFormat } from './report/index.js';

/**
 * Two versions of a set of files, held in memory: repository-relative path → text. A path on
 * one side only is an added or deleted file; the same text on both sides is no change.
 */
export interface MemoryChange {
  before: Record<string, string>;
  after: Record<string, string>;
}

/**
 * A change in a git repository, judged as `configgate check` judges it: merge-base(base, head)
 * → head, or HEAD → the index with `staged`.
 */
export interface GitChange {
  /** A folder inside the repository. */
  cwd: string;
  /** Default: origin/HEAD, else origin/main, origin/master, main, master. */
  base?: string;
  /** Default: HEAD. */
  head?: string;
  /** Compare the index with HEAD (what a commit would record), as a pre-commit hook does. */
  staged?: boolean;
}

/** What {@link check} judges: files in memory, or a git change. */
export type CheckInput = MemoryChange | GitChange;

/** How {@link check} judges: the config, the threshold, the clock, policies written in code. */
export interface CheckOptions {
  /**
   * The config: a path to a `.configgate.yml` (relative to `cwd`), or its content as an object
   * (validated as the file would be). Default: for a git change, `.configgate.yml` found from its
   * `cwd` upward; for files in memory, the built-in defaults.
   */
  config?: string | ConfigFileData;
  /** Where the config's relative paths (policies, inventory, schemas) start. Default: the git change's `cwd`, else the process's. */
  cwd?: string;
  /** Read the config, policies and inventory from this commit, never the working tree (a pull request's base). */
  trustedRef?: string;
  /** The lowest verdict that sets `failed` (default: the config's `failOn`, else `rollout`). */
  failOn?: FailOn;
  /** The clock of the run (waiver expiry), for reproducible results. */
  now?: Date;
  /** Policies written in TypeScript (`definePolicy`), added to the configured ones. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a policy of any options type
  policies?: Policy<any>[];
  /** Analyzers written in TypeScript (`defineAnalyzer`), run after the built-in ones. */
  analyzers?: AnalyzerDefinition[];
}

/**
 * Judges a change and returns the typed result: verdict, findings, signals, waivers, rollout.
 * Reads no more than the CLI would (the config and its files, git for a git change) and writes
 * nothing; render the result with {@link format}. Bad input throws an {@link InputError} whose
 * message names the file and the problem.
 *
 * @example
 * const result = await check({ before: { 'app.yaml': 'logLevel: info\n' }, after: { 'app.yaml': 'logLevel: debug\n' } });
 * result.verdict; // 'block'
 */
export async function check(input: CheckInput, options: CheckOptions = {}): Promise<GateResult> {
  const memory = isMemoryChange(input);
  const cwd = resolve(options.cwd ?? (memory ? process.cwd() : input.cwd));
  if (!memory && (options.config === undefined || typeof options.config === 'string')) {
    // As the CLI judges it: each file by the config that governs it (nested configs).
    const governance = await governanceFor({ cwd, source: { kind: 'git', base: 'HEAD' }, configPath: options.config, trustedRef: options.trustedRef, policies: options.policies, analyzers: options.analyzers });
    const maxBytes = (await governance.primary()).data.limits?.maxBytes;
    const changeSet = await gitChange({ ...input, cwd: resolve(input.cwd) }, governance.filter, maxBytes);
    const { evaluated, setup } = await governance.evaluate(changeSet);
    return decideChange(evaluated, { changeSet, setup, failOn: options.failOn, now: options.now });
  }
  const setup = await setupOf(memory, cwd, options);
  const filter = fileFilterOf(setup);
  const changeSet = memory ? memoryChangeSet(input, filter) : await gitChange(input, filter, setup.data.limits?.maxBytes);
  return runPipeline({ changeSet, setup, failOn: options.failOn, now: options.now });
}

/**
 * Renders a result as `text` (the default), `json` (the contract of `--format json`), `markdown`
 * (the pull-request comment) or `sarif` (SARIF 2.1.0). Pure: the same result gives the same text.
 */
export function format(result: GateResult, as: ReportFormat = 'text', options: RenderOptions = {}): string {
  return render(result, as, options);
}

function isMemoryChange(input: CheckInput): input is MemoryChange {
  if (input === null || typeof input !== 'object') throw new InputError('check: the input must be { before, after } or { cwd, base?, head?, staged? }');
  if ('before' in input || 'after' in input) {
    for (const side of ['before', 'after'] as const) {
      const files = (input as MemoryChange)[side];
      if (files === null || typeof files !== 'object') throw new InputError(`check: ${side} must be an object of path → text`);
      for (const [path, text] of Object.entries(files)) {
        if (typeof text !== 'string') throw new InputError(`check: ${side}["${path}"] must be the file's text, not ${typeof text}`);
      }
    }
    return true;
  }
  const git = input as GitChange;
  if (typeof git.cwd !== 'string') throw new InputError('check: the input must be { before, after } or { cwd, base?, head?, staged? }');
  if (git.staged && (git.base || git.head)) throw new InputError('check: staged compares the index with HEAD; it takes no base or head');
  return false;
}

async function setupOf(memory: boolean, cwd: string, options: CheckOptions): Promise<GateSetup> {
  const { config, policies, analyzers } = options;
  if (config !== undefined && typeof config === 'object') {
    const configPath = join(cwd, '.configgate.yml');
    return loadSetup({ reader: withConfig(fsReader(cwd), configPath, dump(config)), configPath, extraPolicies: policies, extraAnalyzers: analyzers });
  }
  if (config === undefined && memory && !options.trustedRef) return loadSetup({ reader: fsReader(cwd), extraPolicies: policies, extraAnalyzers: analyzers });
  return setupFor({ cwd, source: { kind: 'git', base: 'HEAD' }, configPath: config, trustedRef: options.trustedRef, policies, analyzers });
}

/** A reader that holds the config given as an object at `configPath`, and reads the rest from disk. */
function withConfig(reader: TrustedReader, configPath: string, text: string): TrustedReader {
  return {
    ...reader,
    label: 'options.config',
    read: (path) => (path === configPath ? Promise.resolve(text) : reader.read(path)),
    display: (path) => (path === configPath ? 'options.config' : reader.display(path)),
  };
}

function memoryChangeSet(input: MemoryChange, filter: FileFilter): ChangeSet {
  const files: FileDelta[] = [];
  const skipped: SkippedFile[] = [];
  const paths = [...new Set([...Object.keys(input.before), ...Object.keys(input.after)])].sort();
  for (const path of paths) {
    const before = Object.hasOwn(input.before, path) ? input.before[path] : undefined;
    const after = Object.hasOwn(input.after, path) ? input.after[path] : undefined;
    if (before === after) continue;
    const kind = classify(path, filter);
    if (kind !== 'config') {
      skipped.push({ path, reason: kind });
      continue;
    }
    const blob = (text: string) => ({ path, text, bytes: Buffer.byteLength(text) });
    const status = before === undefined ? 'added' : after === undefined ? 'deleted' : 'modified';
    files.push({ status, path, ...(before !== undefined ? { before: blob(before) } : {}), ...(after !== undefined ? { after: blob(after) } : {}) });
  }
  const set: ChangeSet = { baseLabel: 'before', headLabel: 'after', files, skipped };
  set.unchangedBase = memoryUnchangedBase(input.before, filter, changedPaths(set));
  return set;
}

async function gitChange(input: GitChange, filter: FileFilter, maxBytes: number | undefined): Promise<ChangeSet> {
  if (input.staged) return gitChangeSet({ cwd: input.cwd, base: 'HEAD', staged: true, filter, maxBytes });
  const base = input.base || (await defaultBase(input.cwd));
  return gitChangeSet({ cwd: input.cwd, base, head: input.head, filter, maxBytes });
}

/** The branch a change would merge into: origin's default branch, else main or master. */
export async function defaultBase(cwd: string): Promise<string> {
  for (const ref of ['origin/HEAD', 'origin/main', 'origin/master', 'main', 'master']) {
    if ((await gitMaybe(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])) !== undefined) return ref;
  }
  throw new InputError('check: no --base given and none of origin/HEAD, origin/main, main, master exists; pass --base REF');
}
