import type { Finding, Verdict } from './model.js';

/** The one severity order of finding levels: most severe first. */
export const LEVEL_RANK: Readonly<Record<Finding['level'], number>> = { block: 0, rollout: 1, warn: 2, notice: 3 };

/** Negative when `a` is more severe than `b`. */
export function compareLevel(a: Finding['level'], b: Finding['level']): number {
  return LEVEL_RANK[a] - LEVEL_RANK[b];
}

/** The one order of verdicts: least severe first. */
export const VERDICT_RANK: Readonly<Record<Verdict, number>> = { pass: 0, warn: 1, 'needs-rollout': 2, block: 3 };
