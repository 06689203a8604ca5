// The one line the step fails (or passes) with.
import type { GateResult } from '../model.js';

export function verdictLine(result: GateResult): string {
  const { counts } = result;
  const parts = [`${counts.block} blocking`, `${counts.rollout} needs rollout`, `${counts.warn} warning${counts.warn === 1 ? '' : 's'}`];
  if (counts.waived > 0) parts.push(`${counts.waived} waived`);
  const line = `configgate: ${result.verdict} — ${parts.join(', ')} (fail-on: ${result.failOn})`;
  if (result.verdict === 'needs-rollout' && result.rollout?.next) return `${line}. Next step: ${result.rollout.next}`;
  return line;
}

/** The first line of an error's message: the step fails with one line, never a stack trace. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'unknown error';
}
