import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReport } from './output.js';
import { InputError, oneLine, systemInputError } from '../errors.js';
import type { RunOptions } from '../run.js';
import type { GateSetup } from '../config/index.js';
import { packageRoot } from '../assets.js';
import { parseCommand, type Command, type CommonOptions } from './args.js';
import { runExtraCommand } from './commands/index.js';
import { helpText } from './commands/help.js';
import { colorFor } from './commands/color.js';

// The engine is imported by the commands that judge something, when they run: `--version`,
// `--help` and a usage error cost Node's start and this file's few imports, nothing more.
const engine = () => import('../run.js');
const reports = () => import('../report/index.js');

export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  /** The terminal's width in columns, when stdout is one (text reports wrap to it). */
  columns?: number;
  /** Whether stderr is a terminal (backtest progress); false when absent. */
  stderrIsTTY?: boolean;
  env: NodeJS.ProcessEnv;
}

/** argv → run → exit code. Every error becomes one line on stderr and exit 2; never a stack trace. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    const command = parseCommand(argv);
    return await execute(command, io);
  } catch (error) {
    const input = error instanceof InputError ? error : systemInputError(error);
    if (input) {
      io.stderr(`configgate: ${oneLine(input.message)}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(`configgate: internal error: ${oneLine(message.split('\n')[0]!)}\n`);
      if (io.env.CONFIGGATE_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    }
    return 2;
  }
}

async function execute(command: Command, io: CliIO): Promise<number> {
  switch (command.name) {
    case 'help':
      io.stdout(helpText(command.topic));
      return 0;
    case 'version':
      io.stdout(`${version()}\n`);
      return 0;
    case 'policies':
      return listPolicies(command.common, io);
    case 'backtest':
      emit(await (await import('./backtest.js')).runBacktest(command, { cwd: io.cwd, stderr: io.stderr, stderrIsTTY: io.stderrIsTTY ?? false }), command.common, io);
      return 0;
    case 'compare':
    case 'check':
    case 'rollout-status': {
      const source: RunOptions['source'] =
        command.name === 'compare'
          ? { kind: 'compare', before: command.before, after: command.after }
          : command.staged
            ? { kind: 'git', base: 'HEAD', staged: true }
            : { kind: 'git', base: command.base || (await (await import('../check.js')).defaultBase(io.cwd)), head: command.head };
      const options: RunOptions = {
        cwd: io.cwd,
        source,
        configPath: command.common.config,
        trustedRef: command.common.trustedRef,
        failOn: command.common.failOn,
        now: command.common.now,
        ...(await evidenceOption(command, io)),
        ...(command.name === 'rollout-status' ? { rolloutStatus: true } : {}),
      };
      const { runGate, governanceFor } = await engine();
      const { render, renderRolloutStatus, textWidth } = await reports();
      const result = await runGate(options);
      if (!command.common.quiet) warnUntested(await (await governanceFor(options)).loaded(), io);
      const color = colorFor(command.common, io);
      const report =
        command.name === 'rollout-status'
          ? renderRolloutStatus(result, command.common.format, { color })
          : render(result, command.common.format, { color, toolVersion: version(), width: textWidth({ ...io, output: command.common.output }) });
      if (!command.common.quiet || result.failed) emit(report, command.common, io);
      return result.failed ? 1 : 0;
    }
    case 'extra':
      return runExtraCommand(command, io);
  }
}

/**
 * `--evidence github` reads the GitHub API for the head commit (`--head`, else HEAD; GITHUB_SHA for
 * compare); anything else is an evidence file.
 */
async function evidenceOption(command: Extract<Command, { common: CommonOptions; name: 'compare' | 'check' | 'rollout-status' }>, io: CliIO): Promise<Pick<RunOptions, 'evidence'>> {
  const { evidence } = command.common;
  if (evidence === undefined) return {};
  if (evidence !== 'github') return { evidence: { kind: 'file', path: evidence } };
  let sha = io.env.GITHUB_SHA;
  if (command.name !== 'compare') sha = await (await import('../sources/index.js')).resolveRef(io.cwd, command.head ?? 'HEAD');
  if (!sha) throw new InputError('--evidence github: compare has no head commit; set GITHUB_SHA to the commit the stages deployed');
  const { githubEvidenceReader } = await import('./github-evidence.js');
  return { evidence: { kind: 'reader', read: githubEvidenceReader(io.env, sha) } };
}

/**
 * A policy of the user's that carries no examples is untested: say so on stderr, once per policy,
 * without changing the report or the exit code (`configgate test` runs the examples).
 */
function warnUntested(setups: readonly GateSetup[], io: CliIO): void {
  const seen = new Set<string>();
  for (const policy of setups.flatMap((s) => s.policies)) {
    const key = `${policy.source}\0${policy.id}`;
    if (policy.source.startsWith('builtin:') || seen.has(key)) continue;
    seen.add(key);
    const examples = policy.meta.examples;
    if (!examples || examples.valid.length + examples.invalid.length === 0) {
      io.stderr(`configgate: warning: ${policy.source}: policy "${policy.id}" has no examples; add examples.valid and examples.invalid and run configgate test\n`);
    }
  }
}

async function listPolicies(common: CommonOptions, io: CliIO): Promise<number> {
  const { setupFor } = await engine();
  const setup = await setupFor({ cwd: io.cwd, source: { kind: 'git', base: 'HEAD' }, configPath: common.config, trustedRef: common.trustedRef });
  const rows = setup.policies
    .map((p) => ({ id: p.id, level: setup.resolve(p, '').level, source: p.source, description: p.meta.description }))
    .sort((a, b) => a.id.localeCompare(b.id));
  if (common.format === 'json') {
    emit(`${JSON.stringify(rows, null, 2)}\n`, common, io);
  } else {
    const width = Math.max(...rows.map((r) => r.id.length));
    emit(rows.map((r) => `${r.id.padEnd(width)}  ${r.level.padEnd(7)}  ${r.description}\n`).join(''), common, io);
  }
  return 0;
}

const STDOUT_NAMES = ['-', '/dev/stdout', '/dev/fd/1', '/proc/self/fd/1'];
const STDERR_NAMES = ['/dev/stderr', '/dev/fd/2', '/proc/self/fd/2'];

/** Writes the report: to stdout, or to a file atomically (a half-written report is never left behind). */
function emit(text: string, common: CommonOptions, io: CliIO): void {
  if (!common.output) {
    io.stdout(text);
    return;
  }
  // The process's own streams: opening /dev/stdout fails when it is a socket (as Node's child
  // processes get), so these go through the stream already open.
  if (STDOUT_NAMES.includes(common.output)) io.stdout(text);
  else if (STDERR_NAMES.includes(common.output)) io.stderr(text);
  else writeReport(common.output, text, io.cwd);
}


function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
