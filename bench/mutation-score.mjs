// Mutation score per module from Stryker JSON reports (mutation-testing-report-schema).
// node bench/mutation-score.mjs [report.json …]   (default: reports/mutation/mutation.json)
// Prints a Markdown table: per module, the score with all tests ("after") and, where the run
// did not bail (disableBail: every covering test ran, so killedBy is complete), the score
// the tests other than *.mutation.test.ts reach on their own ("before").
import { existsSync, readFileSync } from 'node:fs';

const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['reports/mutation/mutation.json'];
const NEW_TESTS = /\.mutation\.test\.ts$/;
const modules = [
  ['src/diff/', (f) => f.startsWith('src/diff/')],
  ['src/decide.ts', (f) => f === 'src/decide.ts'],
  ['src/evaluate/', (f) => f.startsWith('src/evaluate/')],
];

const perFile = new Map();
for (const path of paths) {
  if (!existsSync(path)) continue;
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const testFileOf = new Map();
  for (const [file, { tests }] of Object.entries(report.testFiles ?? {})) for (const t of tests) testFileOf.set(t.id, file);
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const rel = file.replace(/^.*?(?=src\/)/, '');
    const counts = { killed: 0, killedBefore: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 };
    for (const m of mutants) {
      if (m.status === 'Killed') {
        counts.killed++;
        if ((m.killedBy ?? []).some((id) => !NEW_TESTS.test(testFileOf.get(id) ?? ''))) counts.killedBefore++;
      } else if (m.status === 'Timeout') counts.timeout++;
      else if (m.status === 'Survived') counts.survived++;
      else if (m.status === 'NoCoverage') counts.noCoverage++;
      else if (m.status === 'Ignored') counts.ignored++;
      else counts.errors++;
    }
    perFile.set(rel, counts);
  }
}

const score = (detected, valid) => (valid === 0 ? '–' : `${((100 * detected) / valid).toFixed(1)}%`);
const sum = (rows) => rows.reduce((a, c) => Object.fromEntries(Object.keys(c).map((k) => [k, (a[k] ?? 0) + c[k]])), {});
const row = (name, c) => {
  const valid = c.killed + c.timeout + c.survived + c.noCoverage;
  return `| ${name} | ${valid} | ${score(c.killedBefore + c.timeout, valid)} | ${score(c.killed + c.timeout, valid)} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} |`;
};
console.log(
  '| module | mutants | before (tests without *.mutation.test.ts) | after (all tests) | killed | timeout | survived | no coverage |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const [name, test] of modules) {
  const files = [...perFile].filter(([f]) => test(f));
  if (files.length === 0) continue;
  console.log(row(`**${name}**`, sum(files.map(([, c]) => c))));
  if (files.length > 1) for (const [f, c] of files.sort()) console.log(row(`  ${f}`, c));
}
