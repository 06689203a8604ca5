// `configgate backtest`: the CLI glue around src/backtest — options in, one report out.
import type { BacktestResult } from '../backtest/index.js';
import { backtest } from '../backtest/index.js';
import { governanceFor } from '../run.js';
import type { Governance } from '../governed.js';
import { gitMaybe } from '../git.js';
import { location } from '../report/format.js';
import type { CommonOptions } from './args.js';

export interface BacktestCommand {
  limit: number;
  since?: string;
  branch?: string;
  common: CommonOptions;
}

export interface BacktestIO {
  cwd: string;
  stderr: (text: string) => void;
  stderrIsTTY: boolean;
}

/** Loads today's configs once, replays the history, and returns the rendered report. */
export async function runBacktest(command: BacktestCommand, io: BacktestIO): Promise<string> {
  const now = command.common.now;
  const governance = await todaysGovernance(command, io.cwd);
  const result = await backtest({
    cwd: io.cwd,
    governance,
    limit: command.limit,
    since: command.since,
    branch: command.branch,
    failOn: command.common.failOn,
    now,
    onCommit: io.stderrIsTTY ? (i, total, sha) => io.stderr(`\rbacktest: ${i + 1}/${total} ${sha.slice(0, 7)}`) : undefined,
  });
  if (io.stderrIsTTY) io.stderr('\r\u001b[K');
  return command.common.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderBacktestText(result);
}

/**
 * Today's configs, read once: `--config FILE` for every file; else each file by its nearest
 * `.configgate.yml` (as `check` judges), from the working tree, or, in a bare repository (a
 * mirror), from the tip of the branch replayed. Never from the commit being replayed.
 */
async function todaysGovernance(command: BacktestCommand, cwd: string): Promise<Governance> {
  const bare = (await gitMaybe(cwd, ['rev-parse', '--is-bare-repository'])) === 'true';
  const trustedRef = bare && !command.common.config ? (command.branch ?? 'HEAD') : undefined;
  return governanceFor({ cwd, source: { kind: 'git', base: 'HEAD' }, configPath: command.common.config, ...(trustedRef ? { trustedRef } : {}) });
}

/** One line per stopped commit with its top finding, then the summary. */
export function renderBacktestText(result: BacktestResult): string {
  const lines = result.stopped.map(
    (s) => `${s.sha.slice(0, 7)} ${s.verdict} ${s.subject} — ${s.top.policy} ${location(s.top.file, s.top.line, s.top.column)} ${s.top.message}`,
  );
  const share = result.commits === 0 ? 0 : (100 * result.stopped.length) / result.commits;
  if (lines.length) lines.push('');
  lines.push(`commits judged: ${result.commits}`, `stopped: ${result.stopped.length} (${share.toFixed(1)}%)`);
  for (const [policy, count] of Object.entries(result.byPolicy).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    lines.push(`  ${policy}: ${count}`);
  }
  lines.push(`errors: ${result.errors.length}`);
  for (const e of result.errors) lines.push(`  ${e.sha.slice(0, 7)} ${e.message}`);
  if (result.crashes.length) lines.push(`crashes: ${result.crashes.length} (a bug in configgate: please report it)`);
  for (const c of result.crashes) lines.push(`  ${c.sha.slice(0, 7)} ${c.message}`);
  return `${lines.join('\n')}\n`;
}
