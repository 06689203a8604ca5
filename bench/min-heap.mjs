// The heap the gate needs: the smallest --max-old-space-size (MB, to within 10) it completes in,
// for each folder holding before/ and after/ (bench/.data/big-*x, bench/.data/memory-*), with the
// peak RSS at that heap and with V8's default one. The files go in as the library's in-memory
// change (check({ before, after })), which judges them as the CLI does without its heap check:
// the check refuses, from the sizes alone, what would not fit, and this measures what does.
//
//   node bench/min-heap.mjs DIR…
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

/** Child: judge DIR once; print ok and the peak RSS in MB. */
async function child(dir) {
  const { check } = await import('../dist/index.js');
  (await import('../dist/heap.js')).collectGarbageSooner();
  const side = (name) => Object.fromEntries(readdirSync(join(dir, name)).map((f) => [f, readFileSync(join(dir, name, f), 'utf8')]));
  const result = await check({ before: side('before'), after: side('after') }, { config: { limits: { maxBytes: 2 ** 30 } } });
  const changes = result.files.reduce((n, f) => n + f.changes.length, 0);
  console.log(JSON.stringify({ ok: changes > 0, rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

function run(dir, heapMb) {
  const flags = heapMb === undefined ? [] : [`--max-old-space-size=${heapMb}`];
  const out = spawnSync(process.execPath, [...flags, self, '--child', dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const last = out.stdout.trim().split('\n').pop() ?? '';
  return out.status === 0 && last.startsWith('{') ? JSON.parse(last) : { ok: false };
}

function inputMb(dir) {
  let bytes = 0;
  for (const name of ['before', 'after']) for (const f of readdirSync(join(dir, name))) bytes += readFileSync(join(dir, name, f)).length;
  return bytes / 1e6;
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await child(args[1]);
} else {
  console.log('| input | both sides | smallest heap | peak RSS there | peak RSS, default heap |');
  console.log('|---|---:|---:|---:|---:|');
  for (const dir of args) {
    let lo = 16;
    let hi = 4096;
    let at;
    while (hi - lo > 10) {
      const mid = Math.floor((lo + hi) / 2);
      const r = run(dir, mid);
      if (r.ok) [hi, at] = [mid, r];
      else lo = mid;
    }
    const free = run(dir);
    console.log(`| ${dir.split('/').pop()} | ${inputMb(dir).toFixed(1)} MB | ${hi} MB | ${at?.rssMb ?? '?'} MB | ${free.rssMb ?? '?'} MB |`);
  }
}
