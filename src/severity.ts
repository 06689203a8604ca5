import type { Finding } from './model.js';

/** The one severity order of finding levels: most severe first. */
export const LEVEL_RANK: Readonly<Record<Finding['level'], number>> = { block: 0, rollout: 1, warn: 2, notice: 3 };

/** Negative when `a` is more severe than `b`. */
export function compareLevel(a: Finding['level'], b: Finding['level']): number {
  return LEVEL_RANK[a] - LEVEL_RANK[b];
}
