// The job summary: the same Markdown as the comment, with room for more (1 MiB per step).
import * as core from '@actions/core';

/** Characters of Markdown in the summary; leaves headroom below 1 MiB for multi-byte text. */
export const SUMMARY_MAX_LENGTH = 400_000;

export async function writeSummary(markdown: string): Promise<boolean> {
  if (!process.env.GITHUB_STEP_SUMMARY) return false;
  await core.summary.addRaw(markdown, true).write();
  return true;
}
