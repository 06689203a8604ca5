// Judging a pull request whose checkout has no history: the change set and the gate's own files
// through the GitHub API (files of the change at the merge-base and the head; config, policies,
// inventory and waivers at the base), then the same pipeline as the git path.
import type { FailOn, GateResult } from '../model.js';
import { InputError } from '../errors.js';
import { fileFilterOf, findTrustedConfig, loadSetup } from '../config/index.js';
import { runPipeline } from '../gate.js';
import { createClient, type ClientOptions } from './octokit.js';
import { apiChangeSet, type PullTarget } from './api-source.js';
import { apiReader } from './api-reader.js';
import { repositoryTop } from './git.js';

export interface ApiJudgeOptions {
  token: string;
  clientOptions: ClientOptions;
  target: PullTarget;
  /** The checkout (working-directory), for mapping the config path to a repository path. */
  cwd: string;
  /** The `config` input, relative to cwd; empty: `.configgate.yml` / `.configgate.yaml` at the base, if any. */
  config: string;
  failOn?: FailOn;
}

export async function judgeThroughApi(opts: ApiJudgeOptions): Promise<GateResult> {
  if (!opts.token) {
    throw new InputError('the checkout has no history and there is no github-token to read the pull request through the GitHub API: set fetch-depth: 0 on actions/checkout');
  }
  const client = createClient(opts.token, opts.clientOptions);
  const top = await repositoryTop(opts.cwd);
  // Config, policies, inventory and waivers from the base commit: a pull request cannot relax its own gate.
  const reader = apiReader(client, opts.target, opts.target.baseSha, opts.cwd, top);
  const configPath = await findTrustedConfig(reader, opts.cwd, opts.config);
  const setup = await loadSetup({ reader, configPath });
  const filter = fileFilterOf(setup);
  const changeSet = await apiChangeSet(client, opts.target, filter);
  return runPipeline({ changeSet, setup, failOn: opts.failOn });
}
