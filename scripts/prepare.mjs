// prepare: builds the library into dist/ with tsc, and the CLI bundle with esbuild. npm runs it
// on `npm ci` here, when it installs configgate from git, from a folder, and before `npm pack`;
// a tarball or registry install ships dist/ already and has no src/ to build.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}src/index.ts`)) process.exit(0);

let tsc;
try {
  const manifest = createRequire(`${root}package.json`).resolve('typescript/package.json');
  tsc = join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.tsc);
} catch {
  console.error(`configgate: building dist/ needs the dev dependencies: run \`npm ci\` in ${root} first (or install configgate from git or a packed tarball)`);
  process.exit(1);
}
// tsc, then the built-in pack's parsed copy and the CLI bundle (as `npm run build:lib` does).
for (const step of [[tsc, '-p', 'tsconfig.build.json'], ['scripts/build-pack.mjs'], ['scripts/build-cli.mjs']]) {
  const built = spawnSync(process.execPath, step, { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
