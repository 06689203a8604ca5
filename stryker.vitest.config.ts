// The vitest configuration Stryker runs (npm run mutate): the unit tests of the mutated modules only.
// The pack, e2e, CLI and Action suites run the whole pipeline, so every mutant would rerun them
// (seconds apiece, hours over a run on 2 cores); a mutant only they kill is one the module's own
// tests should catch.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/diff/**/*.test.ts', 'test/decide/**/*.test.ts', 'test/evaluate/**/*.test.ts'],
    // Modules stay loaded between mutants: Stryker switches mutants at run time, not by re-importing.
    isolate: false,
    testTimeout: 60_000,
    // Property tests at a twentieth of their runs: every covering test runs for every mutant.
    env: { CONFIGGATE_PROPERTY_RUNS: '0.05' },
    hookTimeout: 120_000,
  },
});
