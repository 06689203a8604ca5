import { USAGE } from '../args.js';

const COMMON = `  -c, --config <file>   config file (default: .configgate.yml found from the working directory upward)
  -q, --quiet           print nothing unless something fails (errors still go to stderr)
      --color / --no-color   force colour on or off (default: a terminal; FORCE_COLOR, NO_COLOR)
  -h, --help            show this help`;

const REPORT = `  -f, --format <text|json|markdown|sarif|junit|github|gitlab>   report format (default: text)
      --fail-on <warn|rollout|block|never>  lowest verdict that exits 1 (default: rollout)
      --now <iso-time>   judge as at this time (waiver expiry), e.g. 2026-12-02T10:00:00Z
  -o, --output <file>   write the report to a file instead of standard output`;

/** Per-command help: `configgate <command> --help` or `configgate help <command>`. */
const HELP: Record<string, string> = {
  compare: `Usage: configgate compare <before> <after> [options]

Compare two files or two folders (no git needed) and judge the change.

Options:
${REPORT}
${COMMON}

Exit codes: 0 nothing fails at --fail-on; 1 it does; 2 usage or input error.
`,
  check: `Usage: configgate check [--base REF] [--head REF | --staged] [options]

Judge a change inside a git repository: merge-base(base, head) → head, as a pull request
is judged; with --staged, HEAD → the index (what a commit would record), for a pre-commit hook.

Options:
      --base <ref>          base (default: origin/HEAD, else origin/main, origin/master, main, master)
      --head <ref>          head (default: HEAD)
      --staged              compare the index with HEAD
      --trusted-ref <ref>   read config, policies and inventory from this commit, not the working tree
${REPORT}
${COMMON}

Configs: each file is judged by the nearest .configgate.yml above it (--config: one file for
all). Without --trusted-ref they, their policies, inventory and waivers are read from the
working tree, uncommitted edits included: right for your own change, not for one under review,
which could relax its own gate. In CI, name the base twice:
  configgate check --base origin/main --trusted-ref origin/main

Exit codes: 0 nothing fails at --fail-on; 1 it does; 2 usage, config or git error.
`,
  policies: `Usage: configgate policies [--config FILE] [--format text|json]

List every policy with the level it runs at under this config.

Options:
  -f, --format <text|json>
${COMMON}
`,
  backtest: `Usage: configgate backtest [-n N] [--since REF] [--branch REF] [--now ISO] [--format text|json]

Shadow mode: judge each of the last N (default 100) first-parent commits of REF (default HEAD)
against its parent with today's configs (each file by its nearest .configgate.yml as it is
now: the working tree's, or in a bare mirror the branch tip's); print the commits it would
have stopped (exit 0).

Options:
  -n <count>             how many commits (default 100)
      --since <ref>      every first-parent commit after this one instead
      --branch <ref>     the branch to replay (default HEAD)
      --now <iso-time>   judge as at this time (waiver expiry)
  -f, --format <text|json>
  -o, --output <file>   write the summary to a file instead of standard output
${COMMON}
`,
  rollout: `Usage: configgate rollout status [--base REF] [--head REF | --staged] [--evidence github|FILE] [options]

The change's staged rollout, also when nothing in it needs one: the plan (the change's
rollout plan file, else the config's stages), each stage's state and evidence, the time a
bake has left and the next allowed step.

Options:
      --base <ref>          base (default: origin/HEAD, else origin/main, origin/master, main, master)
      --head <ref>          head (default: HEAD)
      --staged              compare the index with HEAD
      --evidence <github|file>
                            rollout evidence: a JSON evidence file, or github (deployments,
                            statuses and check runs of the head commit; reads GITHUB_TOKEN,
                            GITHUB_REPOSITORY, GITHUB_API_URL)
      --trusted-ref <ref>   read config, policies and inventory from this commit
  -f, --format <text|json|markdown>
      --now <iso-time>      judge as at this time (bake times), e.g. 2026-12-02T10:00:00Z
  -o, --output <file>      write the report to a file instead of standard output
${COMMON}

Exit codes: 0 nothing fails at --fail-on; 1 it does; 2 usage, config or git error.
`,
  explain: `Usage: configgate explain <policy-id> [--config FILE] [--format text|json]

Show a policy: what it stops and why, its options with their defaults, the level it runs at
under this config (and the overrides that change it), the messages it reports and its examples.
An unknown id is an error that suggests the nearest known one.

Options:
  -f, --format <text|json>
${COMMON}
`,
  test: `Usage: configgate test [dir] [--config FILE] [--format text|json]

Run the examples embedded in policy files, as the test suite runs the built-in pack: every
valid example must raise nothing, every invalid one the message ids it expects. Without [dir],
the policies the config loads (built-in and yours); with it, the policy files in that folder
(or that one file). Each failing example is named with its file and line.

Options:
  -f, --format <text|json>
${COMMON}

Exit codes: 0 every example behaves as declared; 1 one does not; 2 a policy file does not load.
`,
  'print-config': `Usage: configgate print-config [FILE] [--config FILE] [--format text|json]

Print the configuration in effect for FILE: the config file that governs it (the nearest
.configgate.yml above it), whether it counts as configuration, and each policy's level and
options there after \`rules\` and \`overrides\`, the waivers and schemas that apply to it.
Without FILE, the levels and options of the config as a whole.

Options:
  -f, --format <text|json>
${COMMON}
`,
  init: `Usage: configgate init [--quiet]

Scan this repository for configuration files and write a commented .configgate.yml (the
files found, every built-in policy at its default level, the $schema modeline) and an
inventory skeleton, configgate.inventory.yml, listing the scopes found (regions,
environments, pools, callers) for you to fill in. Never overwrites an existing file.

Options:
  -q, --quiet           print nothing but errors
  -h, --help            show this help
`,
};

/** The help for one command, or the general usage. */
export function helpText(topic: string | undefined): string {
  return (topic !== undefined && Object.hasOwn(HELP, topic) ? HELP[topic] : undefined) ?? USAGE;
}
