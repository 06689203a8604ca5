// Commands beyond the gate itself, each in its own module; args.ts and run.ts reach them
// through parseExtraCommand and runExtraCommand only.
import { InputError } from '../../errors.js';
import type { CommonOptions, OutputFormat } from '../args.js';
import type { CliIO } from '../run.js';

// Each command's module is imported when that command runs: `configgate --version` loads none of them.
type Run = CommandSpec['run'];
const runExplain: Run = async (...a) => (await import('./explain.js')).runExplain(...a);
const runInit: Run = async (...a) => (await import('./init.js')).runInit(...a);
const runPrintConfig: Run = async (...a) => (await import('./print-config.js')).runPrintConfig(...a);
const runTestCommand: Run = async (...a) => (await import('./test-examples.js')).runTestCommand(...a);

interface CommandSpec {
  /** How many positional arguments, and what they are called in a usage error. */
  positionals: { min: number; max: number; usage: string };
  formats: readonly OutputFormat[];
  run(args: string[], common: CommonOptions, io: CliIO): Promise<number>;
}

const COMMANDS: Record<string, CommandSpec> = {
  explain: { positionals: { min: 1, max: 1, usage: 'configgate explain <policy-id>' }, formats: ['text', 'json'], run: runExplain },
  test: { positionals: { min: 0, max: 1, usage: 'configgate test [dir]' }, formats: ['text', 'json'], run: runTestCommand },
  'print-config': { positionals: { min: 0, max: 1, usage: 'configgate print-config [FILE]' }, formats: ['text', 'json'], run: runPrintConfig },
  init: { positionals: { min: 0, max: 0, usage: 'configgate init' }, formats: ['text'], run: runInit },
};

export const EXTRA_COMMANDS: readonly string[] = Object.keys(COMMANDS);

export interface ExtraCommand {
  name: 'extra';
  command: string;
  args: string[];
  common: CommonOptions;
}

/** Options that belong to judging a change, not to these commands. */
const GATE_ONLY = ['base', 'head', 'staged', 'fail-on', 'now', 'output', 'count', 'since', 'branch'];

/** The command if `name` is one of these, checked; undefined if it is not. */
export function parseExtraCommand(
  name: string,
  args: string[],
  values: Record<string, unknown>,
  common: CommonOptions,
): ExtraCommand | undefined {
  if (!Object.hasOwn(COMMANDS, name)) return undefined;
  const spec = COMMANDS[name];
  if (args.length < spec.positionals.min || args.length > spec.positionals.max) {
    throw new InputError(`usage: ${spec.positionals.usage} (see configgate ${name} --help)`);
  }
  const misplaced = GATE_ONLY.find((option) => values[option] !== undefined);
  if (misplaced) throw new InputError(`usage: --${misplaced} does not go with ${name} (see configgate ${name} --help)`);
  if (!spec.formats.includes(common.format)) {
    throw new InputError(`usage: ${name} --format must be ${spec.formats.join(' or ')}, not "${common.format}"`);
  }
  return { name: 'extra', command: name, args, common };
}

export function runExtraCommand(command: ExtraCommand, io: CliIO): Promise<number> {
  return COMMANDS[command.command].run(command.args, command.common, io);
}
