import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import type { FailOn, GateResult } from './model.js';
import { InputError } from './errors.js';
import { compareSources, gitChangeSet } from './sources/index.js';
import { fileFilterOf, findConfig, findTrustedConfig, fsReader, gitReader, loadSetup, type GateSetup } from './config/index.js';
import type { Policy } from './evaluate/index.js';
import { runPipeline } from './gate.js';

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
  policies?: Policy<any>[];
}

/** The imperative shell around the pipeline: read the trusted setup and the change set, then run. */
export async function runGate(opts: RunOptions): Promise<GateResult> {
  const setup = await setupFor(opts);
  const filter = fileFilterOf(setup);
  const changeSet =
    opts.source.kind === 'compare'
      ? await compareSources(resolve(opts.cwd, opts.source.before), resolve(opts.cwd, opts.source.after), filter)
      : await gitChangeSet({ cwd: opts.cwd, base: opts.source.base, head: opts.source.head, staged: opts.source.staged, filter });
  return runPipeline({ changeSet, setup, failOn: opts.failOn, now: opts.now });
}

/** Reads the trusted side of a run: the config (named, or found as the CLI finds it), its policies, inventory, schemas and waivers. */
export async function setupFor(opts: RunOptions): Promise<GateSetup> {
  if (opts.trustedRef) {
    const reader = await gitReader(opts.cwd, opts.trustedRef);
    const configPath = await findTrustedConfig(reader, opts.cwd, opts.configPath);
    return loadSetup({ reader, configPath, extraPolicies: opts.policies });
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
  return loadSetup({ reader: fsReader(opts.cwd), configPath, extraPolicies: opts.policies });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new InputError(`${path}: no such file or folder`);
  }
}
