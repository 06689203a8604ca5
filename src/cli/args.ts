import { parseArgs } from 'node:util';
import type { FailOn } from '../model.js';
import { InputError } from '../errors.js';
import { EXTRA_COMMANDS, parseExtraCommand, type ExtraCommand } from './commands/index.js';

export type OutputFormat = 'text' | 'json' | 'markdown' | 'sarif' | 'junit' | 'github' | 'gitlab';

export type Command =
  | { name: 'help'; topic?: string }
  | { name: 'version' }
  | { name: 'policies'; common: CommonOptions }
  | { name: 'compare'; before: string; after: string; common: CommonOptions }
  | { name: 'check'; base: string; head?: string; staged: boolean; common: CommonOptions }
  | { name: 'backtest'; limit: number; since?: string; branch?: string; common: CommonOptions }
  | { name: 'rollout-status'; base: string; head?: string; staged: boolean; common: CommonOptions }
  | ExtraCommand;

export interface CommonOptions {
  format: OutputFormat;
  config?: string;
  failOn?: FailOn;
  output?: string;
  color?: boolean;
  trustedRef?: string;
  /** The clock for this run (waiver expiry, bake times), for reproducible runs. */
  now?: Date;
  /** Rollout evidence: `github`, or a JSON evidence file. */
  evidence?: string;
  /** Print nothing unless something fails. */
  quiet?: boolean;
}

const FORMATS: OutputFormat[] = ['text', 'json', 'markdown', 'sarif', 'junit', 'github', 'gitlab'];
const FAIL_ON: FailOn[] = ['warn', 'rollout', 'block', 'never'];

export const USAGE = `configgate — a configuration-change safety gate

Usage:
  configgate compare <before> <after> [options]   two files or two folders, no git needed
  configgate check [--base REF] [--head REF | --staged] [options]
                                                   in a git repository: merge-base(REF, HEAD) → HEAD,
                                                   or HEAD → the index with --staged (pre-commit)
  configgate policies [--config FILE]              list the policies and the level each runs at
  configgate rollout status [--base REF] [--evidence github|FILE] [--format text|json|markdown]
                                                   the change's staged rollout: the plan, each
                                                   stage's state and evidence, the time left
  configgate explain <policy-id>                   what a policy stops and why, its options, level, examples
  configgate test [dir]                            run the examples embedded in policy files
  configgate print-config [FILE]                   the config, levels and options in effect for a file
  configgate init                                  write a commented .configgate.yml and an inventory skeleton
  configgate backtest [-n N] [--since REF] [--branch REF] [--now ISO] [--format text|json]
                                                   shadow mode: judge each of the last N (default 100)
                                                   first-parent commits of REF (default HEAD) against
                                                   its parent with today's config; prints the
                                                   stopped commits and a summary (exit 0)

Options:
  -f, --format <text|json|markdown|sarif|junit|github|gitlab>   report format (default: text)
  -c, --config <file>      config file (default: .configgate.yml found from the working
                           directory upward, or beside the <after> folder)
      --fail-on <warn|rollout|block|never>
                           lowest verdict that exits 1 (default: rollout — a change that
                           needs a staged rollout fails until it is staged)
      --base <ref>         base of the comparison (default: origin/HEAD, else main)
      --head <ref>         head of the comparison (default: HEAD)
      --staged             compare the index with HEAD (for a pre-commit hook)
      --trusted-ref <ref>  read config, policies and inventory from this commit
                           instead of the working tree (CI on pull requests)
      --evidence <github|file>
                           rollout evidence: a JSON file of { stage, state, at, url? }
                           entries, or github (deployments, statuses and check runs of
                           the head commit; reads GITHUB_TOKEN, GITHUB_REPOSITORY,
                           GITHUB_API_URL)
      --now <iso-time>     judge as at this time (e.g. 2026-12-02T10:00:00Z), for
                           reproducible runs (default: the current time)
  -o, --output <file>      write the report to a file instead of standard output
  -q, --quiet              print nothing unless something fails
      --color / --no-color force colour on or off (default: on for a terminal;
                           FORCE_COLOR and NO_COLOR are honoured)
  -h, --help               show this help (configgate <command> --help: that command's)
  -v, --version            show the version

Exit codes:
  0  nothing fails at the --fail-on threshold
  1  the change is blocked, or needs a staged rollout (at the default threshold)
  2  usage, input or configuration error (one line naming the file and the problem)
`;

export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        'fail-on': { type: 'string' },
        base: { type: 'string' },
        head: { type: 'string' },
        staged: { type: 'boolean' },
        'trusted-ref': { type: 'string' },
        now: { type: 'string' },
        output: { type: 'string', short: 'o' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        quiet: { type: 'boolean', short: 'q' },
        count: { type: 'string', short: 'n' },
        since: { type: 'string' },
        branch: { type: 'string' },
        evidence: { type: 'string' },
      },
    });
  } catch (error) {
    throw new InputError(`usage: ${(error as Error).message.split('\n')[0]} (see configgate --help)`);
  }
  const { values: v, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (v.help || name === 'help') return { name: 'help', topic: name === 'help' ? rest[0] : name };
  if (v.version) return { name: 'version' };
  if (name === undefined) throw new InputError('usage: missing command: compare, check, policies, rollout or backtest (see configgate --help)');

  const format = (v.format ?? 'text') as OutputFormat;
  if (!FORMATS.includes(format)) throw new InputError(`usage: --format must be one of ${FORMATS.join(', ')}, not "${v.format}"`);
  const failOn = v['fail-on'] as FailOn | undefined;
  if (failOn !== undefined && !FAIL_ON.includes(failOn)) {
    throw new InputError(`usage: --fail-on must be one of ${FAIL_ON.join(', ')}, not "${failOn}"`);
  }
  const common: CommonOptions = {
    format,
    config: v.config,
    failOn,
    output: v.output,
    color: v['no-color'] ? false : v.color,
    trustedRef: v['trusted-ref'],
    quiet: v.quiet,
  };
  if (v.now !== undefined) common.now = parseNow(v.now);
  if (v.evidence !== undefined) {
    if (v.evidence === '') throw new InputError('usage: --evidence needs github or a file');
    common.evidence = v.evidence;
  }

  switch (name) {
    case 'compare':
      if (rest.length !== 2) throw new InputError('usage: compare needs exactly two paths: configgate compare <before> <after>');
      if (v.base || v.head || v.staged) throw new InputError('usage: --base, --head and --staged go with check, not compare');
      return { name: 'compare', before: rest[0], after: rest[1], common };
    case 'check':
      if (rest.length > 0) throw new InputError(`usage: check takes no paths (got "${rest[0]}"); use compare for files or folders`);
      if (v.staged && (v.head || v.base)) throw new InputError('usage: --staged compares the index with HEAD; it takes no --base or --head');
      return { name: 'check', base: v.base ?? '', head: v.head, staged: Boolean(v.staged), common };
    case 'policies':
      return { name: 'policies', common };
    case 'backtest':
      if (common.evidence !== undefined) throw new InputError('usage: --evidence goes with check, compare and rollout status, not backtest');
      return backtestCommand(v, rest, common);
    case 'rollout':
      return rolloutCommand(v, rest, common);
    default:
      return parseExtraCommand(name, rest, v, common) ?? unknownCommand(name);
  }
}

function unknownCommand(name: string): never {
  const known = ['compare', 'check', 'policies', 'rollout', 'backtest', ...EXTRA_COMMANDS];
  throw new InputError(`usage: unknown command "${name}": use ${known.slice(0, -1).join(', ')} or ${known.at(-1)} (see configgate --help)`);
}

/** An ISO 8601 date-time with a zone (`Z` or `±hh:mm`): a time without one would depend on the machine. */
function parseNow(text: string): Date {
  const time = Date.parse(text);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i.test(text) || Number.isNaN(time)) {
    throw new InputError(`usage: --now must be an ISO time with a zone, like 2026-12-02T10:00:00Z, not "${text}"`);
  }
  return new Date(time);
}

function rolloutCommand(v: Record<string, string | boolean | undefined>, rest: string[], common: CommonOptions): Command {
  if (rest[0] !== 'status') throw new InputError(`usage: rollout ${rest[0] === undefined ? 'needs' : `takes no "${rest[0]}";`} a subcommand: configgate rollout status`);
  if (rest.length > 1) throw new InputError(`usage: rollout status takes no paths (got "${rest[1]}")`);
  if (!['text', 'json', 'markdown'].includes(common.format)) throw new InputError(`usage: rollout status --format must be text, json or markdown, not "${common.format}"`);
  if (v.staged && (v.head || v.base)) throw new InputError('usage: --staged compares the index with HEAD; it takes no --base or --head');
  const str = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : undefined);
  return { name: 'rollout-status', base: str('base') ?? '', head: str('head'), staged: Boolean(v.staged), common };
}

function backtestCommand(v: Record<string, string | boolean | undefined>, rest: string[], common: CommonOptions): Command {
  if (rest.length > 0) throw new InputError(`usage: backtest takes no paths (got "${rest[0]}")`);
  if (v.base || v.head || v.staged || v['trusted-ref']) throw new InputError('usage: backtest takes --since and --branch, not --base, --head, --staged or --trusted-ref');
  if (common.format !== 'text' && common.format !== 'json') throw new InputError(`usage: backtest --format must be text or json, not "${common.format}"`);
  const count = typeof v.count === 'string' ? v.count : '100';
  if (!/^[1-9][0-9]*$/.test(count)) throw new InputError(`usage: -n must be a whole number ≥ 1, not "${count}"`);
  const str = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : undefined);
  return { name: 'backtest', limit: Number(count), since: str('since'), branch: str('branch'), common };
}
