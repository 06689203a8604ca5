// npm run bench — configgate against its parse floor, and how it scales.
// Targets (checked here, never in timed unit tests): gate ≤ 1.5× the parse floor;
// doubling the input ≤ 2.2× the time; no quadratic path in the diff.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { generateBigFile, generateRepo } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const data = join(here, '.data');
const measure = (kind, dir) =>
  JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=8192', join(here, 'measure.mjs'), kind, dir], { encoding: 'utf8' }).trim().split('\n').pop());
const fmt = (ms) => `${ms.toFixed(0)} ms`;
const verdicts = [];
const target = (ok, text) => {
  verdicts.push(ok);
  return `${ok ? 'ok  ' : 'MISS'} ${text}`;
};

console.log('generating data (cached in bench/.data) …');
const repo = generateRepo(join(data, 'repo'));
const scales = [1, 2, 4].map((k) => ({ k, dir: generateBigFile(join(data, `big-${k}x`), 200_000 * k) }));

const r = measure('repo', repo);
console.log(`\n1. config repo: 5,000 files, ${r.files} changed (${r.changes} structural changes) → ${r.verdict}`);
console.log(`   gate (git diff + read + parse + diff + analyze + evaluate + report): ${fmt(r.gateMs)}`);
console.log(`   parse floor (js-yaml, both versions of the changed files):          ${fmt(r.floorMs)}`);
console.log(`   ratio ${(r.gateMs / r.floorMs).toFixed(2)}× (git process start-up included; informational)`);

const runs = scales.map(({ k, dir }) => ({ k, ...measure('big', dir) }));
const base = runs[0];
console.log(`\n2. one ${(base.bytes / 1e6).toFixed(1)} MB file, ${base.items.toLocaleString('en-US')} list items, every item reordered (${base.changes.toLocaleString('en-US')} moves)`);
console.log(`   gate ${fmt(base.gateMs)}, parse floor ${fmt(base.floorMs)}, ratio ${(base.gateMs / base.floorMs).toFixed(2)}×`);
console.log('   ' + target(base.gateMs <= 1.5 * base.floorMs, 'gate ≤ 1.5× the parse floor'));

console.log('\n3. scaling (same file shape, each in a fresh process)');
console.log('   size   items       gate        floor      ratio   peak RSS');
for (const run of runs) {
  console.log(
    `   ${`${run.k}×`.padEnd(5)}  ${run.items.toLocaleString('en-US').padEnd(10)}  ${fmt(run.gateMs).padEnd(10)}  ${fmt(run.floorMs).padEnd(9)}  ${(run.gateMs / run.floorMs).toFixed(2)}×   ${run.maxRssMb} MB`,
  );
}
for (let i = 1; i < runs.length; i++) {
  const growth = runs[i].gateMs / runs[i - 1].gateMs;
  console.log('   ' + target(growth <= 2.2, `${runs[i - 1].k}× → ${runs[i].k}×: time ×${growth.toFixed(2)} (≤ 2.2, no quadratic path)`));
}
console.log(`\n${verdicts.every(Boolean) ? 'all targets met' : 'some targets MISSED'}`);
