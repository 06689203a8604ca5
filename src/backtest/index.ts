// Shadow mode: replay today's config and policies over a branch's first-parent history, in one process.
// Today's configs judge every commit: with a tree of them, each file by its nearest config as it
// is today, not as it was in the commit replayed.
import type { FailOn, Finding, Verdict } from '../model.js';
import { InputError } from '../errors.js';
import { gitChangeSet, resolveRef } from '../sources/index.js';
import { gitText } from '../git.js';
import { compareLevel } from '../severity.js';
import type { GateSetup } from '../config/index.js';
import { decideChange } from '../gate.js';
import { singleGovernance, type Governance } from '../governed.js';

export interface BacktestOptions {
  cwd: string;
  /** One setup for every file (`--config FILE`; the zero-config defaults). */
  setup?: GateSetup;
  /** Each file by its nearest config (today's tree of `.configgate.yml`, see `governanceFor`); wins over `setup`. */
  governance?: Governance;
  /** Most recent first-parent commits to replay (default 100). */
  limit?: number;
  /** Replay only commits after this ref (`since..branch`). */
  since?: string;
  /** Branch or ref whose history is replayed (default HEAD). */
  branch?: string;
  failOn?: FailOn;
  now?: Date;
  /** Called before each commit is judged (progress). */
  onCommit?: (index: number, total: number, sha: string) => void;
}

export interface TopFinding {
  policy: string;
  level: Finding['level'];
  file: string;
  line: number;
  /** 1-based, when known. */
  column?: number;
  message: string;
}

export interface StoppedCommit {
  sha: string;
  subject: string;
  verdict: Verdict;
  top: TopFinding;
}

export interface BacktestResult {
  /** Commits judged (root commits, which have no parent, are skipped and not counted). */
  commits: number;
  stopped: StoppedCommit[];
  /** Stopped commits per policy of their top finding. */
  byPolicy: Record<string, number>;
  errors: Array<{ sha: string; message: string }>;
  /** Commits on which the gate itself failed (a bug, not the input): recorded, and the replay goes on. */
  crashes: Array<{ sha: string; message: string }>;
}

interface CommitRef {
  sha: string;
  parent: string;
  subject: string;
}


/** Judge parent..commit for every listed commit; an input error on one commit is recorded and the replay goes on. */
export async function backtest(opts: BacktestOptions): Promise<BacktestResult> {
  const governance = opts.governance ?? (opts.setup ? singleGovernance(opts.setup) : undefined);
  if (!governance) throw new InputError('backtest: needs a setup or a governance to judge with');
  const commits = await listCommits(opts);
  const filter = governance.filter;
  const maxBytes = (await governance.primary()).data.limits?.maxBytes;
  const result: BacktestResult = { commits: 0, stopped: [], byPolicy: {}, errors: [], crashes: [] };
  for (const [index, commit] of commits.entries()) {
    opts.onCommit?.(index, commits.length, commit.sha);
    result.commits += 1;
    try {
      const changeSet = await gitChangeSet({ cwd: opts.cwd, base: commit.parent, head: commit.sha, filter, maxBytes });
      const { evaluated, setup } = await governance.evaluate(changeSet);
      const gate = decideChange(evaluated, { changeSet, setup, failOn: opts.failOn, now: opts.now });
      if (!gate.failed) continue;
      const top = topFinding(gate.findings);
      result.stopped.push({ sha: commit.sha, subject: commit.subject, verdict: gate.verdict, top });
      result.byPolicy[top.policy] = (result.byPolicy[top.policy] ?? 0) + 1;
    } catch (error) {
      if (error instanceof InputError) result.errors.push({ sha: commit.sha, message: error.message });
      else result.crashes.push({ sha: commit.sha, message: crashMessage(error) });
    }
  }
  return result;
}

/** A crash in one line: its message and the frame it was thrown from. */
function crashMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frame = error.stack?.split('\n').find((l) => l.trim().startsWith('at '))?.trim();
  return frame ? `${error.name}: ${error.message} (${frame})` : `${error.name}: ${error.message}`;
}

/** First-parent commits of `branch` (after `since`), oldest first, at most `limit`; root commits left out. */
async function listCommits(opts: BacktestOptions): Promise<CommitRef[]> {
  const limit = opts.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1) throw new InputError(`backtest: -n must be a whole number ≥ 1, not ${limit}`);
  const head = await resolveRef(opts.cwd, opts.branch ?? 'HEAD');
  const range = opts.since ? [`^${await resolveRef(opts.cwd, opts.since)}`, head] : [head];
  const stdout = await gitText(opts.cwd, ['log', '--first-parent', '-z', '--format=%H%x1f%P%x1f%s', `-n${limit}`, ...range, '--']);
  return stdout
    .split('\0')
    .filter((record) => record.trim() !== '')
    .map((record) => {
      const [sha, parents, subject] = record.replace(/^\n/, '').split('\x1f');
      return { sha, parent: parents.split(' ')[0] ?? '', subject: subject ?? '' };
    })
    .filter((c) => c.parent !== '')
    .reverse();
}

/** The finding that stopped the commit: the most severe one not waived, first in report order among equals. */
function topFinding(findings: Finding[]): TopFinding {
  const open = findings.filter((f) => !f.waivedBy);
  const best = [...open].sort((a, b) => compareLevel(a.level, b.level))[0];
  if (!best) return { policy: '(none)', level: 'notice', file: '', line: 0, message: 'stopped without an open finding' };
  return { policy: best.policy, level: best.level, file: best.file, line: best.line, ...(best.column ? { column: best.column } : {}), message: best.message };
}
