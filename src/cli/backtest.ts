// `configgate backtest`: the CLI glue around src/backtest — options in, one report out.
import type { BacktestResult } from '../backtest/index.js';
import { backtest } from '../backtest/index.js';
import { setupFor } from '../run.js';
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

/** Loads today's setup once from the working tree, replays the history, and returns the rendered report. */
export async function runBacktest(command: BacktestCommand, io: BacktestIO): Promise<string> {
  const now = command.common.now;
  const setup = await setupFor({ cwd: io.cwd, source: { kind: 'git', base: 'HEAD' }, configPath: command.common.config });
  const result = await backtest({
    cwd: io.cwd,
    setup,
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

/** One line per stopped commit with its top finding, then the summary. */
export function renderBacktestText(result: BacktestResult): string {
  const lines = result.stopped.map(
    (s) => `${s.sha.slice(0, 7)} ${s.verdict} ${s.subject} — ${s.top.policy} ${s.top.file}:${s.top.line} ${s.top.message}`,
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
