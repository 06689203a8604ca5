// Judging a pull request whose checkout has no history: the change set and the gate's own files
// through the GitHub API (files of the change at the merge-base and the head; config, policies,
// inventory and waivers at the base), then the same pipeline as the git path.
import type { GateResult } from '../model.js';
import { InputError } from '../errors.js';
import { CONFIG_NAMES, fileFilterOf, findTrustedConfig, loadSetup } from '../config/index.js';
import { GATE_CHECKS } from '../evaluate/index.js';
import { runPipeline } from '../gate.js';
import { createClient, type ClientOptions, type GitHubClient } from './octokit.js';
import { apiPullRequest, readContent, type PullTarget } from './api-source.js';
import type { TrustedConfig } from './trusted-config.js';
import { isWorkflowPath, withGateFindings, workflowFindings, type WorkflowSides } from './workflows.js';
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
  /** `GITHUB_ACTION_REPOSITORY`: a workflow naming it runs the gate. */
  actionRepository?: string;
}

/** The verdict, and which config judged it: a 404 at the base means defaults, any other failure throws. */
export async function judgeThroughApi(opts: ApiJudgeOptions): Promise<{ result: GateResult; config: TrustedConfig }> {
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
  const pull = await apiPullRequest(client, opts.target, filter);
  const result = runPipeline({ changeSet: pull.changeSet, setup });
  const workflows = await workflowSides(client, opts.target, pull.listed.filter(isWorkflowPath), pull.mergeBase);
  const level = (file: string) => setup.resolve(GATE_CHECKS['gate.policy-change'], file).level;
  const config: TrustedConfig = configPath
    ? { kind: 'found', path: configPath, shown: reader.display(configPath) }
    : { kind: 'absent', looked: CONFIG_NAMES.map((n) => reader.display(`${opts.cwd}/${n}`)) };
  return { result: withGateFindings(result, workflows.flatMap((w) => workflowFindings([w], level(w.path), opts.actionRepository))), config };
}

/** Both sides of each changed workflow (a 404 is a side without the file). */
async function workflowSides(client: GitHubClient, target: PullTarget, paths: string[], mergeBase: string): Promise<WorkflowSides[]> {
  const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8'));
  const out: WorkflowSides[] = [];
  for (const path of [...new Set(paths)]) {
    out.push({ path, before: text(await readContent(client, target, path, mergeBase)), after: text(await readContent(client, target, path, target.headSha)) });
  }
  return out;
}
