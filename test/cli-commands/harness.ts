import { runCli } from '../../src/cli/run.js';

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI in this process, through the same entry main.ts calls: argv → exit code. */
export async function configgate(
  args: string[],
  cwd: string,
  opts: { env?: NodeJS.ProcessEnv; isTTY?: boolean } = {},
): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    isTTY: opts.isTTY ?? false,
    env: opts.env ?? {},
  });
  return { code, stdout, stderr };
}

/** A usage or input error: exit 2, one line on stderr, nothing on stdout. */
export function oneLineError(run: InProcessRun): string {
  if (run.code !== 2 || run.stdout !== '' || run.stderr.trimEnd().split('\n').length !== 1) {
    throw new Error(`expected exit 2 with one line on stderr, got ${run.code}:\n${run.stdout}\n${run.stderr}`);
  }
  return run.stderr.trimEnd();
}
