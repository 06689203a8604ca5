// Judging a pull request whose checkout has no history: the change set and the gate's own files
// through the GitHub API (files of the change at the merge-base and the head; configs, policies,
// inventory and waivers at the base), then the same pipeline as the git path: each file by its
// nearest `.configgate.yml` of the base commit.
import type { GateResult } from '../model.js';
import { InputError } from '../errors.js';
import { CONFIG_NAMES, findTrustedConfig, loadSetup, type GateSetup, type TrustedReader } from '../config/index.js';
import { loadConfigTree } from '../config/tree.js';
import { singleGovernance, treeGovernance, type Governance } from '../governed.js';
import { GATE_CHECKS } from '../evaluate/index.js';
import { decideChange } from '../gate.js';
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
  /** The `config` input, relative to cwd: that one config for every file; empty: every `.configgate.yml` of the base, the nearest governing each file. */
  config: string;
  /** `GITHUB_ACTION_REPOSITORY`: a workflow naming it runs the gate. */
  actionRepository?: string;
}

/** The verdict, and which config judged it: no config at the base means defaults, a config that cannot be read throws. */
export async function judgeThroughApi(opts: ApiJudgeOptions): Promise<{ result: GateResult; config: TrustedConfig }> {
  if (!opts.token) {
    throw new InputError('the checkout has no history and there is no github-token to read the pull request through the GitHub API: set fetch-depth: 0 on actions/checkout');
  }
  const client = createClient(opts.token, opts.clientOptions);
  const top = await repositoryTop(opts.cwd);
  // Configs, policies, inventory and waivers from the base commit: a pull request cannot relax its own gate.
  const reader = apiReader(client, opts.target, opts.target.baseSha, opts.cwd, top);
  const trusted = await baseGovernance(reader, opts.cwd, top, opts.config);
  const pull = await apiPullRequest(client, opts.target, trusted.governance.filter);
  const { evaluated, setup } = await trusted.governance.evaluate(pull.changeSet);
  const result = decideChange(evaluated, { changeSet: pull.changeSet, setup });
  const workflows = await workflowSides(client, opts.target, pull.listed.filter(isWorkflowPath), pull.mergeBase);
  const gated = [];
  for (const w of workflows) {
    const level = (await trusted.setupOf(w.path)).resolve(GATE_CHECKS['gate.policy-change'], w.path).level;
    gated.push(...workflowFindings([w], level, opts.actionRepository));
  }
  return { result: withGateFindings(result, gated), config: trusted.config };
}

interface BaseGovernance {
  governance: Governance;
  /** The setup that governs a repository path. */
  setupOf(path: string): Promise<GateSetup>;
  config: TrustedConfig;
}

/**
 * The `config` input names one config for every file. Without it, every config of the base
 * commit's tree (one listing) is read, and each file is judged by its nearest: a config the tree
 * lists but the API cannot serve fails the step (never the defaults in its place).
 */
async function baseGovernance(reader: TrustedReader, cwd: string, top: string, named: string): Promise<BaseGovernance> {
  if (named) {
    const configPath = await findTrustedConfig(reader, cwd, named);
    const setup = await loadSetup({ reader, configPath });
    return { governance: singleGovernance(setup), setupOf: async () => setup, config: { kind: 'found', path: configPath!, shown: reader.display(configPath!) } };
  }
  const tree = await loadConfigTree({ reader, root: top });
  const shown = tree.governing('.') ?? tree.nodes[0];
  const config: TrustedConfig = shown
    ? { kind: 'found', path: shown.path, shown: reader.display(shown.path) }
    : { kind: 'absent', looked: CONFIG_NAMES.map((n) => reader.display(`${top}/${n}`)) };
  return { governance: treeGovernance(tree), setupOf: (path) => tree.setupOf(tree.governing(path)), config };
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
