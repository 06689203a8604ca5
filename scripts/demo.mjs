// npm run demo: the gate on examples/ — a small config repository with a risky change.
// It shows the stop (exit code 1 from configgate) without failing the npm script.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const args = ['compare', 'examples/before', 'examples/after', ...process.argv.slice(2)];

console.log(`$ configgate ${args.join(' ')}\n`);
const run = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
const code = run.status;

if (code === 1) {
  console.log('\nconfiggate exited 1: the gate stopped this change, as it should (see the findings above).');
  console.log('In CI or a pre-commit hook that exit code fails the job; here the demo succeeds.');
  process.exit(0);
}
console.error(`\ndemo: expected configgate to stop the example change (exit 1), got exit ${code}`);
process.exit(1);
