#!/usr/bin/env node
// npm run fuzz [-- --runs N] [--seed S]: the fuzz properties (scripts/fuzz-core.mjs) over N
// generated pairs through the built library (dist/), in-process. Prints the seed, the count and
// the rate; on a failure, the property, the counterexample and the seed/path to replay it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import * as configgate from '../dist/index.js';
import { checkPair, fuzzModel } from './fuzz-core.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const runs = option('runs', 10_000);
const seed = option('seed', Date.now() % 2 ** 31);
// A progress line every `report` pairs: the run is synchronous, so the last line is the figure of a run stopped early.
const report = option('report', 50_000);

const lib = { ...configgate, dump };
const setup = await configgate.loadSetup({ reader: configgate.fsReader(mkdtempSync(join(tmpdir(), 'configgate-fuzz-'))) });
const { pair } = fuzzModel(fc);
console.log(`fuzz: seed ${seed}, ${runs} pairs`);
const start = performance.now();
let done = 0;
const result = fc.check(
  fc.property(pair, (p) => {
    checkPair(lib, setup, p);
    if (++done % report === 0) console.log(`fuzz: ${done} pairs, ${Math.round(done / ((performance.now() - start) / 1000))} pairs/s`);
  }),
  { seed, numRuns: runs },
);
const seconds = (performance.now() - start) / 1000;
if (result.failed) {
  console.log(`fuzz: FAILED after ${result.numRuns} pairs (seed ${seed}, path ${result.counterexamplePath})`);
  console.log(String(result.errorInstance?.message ?? result.error).slice(0, 4000));
  console.log(`counterexample: ${JSON.stringify(result.counterexample, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)).slice(0, 4000)}`);
  process.exit(1);
}
console.log(`fuzz: ${result.numRuns} pairs passed in ${seconds.toFixed(1)} s (seed ${seed})`);
