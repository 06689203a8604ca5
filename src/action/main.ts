// The Action: runner context → runGate → annotations, summary, outputs, report files, sticky comment, check run.
// A thin shell: the verdict comes from the engine; any error fails the step (fail closed).
// `run()` is called by index.ts (the bundle's entry) and, in-process, by the tests.
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GateResult } from '../model.js';
import { InputError } from '../errors.js';
import { runGate } from '../run.js';
import { commentMarker, renderJson, renderMarkdown } from '../report/index.js';
import { packageRoot } from '../assets.js';
import { readContext, type PullRequestContext, type RunnerContext } from './context.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { checkHistory } from './git.js';
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

export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    const context = readContext(process.env, process.cwd());
    const pr = context.pullRequest;
    if (!pr) {
      throw new InputError(`configgate judges pull requests: run it on pull_request, not "${context.eventName || 'an unknown event'}"`);
    }
    const cwd = resolve(context.workspace, inputs.workingDirectory);
    const history = await checkHistory(cwd, pr.baseSha, pr.headSha);
    if (history.kind === 'unrelated') core.warning(`configgate: ${history.warning}`);

    core.info(`configgate: pull request #${pr.number}, base ${pr.baseSha.slice(0, 12)} → head ${pr.headSha.slice(0, 12)}; policies from the base commit`);
    // Config, policies, inventory and waivers come from the base commit: a pull request cannot relax its own gate.
    let judged: GateResult;
    if (history.kind === 'missing') {
      core.warning(
        `configgate: the checkout has no history for ${pr.baseSha.slice(0, 12)}…${pr.headSha.slice(0, 12)} (set fetch-depth: 0 on actions/checkout); reading the pull request through the GitHub API instead`,
      );
      core.info(`configgate: ${history.reason}`);
      judged = await judgeThroughApi({
        token: inputs.token,
        clientOptions: clientOptionsFromEnv(process.env, context.apiUrl),
        target: { owner: context.owner, repo: context.repo, number: pr.number, baseSha: pr.baseSha, headSha: pr.headSha },
        cwd,
        config: inputs.config ?? '',
        failOn: inputs.failOn,
      });
    } else {
      judged = await runGate({
        cwd,
        source: { kind: 'git', base: pr.baseSha, head: pr.headSha },
        configPath: inputs.config,
        trustedRef: pr.baseSha,
        failOn: inputs.failOn,
      });
    }
    // The engine labels the sides by the refs it was given (full SHAs); people read branch names.
    const result: GateResult = { ...judged, baseLabel: sideLabel(pr.baseRef, pr.baseSha), headLabel: sideLabel(pr.headRef, pr.headSha) };
    if (result.policyFilesChanged?.length) {
      core.info(`configgate: this pull request changes the gate's own files (${result.policyFilesChanged.join(', ')}); they were judged by the base commit's version`);
    }

    await report(result, inputs, context, pr);

    if (result.failed) core.setFailed(verdictLine(result));
    else core.info(verdictLine(result));
  } catch (error) {
    const message = oneLine(error);
    core.setFailed(error instanceof InputError ? `configgate: ${message}` : `configgate: internal error: ${message}`);
    if (process.env.CONFIGGATE_DEBUG && error instanceof Error && error.stack) core.debug(error.stack);
  }
}

/** Every surface, rendered from the one result. Only the comment and the check run may fail softly. */
async function report(result: GateResult, inputs: ActionInputs, context: RunnerContext, pr: PullRequestContext): Promise<void> {
  emitAnnotations(result);

  try {
    await writeSummary(renderMarkdown(result, { instance: inputs.instance, maxLength: SUMMARY_MAX_LENGTH }));
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

  await publish(result, inputs, context, pr);
}

/**
 * The surfaces written through the API (the sticky comment, the check run), with one client so the
 * deadline bounds them together. Skipped on a fork's read-only token; a failure of either is a
 * warning, never the step's outcome.
 */
async function publish(result: GateResult, inputs: ActionInputs, context: RunnerContext, pr: PullRequestContext): Promise<void> {
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
  if (inputs.comment) await comment(client, result, inputs, context, pr.number);
  if (inputs.checkRun) {
    await publishCheckRun(client, { owner: context.owner, repo: context.repo }, result, { instance: inputs.instance, headSha: pr.headSha });
  }
}

/** The sticky comment; a failure here is a warning, never the step's outcome. */
async function comment(client: GitHubClient, result: GateResult, inputs: ActionInputs, context: RunnerContext, issueNumber: number): Promise<void> {
  const marker = commentMarker(inputs.instance);
  const body = fitComment(
    renderMarkdown(result, { instance: inputs.instance, maxLength: COMMENT_RENDER_LENGTH, summaryUrl: context.summaryUrl }),
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
