// Judge what is staged in a git repository, as the pre-commit hook does, and print the JSON
// contract (`configgate check --staged --format json`).
//   node examples/api/check-git.mjs [repository folder]
import { check, format } from 'configgate';

const cwd = process.argv[2] ?? process.cwd();
const result = await check({ cwd, staged: true });

const report = JSON.parse(format(result, 'json'));
console.log(JSON.stringify({ verdict: report.verdict, counts: report.counts, findings: report.findings.map((f) => `${f.file}:${f.line} ${f.policy}`) }));
process.exitCode = result.failed ? 1 : 0;
