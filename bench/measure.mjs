// One measurement in a fresh process, so that peak memory belongs to this case alone.
// node bench/measure.mjs <repo|big> <dir>  → one JSON line: { gateMs, floorMs, maxRssMb, … }
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, loadAll } from 'js-yaml';
import { runGate, render } from '../dist/index.js';

const [kind, dir] = process.argv.slice(2);

function time(fn) {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

async function timeAsync(fn) {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** The floor: js-yaml parsing both versions of the changed files, nothing else. */
function parseFloor(texts) {
  return time(() => {
    for (const text of texts) loadAll(text);
  }).ms;
}

let out;
if (kind === 'repo') {
  const git = (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  const changed = git('diff', '--name-only', 'HEAD~1', 'HEAD').trim().split('\n');
  const texts = changed.flatMap((p) => [git('show', `HEAD~1:${p}`), git('show', `HEAD:${p}`)]);
  parseFloor(texts); // warm the parser up like the gate run below is warmed up
  const floorMs = parseFloor(texts);
  await runGate({ cwd: dir, source: { kind: 'git', base: 'HEAD~1', head: 'HEAD' } });
  const gate = await timeAsync(async () => {
    const result = await runGate({ cwd: dir, source: { kind: 'git', base: 'HEAD~1', head: 'HEAD' } });
    render(result, 'json', {});
    return result;
  });
  out = { case: 'repo', files: changed.length, gateMs: gate.ms, floorMs, changes: gate.value.files.reduce((n, f) => n + f.changes.length, 0), verdict: gate.value.verdict };
} else {
  const texts = ['before', 'after'].map((side) => readFileSync(join(dir, side, 'items.yaml'), 'utf8'));
  const floorMs = parseFloor(texts);
  const gate = await timeAsync(async () => {
    const result = await runGate({ cwd: dir, source: { kind: 'compare', before: 'before', after: 'after' } });
    render(result, 'json', {});
    return result;
  });
  out = {
    case: 'big',
    bytes: Buffer.byteLength(texts[0]),
    items: load(texts[0]).items.length,
    gateMs: gate.ms,
    floorMs,
    changes: gate.value.files.reduce((n, f) => n + f.changes.length, 0),
    verdict: gate.value.verdict,
  };
}
out.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(out));
