// A small seeded slice of `npm run fuzz` (scripts/fuzz-core.mjs): random YAML/JSON pairs with the
// mutations a pull request makes, through the whole pipeline in-process. The full run is
// `npm run fuzz -- --runs 1000000`; its figure is in the README (Bad input and limits).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import * as configgate from '../../src/index.js';
// @ts-expect-error -- plain ESM shared with scripts/fuzz.mjs, no declarations
import { checkPair, fuzzModel } from '../../scripts/fuzz-core.mjs';

const dir = mkdtempSync(join(tmpdir(), 'configgate-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fuzz: random pairs through the whole pipeline (issue 10)', () => {
  it('no foreign exception; verdict independent of key and file order; diff round-trips; runs identical', async () => {
    const setup = await configgate.loadSetup({ reader: configgate.fsReader(dir) });
    const lib = { ...configgate, dump };
    const { pair } = fuzzModel(fc);
    const result = fc.check(
      fc.property(pair, (p: unknown) => checkPair(lib, setup, p)),
      { seed: 20261205, numRuns: 60 },
    );
    expect(result.failed ? `${String(result.errorInstance)}` : 'passed').toBe('passed');
    expect(result.numRuns).toBe(60);
  }, 120_000);

  // Found by `npm run fuzz` (seeds 20261205 at pair 14,377 and 20261206 at 26,043): a list of
  // lists whose items hold a `toString` key crashed the routing analyzer (String() of the list).
  it.each([
    [{ files: [{ format: 'yaml', docs: [{ pools: [[{ toString: 0 }]] }], mutations: [{ op: 'change', at: 0, key: 'name', value: '' }] }], seed: 0 }],
    [{ files: [{ format: 'yaml', docs: [{ servers: [[{ toString: 'debug' }]], name: 0 }, { name: 'debug' }], mutations: [{ op: 'change', at: 0, key: 'name', value: null }] }], seed: 0 }],
  ])('a nested list holding a toString key does not crash the routing analyzer', async (pair) => {
    const setup = await configgate.loadSetup({ reader: configgate.fsReader(dir) });
    expect(() => checkPair({ ...configgate, dump }, setup, pair)).not.toThrow();
  });
});
