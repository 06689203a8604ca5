/**
 * Runs of a property test: `n`, scaled by CONFIGGATE_PROPERTY_RUNS (a factor, default 1).
 * The mutation run (stryker.vitest.config.ts) scales them down: every covering test runs for
 * every mutant, and the exact-value tables, not the thousandth random case, are what kill them.
 */
export function propertyRuns(n: number): number {
  const factor = Number(process.env.CONFIGGATE_PROPERTY_RUNS ?? '1');
  return Number.isFinite(factor) && factor > 0 ? Math.max(10, Math.round(n * factor)) : n;
}
