// The check run: one completed run per gate instance on the pull request's head commit, with the
// verdict as its conclusion, the job summary's Markdown as its summary, and an annotation for every
// unwaived finding (50 per request: the create carries the first 50, updates append the rest).
// Rendered from the one result; a failure to send it is a warning, never the step's outcome.
import * as core from '@actions/core';
import type { GateResult } from '../model.js';
import { renderMarkdown, selectAnnotations, type AnnotationKind } from '../report/index.js';
import type { GitHubClient } from './octokit.js';
import { statusOf } from './comment.js';
import { oneLine, verdictLine } from './verdict.js';

/** The Checks API takes at most 50 annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/**
 * Annotations one check run carries at most: 20 requests. Content-creating requests are limited to
 * about 80 a minute; thousands of findings would spend the run's API deadline being throttled.
 */
export const MAX_CHECK_ANNOTATIONS = 1_000;
/** Batches are appended only while this share of the client's deadline is left unspent. */
export const BATCH_BUDGET_MS = 90_000;
/** `output.summary` holds 65,535 — bytes, in fact ("summary exceeds a maximum bytesize of 65535"). */
export const MAX_SUMMARY_BYTES = 65_535;
/** The Markdown is rendered to this many characters first, then shortened further if its UTF-8 is too long. */
export const SUMMARY_RENDER_LENGTH = 65_000;
/** Limits of one annotation: title 255 characters, message 64 KB. */
const MAX_TITLE_LENGTH = 255;
const MAX_MESSAGE_BYTES = 64 * 1024;

export type CheckConclusion = 'success' | 'neutral' | 'failure';
export type AnnotationLevel = 'notice' | 'warning' | 'failure';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  /** Only with start_line = end_line (GitHub's rule): the finding's column. */
  start_column?: number;
  end_column?: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
}

export interface CheckOutput {
  title: string;
  summary: string;
  annotations?: CheckAnnotation[];
}

/** The requests of one check run: the create, then one update per further batch of 50 annotations. */
export interface CheckRunPlan {
  create: {
    name: string;
    head_sha: string;
    status: 'completed';
    conclusion: CheckConclusion;
    output: CheckOutput;
  };
  /** The outputs of the updates, each with the same title and summary and the next batch. */
  updates: CheckOutput[];
  /** Annotations in all requests. */
  annotations: number;
  /** Findings in files that could be annotated. */
  annotatable: number;
  /** The summary saying that only `sent` annotations arrived (when the batches stop early). */
  summaryFor(sent: number): string;
}

export interface CheckRunOptions {
  instance: string;
  headSha: string;
  /** Notes under the verdict (defaults used, an input ignored). */
  notes?: string[];
  /** Annotations at most (default MAX_CHECK_ANNOTATIONS). */
  maxAnnotations?: number;
}

export function checkRunName(instance: string): string {
  return instance === 'default' ? 'configgate' : `configgate (${instance})`;
}

/** failure when the verdict fails the step, neutral for a warn that does not, success otherwise. */
export function checkConclusion(result: GateResult): CheckConclusion {
  if (result.failed) return 'failure';
  return result.verdict === 'warn' ? 'neutral' : 'success';
}

const LEVEL: Record<AnnotationKind, AnnotationLevel> = { error: 'failure', warning: 'warning', notice: 'notice' };

/** One annotation per unwaived finding in a file, most severe first (block/rollout → failure). */
export function checkAnnotations(result: GateResult): CheckAnnotation[] {
  const { annotations } = selectAnnotations(result, Number.MAX_SAFE_INTEGER);
  return annotations
    .filter((a) => a.file !== '')
    .map((a) => ({
      path: a.file,
      start_line: a.line,
      end_line: a.line,
      ...(a.column ? { start_column: a.column, end_column: a.column } : {}),
      annotation_level: LEVEL[a.kind],
      title: cutBytes(a.title, MAX_TITLE_LENGTH),
      message: cutBytes(a.message, MAX_MESSAGE_BYTES),
    }));
}

/** The job summary's Markdown, shortened by the renderer until its UTF-8 fits the summary field. */
export function checkSummary(result: GateResult, instance: string, notes: string[] = []): string {
  let maxLength = SUMMARY_RENDER_LENGTH;
  let markdown = renderMarkdown(result, { instance, maxLength, notes });
  for (let tries = 0; tries < 8 && byteLength(markdown) > MAX_SUMMARY_BYTES; tries++) {
    // Emoji and other multi-byte text: scale the character budget by the bytes per character seen.
    maxLength = Math.max(1_000, Math.floor((maxLength * MAX_SUMMARY_BYTES * 0.97) / byteLength(markdown)));
    markdown = renderMarkdown(result, { instance, maxLength, notes });
  }
  return cutBytes(markdown, MAX_SUMMARY_BYTES);
}

/** How many findings this check run annotates, said when it is not all of them. */
export function annotationNote(shown: number, total: number, why: string): string | undefined {
  if (shown >= total) return undefined;
  return `This check run annotates ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} findings in files, most severe first (${why}); the JSON report (output report) lists them all.`;
}

export function renderCheckRun(result: GateResult, opts: CheckRunOptions): CheckRunPlan {
  const title = verdictLine(result);
  const all = checkAnnotations(result);
  const annotations = all.slice(0, opts.maxAnnotations ?? MAX_CHECK_ANNOTATIONS);
  const summaryFor = (sent: number, why: string) => {
    const note = annotationNote(sent, all.length, why);
    return checkSummary(result, opts.instance, [...(opts.notes ?? []), ...(note ? [note] : [])]);
  };
  const summary = summaryFor(annotations.length, `at most ${annotations.length.toLocaleString('en-US')}, ${ANNOTATIONS_PER_REQUEST} per request`);
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const [first, ...rest] = batches;
  return {
    create: {
      name: checkRunName(opts.instance),
      head_sha: opts.headSha,
      status: 'completed',
      conclusion: checkConclusion(result),
      output: { title, summary, ...(first ? { annotations: first } : {}) },
    },
    updates: rest.map((batch) => ({ title, summary, annotations: batch })),
    annotations: annotations.length,
    annotatable: all.length,
    summaryFor: (sent) => summaryFor(sent, 'the GitHub API deadline was reached'),
  };
}

export interface CheckRunTarget {
  owner: string;
  repo: string;
}

export interface CheckRunOutcome {
  id: number;
  url?: string;
  /** Annotations GitHub accepted. */
  annotated: number;
}

/** A check run that was created, but not every batch of annotations could be added to it. */
export class CheckRunIncomplete extends Error {
  constructor(
    readonly outcome: CheckRunOutcome,
    readonly total: number,
    readonly failure: unknown,
  ) {
    super(`check run ${outcome.id} holds ${outcome.annotated} of ${total} annotations: ${oneLine(failure)}`, { cause: failure });
    this.name = 'CheckRunIncomplete';
  }
}

/**
 * Sends the plan: the create, then the updates in order while the budget lasts; when it runs out,
 * one last update says how many annotations arrived. Throws CheckRunIncomplete when an update fails.
 */
export async function sendCheckRun(client: GitHubClient, target: CheckRunTarget, plan: CheckRunPlan, budgetMs = BATCH_BUDGET_MS): Promise<CheckRunOutcome> {
  const started = Date.now();
  const { data } = await client.rest.checks.create({ owner: target.owner, repo: target.repo, ...plan.create });
  const outcome: CheckRunOutcome = { id: data.id, url: data.html_url ?? undefined, annotated: plan.create.output.annotations?.length ?? 0 };
  for (const output of plan.updates) {
    if (Date.now() - started >= budgetMs) {
      const summary = plan.summaryFor(outcome.annotated);
      await client.rest.checks.update({ owner: target.owner, repo: target.repo, check_run_id: outcome.id, output: { title: output.title, summary } });
      throw new CheckRunIncomplete(outcome, plan.annotations, new Error(`the API budget of ${Math.round(budgetMs / 1000)}s for annotations was spent`));
    }
    try {
      await client.rest.checks.update({ owner: target.owner, repo: target.repo, check_run_id: outcome.id, output });
    } catch (error) {
      throw new CheckRunIncomplete(outcome, plan.annotations, error);
    }
    outcome.annotated += output.annotations?.length ?? 0;
  }
  return outcome;
}

/** Renders and sends the check run, logging the outcome; a failure is a warning, never thrown. */
export async function publishCheckRun(
  client: GitHubClient,
  target: CheckRunTarget,
  result: GateResult,
  opts: CheckRunOptions & { budgetMs?: number },
): Promise<CheckRunOutcome | undefined> {
  try {
    const plan = renderCheckRun(result, opts);
    const outcome = await sendCheckRun(client, target, plan, opts.budgetMs);
    if (plan.annotations < plan.annotatable) {
      core.info(`configgate: the check run annotates ${plan.annotations} of ${plan.annotatable} findings (at most ${MAX_CHECK_ANNOTATIONS}); the JSON report lists them all`);
    }
    core.info(
      `configgate: check run "${plan.create.name}" ${plan.create.conclusion} with ${outcome.annotated} annotation${outcome.annotated === 1 ? '' : 's'}${outcome.url ? `: ${outcome.url}` : ` (${outcome.id})`}`,
    );
    return outcome;
  } catch (error) {
    core.warning(`configgate: ${checkRunFailure(error)}; see the annotations and the job summary`);
    return undefined;
  }
}

export function checkRunFailure(error: unknown): string {
  if (error instanceof CheckRunIncomplete) {
    return `the check run was created, but holds only ${error.outcome.annotated} of ${error.total} annotations: ${why(error.failure)}`;
  }
  return `the check run was not created: ${why(error)}`;
}

function why(error: unknown): string {
  const status = statusOf(error);
  if (status === 403 || status === 401 || status === 404) {
    return `GitHub answered ${status} (the token needs \`checks: write\`; fork pull requests get a read-only token)`;
  }
  if (status === 422) return `GitHub answered 422: ${oneLine(error)}`;
  return `the GitHub API failed${status ? ` with ${status}` : ''} after retries: ${oneLine(error)}`;
}

const encoder = new TextEncoder();

function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** At most `max` UTF-8 bytes (and so at most `max` characters), never half a character. */
function cutBytes(text: string, max: number): string {
  if (text.length <= max / 3 || byteLength(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = byteLength(char);
    if (bytes + size > max) break;
    out += char;
    bytes += size;
  }
  return out;
}
