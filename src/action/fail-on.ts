// The workflow's `fail-on` input: under `on: pull_request` the workflow file is the pull request's
// own, so the input may tighten the base config's threshold (or the default) and never loosen it.
import type { FailOn, GateResult } from '../model.js';
import { crosses } from '../decide.js';

/** Lower is stricter: `warn` fails on the most verdicts, `never` on none. */
const STRICTNESS: Record<FailOn, number> = { warn: 0, rollout: 1, block: 2, never: 3 };

export interface Threshold {
  result: GateResult;
  /** Set when the input was looser than the base's threshold and so not applied. */
  ignored?: string;
}

/** `result` as judged at the base config's threshold, re-thresholded by the input when it is stricter. */
export function applyFailOnInput(result: GateResult, input: FailOn | undefined): Threshold {
  if (input === undefined || input === result.failOn) return { result };
  if (STRICTNESS[input] < STRICTNESS[result.failOn]) {
    return { result: { ...result, failOn: input, failed: crosses(result.verdict, input) } };
  }
  return {
    result,
    ignored: `The fail-on input (${input}) is looser than the base commit's threshold (${result.failOn}) and was ignored: an input may only tighten it; set failOn in the base branch's .configgate.yml to loosen it.`,
  };
}
