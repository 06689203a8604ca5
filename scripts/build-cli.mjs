#!/usr/bin/env node
// Bundles the CLI (src/cli/main.ts) with its dependencies into dist/cli/main.js and a few chunks
// (dist/cli/chunks/), over the file tsc emitted there. A CLI of ~150 modules spent most of its
// start resolving and compiling them; a bundle is a handful of files, and the chunks that only
// some commands need (the engine, the reports, recheck stays outside) load when those commands run.
// Run by `npm run build:lib` and by `prepare` after tsc; the library (dist/index.js) stays file to file.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'cli');

const BANNER = [
  // CommonJS dependencies call require(); give each ESM file of the bundle one.
  "import { createRequire as __configgateCreateRequire } from 'node:module';",
  'const require = __configgateCreateRequire(import.meta.url);',
].join('\n');

rmSync(join(outdir, 'chunks'), { recursive: true, force: true });
try {
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    // ESM builds first: a UMD `main` (jsonc-parser's) requires its own files at run time.
    mainFields: ['module', 'main'],
    // recheck (5.6 MB) is required at run time from node_modules, when a regex is to be checked.
    external: ['recheck'],
    target: 'node20',
    format: 'esm',
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
    banner: { js: BANNER },
  });
} catch {
  // esbuild has printed the errors.
  process.exit(1);
}
