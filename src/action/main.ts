// The Action: runner context → the change to judge → (pipeline.ts) runGate and every surface.
// A thin shell: the verdict comes from the engine; any error fails the step (fail closed).
// `run()` is called by index.ts (the bundle's entry) and, in-process, by the tests. The engine is
// imported only once there is a change to judge: an event with nothing to judge starts in a fraction
// of the time.
import * as core from '@actions/core';
import { InputError } from '../errors.js';
import { readContext, type RunnerContext } from './context.js';
import { changeFromEvent } from './change.js';
import type { JudgedChange } from './events.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { oneLine } from './verdict.js';

export async function run(): Promise<void> {
  // What is known when an error strikes: enough to tell the pull request that the change was not judged.
  const known: Partial<{ inputs: ActionInputs; context: RunnerContext; pr: JudgedChange }> = {};
  try {
    const inputs = (known.inputs = readInputs());
    const context = (known.context = readContext(process.env, process.cwd()));
    const pr = await changeFromEvent(context, process.env, inputs.token, inputs.instance);
    if ('skip' in pr) {
      core.info(`configgate: ${pr.skip}`);
      return;
    }
    known.pr = pr;
    const { judgeAndReport } = await import('./pipeline.js');
    await judgeAndReport(inputs, context, pr);
  } catch (error) {
    const message = oneLine(error);
    const line = error instanceof InputError ? `configgate: ${message}` : `configgate: internal error: ${message}`;
    core.setFailed(line);
    if (process.env.CONFIGGATE_DEBUG && error instanceof Error && error.stack) core.debug(error.stack);
    if (known.inputs && known.context && known.pr) {
      const { reportNotJudged } = await import('./pipeline.js');
      await reportNotJudged(line, known.inputs, known.context, known.pr);
    }
  }
}
