// The Action's work once there is a change to judge: the verdict (from git, or through the API without
// history), then every surface rendered from it. Loaded by main.ts only then, so a run with nothing to
// judge never loads the engine (the bundle keeps this in its own chunk).
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GateResult } from '../model.js';
import { InputError } from '../errors.js';
import { runGate, setupFor } from '../run.js';
import { GATE_CHECKS } from '../evaluate/index.js';
import { commentMarker, renderJson, renderMarkdown, renderNotJudged } from '../report/index.js';
import { packageRoot } from '../assets.js';
import type { RunnerContext } from './context.js';
import { evidenceFromInput, planFromPullRequest } from './evidence.js';
import type { JudgedChange } from './events.js';
import type { ActionInputs } from './inputs.js';
import { checkHistory, gitWorkflowChanges, repositoryTop } from './git.js';
import { defaultsNote, locateGitConfig, type TrustedConfig } from './trusted-config.js';
import { applyFailOnInput } from './fail-on.js';
import { withGateFindings, workflowFindings } from './workflows.js';
import { judgeThroughApi } from './api-fallback.js';
import { emitAnnotations } from './annotations.js';
import { SUMMARY_MAX_LENGTH, writeSummary } from './summary.js';
import { writeReportFile, writeSarif } from './sarif.js';
import { clientOptionsFromEnv, createClient, type GitHubClient } from './octokit.js';
import { publishCheckRun } from './check-run.js';
import { fitComment, statusOf, tokenIdentity, upsertComment, MAX_COMMENT_LENGTH } from './comment.js';
import { oneLine, verdictLine } from './verdict.js';

/** Leaves room under GitHub's 65,536 for the renderer's own truncation note. */
const COMMENT_RENDER_LENGTH = 65_000;

/** Judges the change, reports it on every surface, and fails the step when the verdict says so. */
export async function judgeAndReport(inputs: ActionInputs, context: RunnerContext, pr: JudgedChange): Promise<void> {
  const { result, notes } = await judge(inputs, context, pr);
  if (result.policyFilesChanged?.length) {
    core.info(`configgate: this pull request changes the gate's own files (${result.policyFilesChanged.join(', ')}); they were judged by the base commit's version`);
  }

  await report(result, inputs, context, pr, notes);

  if (result.failed) core.setFailed(verdictLine(result));
  else core.info(verdictLine(result));
}

interface Judged {
  result: GateResult;
  /** What the reports say besides the verdict: defaults used, an input ignored. */
  notes: string[];
}

/** The verdict on the change: from git, or through the API without history; then the Action's own checks. */
async function judge(inputs: ActionInputs, context: RunnerContext, pr: JudgedChange): Promise<Judged> {
  const cwd = resolve(context.workspace, inputs.workingDirectory);
  const history = await checkHistory(cwd, pr.baseSha, pr.headSha);
  if (history.kind === 'unrelated') core.warning(`configgate: ${history.warning}`);
  core.info(`configgate: ${pr.label}, base ${pr.baseSha.slice(0, 12)} → head ${pr.headSha.slice(0, 12)}; policies from the base commit`);
  const actionRepository = process.env.GITHUB_ACTION_REPOSITORY || undefined;
  let judged: GateResult;
  let config: TrustedConfig;
  if (history.kind === 'missing') {
    if (pr.number === undefined) throw new InputError(`the checkout has no history for ${pr.baseSha.slice(0, 12)}…${pr.headSha.slice(0, 12)}: set fetch-depth: 0 on actions/checkout`);
    core.warning(
      `configgate: the checkout has no history for ${pr.baseSha.slice(0, 12)}…${pr.headSha.slice(0, 12)} (set fetch-depth: 0 on actions/checkout); reading the pull request through the GitHub API instead`,
    );
    core.info(`configgate: ${history.reason}`);
    ({ result: judged, config } = await judgeThroughApi({
      token: inputs.token,
      clientOptions: clientOptionsFromEnv(process.env, context.apiUrl),
      target: { owner: context.owner, repo: context.repo, number: pr.number, baseSha: pr.baseSha, headSha: pr.headSha },
      cwd,
      config: inputs.config ?? '',
      actionRepository,
    }));
  } else {
    ({ result: judged, config } = await judgeFromGit(cwd, inputs, context, pr, actionRepository));
  }
  // The engine labels the sides by the refs it was given (full SHAs); people read branch names.
  const labelled: GateResult = { ...judged, baseLabel: sideLabel(pr.baseRef, pr.baseSha), headLabel: sideLabel(pr.headRef, pr.headSha) };
  const threshold = applyFailOnInput(labelled, inputs.failOn);
  const notes = [defaultsNote(config, pr.baseSha), threshold.ignored].filter((n): n is string => Boolean(n));
  for (const note of notes) core.notice(`configgate: ${note}`);
  return { result: threshold.result, notes };
}

/** The checkout holds both sides: config, policies, inventory and waivers from the base commit. */
async function judgeFromGit(cwd: string, inputs: ActionInputs, context: RunnerContext, pr: JudgedChange, actionRepository?: string): Promise<{ result: GateResult; config: TrustedConfig }> {
  const top = await repositoryTop(cwd);
  // Absent and unreadable are told apart before the engine reads it: only absent means defaults.
  const config = await locateGitConfig(cwd, top, pr.baseSha, inputs.config);
  const rollout = {
    ...evidenceFromInput(inputs.evidence, { token: inputs.token, apiUrl: context.apiUrl, repository: `${context.owner}/${context.repo}`, headSha: pr.headSha, workspace: context.workspace }),
    ...(pr.number !== undefined ? planFromPullRequest(pr.number, pr.body) : {}),
  };
  // The `config` input names one config for every file; without it each file is judged by its
  // nearest `.configgate.yml` of the base commit (read by the engine at trustedRef).
  const configPath = inputs.config && config.kind === 'found' ? config.path : undefined;
  const options = { cwd, source: { kind: 'git', base: pr.baseSha, head: pr.headSha } as const, configPath, trustedRef: pr.baseSha };
  const result = await runGate({ ...options, ...rollout });
  const workflows = await gitWorkflowChanges(top, pr.baseSha, pr.headSha);
  if (workflows.length === 0) return { result, config };
  const setup = await setupFor(options);
  const level = (file: string) => setup.resolve(GATE_CHECKS['gate.policy-change'], file).level;
  return { result: withGateFindings(result, workflows.flatMap((w) => workflowFindings([w], level(w.path), actionRepository))), config };
}

/**
 * The sticky comment after an error: the previous verdict no longer describes the head, so the
 * comment says the change could not be judged. Best effort: the step has failed already.
 */
export async function reportNotJudged(line: string, inputs: ActionInputs, context: RunnerContext, pr: JudgedChange): Promise<void> {
  if (!inputs.comment || !inputs.token || pr.number === undefined) return;
  if (pr.fork && context.eventName === 'pull_request') return;
  try {
    const client = createClient(inputs.token, clientOptionsFromEnv(process.env, context.apiUrl));
    const body = renderNotJudged({ instance: inputs.instance, reason: line, head: sideLabel(pr.headRef, pr.headSha), summaryUrl: context.summaryUrl });
    const outcome = await upsertComment(client, { owner: context.owner, repo: context.repo, issueNumber: pr.number }, commentMarker(inputs.instance), body, await tokenIdentity(client));
    core.info(`configgate: comment ${outcome.action} to say the change could not be judged`);
  } catch (error) {
    core.warning(`configgate: the pull request comment could not be updated to say the change was not judged: ${oneLine(error)}`);
  }
}

/** Every surface, rendered from the one result. Only the comment and the check run may fail softly. */
async function report(result: GateResult, inputs: ActionInputs, context: RunnerContext, pr: JudgedChange, notes: string[]): Promise<void> {
  emitAnnotations(result);

  try {
    await writeSummary(renderMarkdown(result, { instance: inputs.instance, maxLength: SUMMARY_MAX_LENGTH, notes }));
  } catch (error) {
    core.warning(`configgate: cannot write the job summary: ${oneLine(error)}`);
  }

  const reportPath = join(context.runnerTemp, `configgate-${inputs.instance}.json`);
  await writeReportFile(reportPath, renderJson(result));
  const sarifPath = inputs.sarif ? await writeSarif(result, resolve(context.workspace, inputs.sarif), version()) : '';

  core.setOutput('verdict', result.verdict);
  core.setOutput('blocking', result.counts.block);
  core.setOutput('rollout', result.counts.rollout);
  core.setOutput('warnings', result.counts.warn);
  core.setOutput('findings', result.findings.length);
  core.setOutput('report', reportPath);
  core.setOutput('sarif', sarifPath);

  await publish(result, inputs, context, pr, notes);
}

/**
 * The surfaces written through the API (the sticky comment, the check run), with one client so the
 * deadline bounds them together. Skipped on a fork's read-only token; a failure of either is a
 * warning, never the step's outcome.
 */
async function publish(result: GateResult, inputs: ActionInputs, context: RunnerContext, pr: JudgedChange, notes: string[]): Promise<void> {
  if (!inputs.comment) core.info('configgate: comment: false, no pull request comment');
  if (!inputs.checkRun) core.info('configgate: check-run: false, no check run');
  const surfaces = [inputs.comment && 'pull request comment', inputs.checkRun && 'check run'].filter((s): s is string => Boolean(s));
  if (surfaces.length === 0) return;
  if (pr.fork && context.eventName === 'pull_request') {
    core.warning(`configgate: pull request from a fork: the token is read-only, so no ${surfaces.join(' and no ')}; see the annotations and the job summary`);
    return;
  }
  if (!inputs.token) {
    core.warning(`configgate: no github-token, so no ${surfaces.join(' and no ')}; see the annotations and the job summary`);
    return;
  }
  const client = createClient(inputs.token, clientOptionsFromEnv(process.env, context.apiUrl));
  if (inputs.comment && pr.number === undefined) core.info(`configgate: ${pr.label} is no pull request: no comment`);
  else if (inputs.comment) await comment(client, result, inputs, context, pr.number!, notes);
  if (inputs.checkRun) {
    await publishCheckRun(client, { owner: context.owner, repo: context.repo }, result, { instance: inputs.instance, headSha: pr.headSha, notes, budgetMs: budgetFromEnv() });
  }
}

/** The sticky comment; a failure here is a warning, never the step's outcome. */
async function comment(client: GitHubClient, result: GateResult, inputs: ActionInputs, context: RunnerContext, issueNumber: number, notes: string[]): Promise<void> {
  const marker = commentMarker(inputs.instance);
  const body = fitComment(
    renderMarkdown(result, { instance: inputs.instance, maxLength: COMMENT_RENDER_LENGTH, summaryUrl: context.summaryUrl, notes }),
    context.summaryUrl,
    MAX_COMMENT_LENGTH,
  );
  try {
    const identity = await tokenIdentity(client);
    const target = { owner: context.owner, repo: context.repo, issueNumber };
    const outcome = await upsertComment(client, target, marker, body, identity);
    core.info(`configgate: comment ${outcome.action}${outcome.url ? `: ${outcome.url}` : ` (${outcome.id})`}`);
  } catch (error) {
    const status = statusOf(error);
    const why =
      status === 403 || status === 401 || status === 404
        ? `GitHub answered ${status} (the token needs \`pull-requests: write\`; fork pull requests get a read-only token)`
        : `the GitHub API failed${status ? ` with ${status}` : ''} after retries: ${oneLine(error)}`;
    core.warning(`configgate: the pull request comment was not written: ${why}; see the annotations and the job summary`);
  }
}

function sideLabel(ref: string | undefined, sha: string): string {
  return ref ? `${ref} (${sha.slice(0, 7)})` : sha.slice(0, 7);
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** `CONFIGGATE_CHECK_BUDGET_MS`: how long annotations may be appended (tests, slow GHES instances). */
function budgetFromEnv(): number | undefined {
  const raw = process.env.CONFIGGATE_CHECK_BUDGET_MS;
  const value = raw ? Number(raw) : NaN;
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}
