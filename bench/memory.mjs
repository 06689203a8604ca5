// Time and peak memory of one large file through the gate, stage by stage, each stage in a
// fresh process (issue 10, item 10: peak memory ≤ 10× the input). The input is both sides of
// one generated file; shapes are the lists and maps big configuration files are made of, with
// 1% of the entries modified.
//
//   node bench/memory.mjs [--mb 35 (each side)] [--shapes scalars,anon,named,map] [--stages read,parse,diff,gate]
//
// Prints one row per shape and stage: seconds (CPU), peak RSS, and RSS over the input size.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};

/** One entry of each shape; `mod` is the after side's 1% change. */
function entry(shape, i, mod) {
  const v = mod ? 'changed' : 'v';
  switch (shape) {
    case 'scalars':
      return `  - 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}${mod ? '9' : ''}\n`;
    case 'anon':
      return `  - host: h${i}.example.com\n    port: ${8000 + (i % 1000)}\n    zone: ${v}-${i % 7}\n`;
    case 'named':
      return `  - name: item-${i}\n    value: ${(i * 7) % 1000}\n    zone: ${v}-${i % 7}\n`;
    case 'map':
      return `  key${i}: ${v}-${i}\n`;
  }
  throw new Error(`unknown shape ${shape}`);
}

function generate(shape, mb) {
  const dir = join(HERE, '.data', `memory-${shape}-${mb}`);
  if (existsSync(join(dir, '.done'))) return dir;
  const n = Math.floor((mb * 1024 * 1024) / entry(shape, 1, false).length);
  for (const side of ['before', 'after']) {
    const parts = new Array(n);
    for (let i = 0; i < n; i++) parts[i] = entry(shape, i, side === 'after' && i % 100 === 0);
    mkdirSync(join(dir, side), { recursive: true });
    writeFileSync(join(dir, side, 'list.yaml'), `${shape === 'map' ? 'entries' : 'items'}:\n${parts.join('')}`);
  }
  writeFileSync(join(dir, '.configgate.yml'), 'limits: { maxBytes: 1073741824 }\n');
  writeFileSync(join(dir, '.done'), '');
  return dir;
}

/** One stage, in this (fresh) process. */
async function stage(name, dir) {
  const lib = await import('../dist/index.js');
  const read = (side) => readFileSync(join(dir, side, 'list.yaml'), 'utf8');
  const texts = [read('before'), read('after')];
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const start = process.cpuUsage();
  let detail = '';
  if (name === 'parse' || name === 'diff') {
    const files = texts.map((text) => lib.parseConfigFile({ path: 'list.yaml', text, bytes: Buffer.byteLength(text) }, { maxBytes: 2 ** 30 }));
    if (name === 'diff') detail = `${lib.diffFile('modified', 'list.yaml', { before: files[0], after: files[1] }).changes.length} changes`;
  } else if (name === 'gate') {
    // As the CLI and the Action run it (src/heap.ts).
    (await import('../dist/heap.js')).collectGarbageSooner();
    const result = await lib.runGate({ cwd: dir, source: { kind: 'compare', before: 'before', after: 'after' } });
    lib.render(result, 'json', {});
    detail = `${result.files.reduce((n, f) => n + f.changes.length, 0)} changes, ${result.verdict}`;
  }
  const cpu = process.cpuUsage(start);
  const rss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ bytes, cpuSeconds: (cpu.user + cpu.system) / 1e6, rss, detail }));
}

if (option('stage')) {
  await stage(option('stage'), option('dir'));
} else {
  const mb = Number(option('mb', '35'));
  const shapes = option('shapes', 'scalars,anon,named,map').split(',');
  const stages = option('stages', 'read,parse,diff,gate').split(',');
  console.log(`| shape | input (both sides) | stage | CPU s | peak RSS | RSS / input | |`);
  console.log(`|---|---|---|---|---|---|---|`);
  for (const shape of shapes) {
    const dir = generate(shape, mb);
    for (const name of stages) {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--stage', name, '--dir', dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const r = JSON.parse(out.trim().split('\n').pop());
      const mbOf = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;
      console.log(`| ${shape} | ${mbOf(r.bytes)} | ${name} | ${r.cpuSeconds.toFixed(1)} | ${mbOf(r.rss)} | ${(r.rss / r.bytes).toFixed(1)}× | ${r.detail} |`);
    }
  }
}
