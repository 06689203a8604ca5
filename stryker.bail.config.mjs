// A quicker Stryker run for one file at a time: the first failing test ends a mutant's run
// (bail), so a killed mutant does not run every covering test. Its `killedBy` names one test, so
// bench/mutation-score.mjs's "before" column means nothing for it: compare two runs instead
// (the first before the new tests, the second incremental after them).
//   npx stryker run stryker.bail.config.mjs --mutate src/diff/index.ts --incrementalFile reports/inc-diff-index.json
import { readFileSync } from 'node:fs';

const base = JSON.parse(readFileSync(new URL('./stryker.config.json', import.meta.url), 'utf8'));

export default { ...base, disableBail: false };
