// Judge two versions of a file held in memory — no folders, no git — and render the result.
//   node examples/api/check-in-memory.mjs
import { check, format } from 'configgate';

const result = await check({
  before: { 'services/checkout.yaml': 'logLevel: info\nreplicas: 4\n' },
  after: { 'services/checkout.yaml': 'logLevel: debug\nreplicas: 4\n' },
});

console.log(`verdict: ${result.verdict}`);
for (const finding of result.findings) {
  console.log(`${finding.file}:${finding.line} ${finding.level} ${finding.policy} (${finding.messageId})`);
}
// Reports are rendered on demand: the Markdown a pull-request comment would carry.
console.log(format(result, 'markdown').split('\n').find((line) => line.startsWith('### ')));
process.exitCode = result.failed ? 1 : 0;
