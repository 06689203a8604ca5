// One measurement in a fresh process, so that its peak memory belongs to this case alone.
// node bench/measure.mjs <case> <dir> → one JSON line: { ms, cpuMs, maxRssMb, baseRssMb, … }
//   floor-repo  js-yaml parsing both versions of the pull request's changed files (read from git first)
//   gate-repo   runGate on the pull request (git diff, read, parse, diff, analyze, evaluate, decide) + JSON report
//   floor-big   js-yaml parsing before/items.yaml and after/items.yaml
//   gate-big    runGate comparing before/ and after/ + JSON report
//   rules       compiled CEL conditions of the built-in pack, evaluated over the signals of the pull request
// The repo cases run warm (best of 3 after a warm-up); the big cases run once, cold, as a CI job would.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAll, load } from 'js-yaml';
import { runGate, render } from '../dist/index.js';
import { compileCel, evaluate } from '../dist/evaluate/cel.js';
import { activationFor } from '../dist/evaluate/data-policy.js';
import { collectGarbageSooner } from '../dist/heap.js';

const [kind, dir] = process.argv.slice(2);
// The gate is measured as the CLI and the Action run it: they ask V8 to collect sooner (src/heap.ts).
if (kind.startsWith('gate')) collectGarbageSooner();
const here = dirname(fileURLToPath(import.meta.url));
// Peak RSS of this process once everything is imported, before any input is read.
const baseRssMb = process.resourceUsage().maxRSS / 1024;

/** Best of `runs` (wall and CPU time of this process), after `warmups` unmeasured runs. */
async function best(fn, runs, warmups) {
  for (let i = 0; i < warmups; i++) await fn();
  let top;
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const value = await fn();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    if (!top || ms < top.ms) top = { ms, cpuMs, value };
  }
  return top;
}

function changedTexts(repo) {
  const git = (...args) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 });
  const changed = git('diff', '--name-only', 'HEAD~1', 'HEAD').trim().split('\n');
  return { changed, texts: changed.flatMap((p) => [git('show', `HEAD~1:${p}`), git('show', `HEAD:${p}`)]) };
}

const bigTexts = (d) => ['before', 'after'].map((side) => readFileSync(join(d, side, 'items.yaml'), 'utf8'));
const changeCount = (result) => result.files.reduce((n, f) => n + f.changes.length, 0);
const bytesOf = (texts) => texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

async function gate(source, runs, warmups) {
  const run = await best(
    async () => {
      const result = await runGate({ cwd: dir, source });
      render(result, 'json', {});
      return result;
    },
    runs,
    warmups,
  );
  const result = run.value;
  return {
    ms: run.ms,
    cpuMs: run.cpuMs,
    changes: changeCount(result),
    verdict: result.verdict,
    files: result.files.length,
    findings: result.findings.length,
  };
}

async function floor(texts, runs, warmups) {
  const run = await best(() => texts.forEach((text) => loadAll(text)), runs, warmups);
  return { ms: run.ms, cpuMs: run.cpuMs, bytes: bytesOf(texts) };
}

/**
 * Every `when` and `threshold.when` of the built-in pack's signal policies, compiled once, with
 * the signals each applies to: `when` to the signal types the policy matches, `threshold.when` to
 * the kinds it claims (as the gate runs them). A list is evaluated as the gate evaluates it: in
 * order, stopping at the first condition that does not hold (a later one may rely on an earlier
 * one, `has(signal.data.before)` before `signal.data.before.x`).
 */
function packConditions() {
  const policiesDir = join(here, '..', 'policies');
  const conditions = [];
  for (const name of readdirSync(policiesDir).filter((n) => n.endsWith('.yaml'))) {
    const policy = load(readFileSync(join(policiesDir, name), 'utf8'));
    const types = policy.match?.signals;
    if (!types?.length) continue;
    const options = policy.options ?? {};
    const lists = [
      [policy.when, (s) => types.includes(s.type)],
      [policy.threshold?.when, (s) => types.includes(s.type) && policy.threshold.kinds.includes(s.kind)],
    ];
    for (const [when, applies] of lists) {
      if (when !== undefined) conditions.push({ options, applies, compiled: [when].flat().map((e) => compileCel(e)) });
    }
  }
  return conditions;
}

/** Evaluations per second of the compiled conditions, each over the activation the gate builds for a signal it applies to. */
async function rules() {
  const result = await runGate({ cwd: dir, source: { kind: 'git', base: 'HEAD~1', head: 'HEAD' } });
  const conditions = packConditions();
  const pairs = [];
  for (const signal of result.signals) {
    for (const c of conditions) {
      if (c.applies(signal))
        pairs.push([c.compiled, activationFor({ options: c.options, file: { path: signal.file, status: 'modified' } }, undefined, signal)]);
    }
  }
  let evaluations = 0;
  let errors = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < 2000) {
    for (let k = 0; k < pairs.length; k++) {
      const [list, activation] = pairs[k];
      for (const compiled of list) {
        const outcome = evaluate(compiled, activation);
        evaluations++;
        if (!outcome.ok) errors++;
        if (!outcome.ok || outcome.value !== true) break;
      }
    }
  }
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const kinds = [...new Set(result.signals.map((s) => `${s.type}/${s.kind}`))];
  return {
    perSecond: evaluations / ((performance.now() - start) / 1000),
    perCpuSecond: evaluations / cpuSeconds,
    conditions: conditions.reduce((n, c) => n + c.compiled.length, 0),
    signals: result.signals.length,
    pairs: pairs.length,
    kinds,
    errors,
  };
}

const cases = {
  'floor-repo': async () => {
    const { changed, texts } = changedTexts(dir);
    return { ...(await floor(texts, 3, 1)), files: changed.length };
  },
  'gate-repo': () => gate({ kind: 'git', base: 'HEAD~1', head: 'HEAD' }, 3, 1),
  'floor-big': async () => {
    const texts = bigTexts(dir);
    return { ...(await floor(texts, 1, 0)), items: texts[0].split('\n  - name: ').length - 1 };
  },
  'gate-big': () => gate({ kind: 'compare', before: 'before', after: 'after' }, 1, 0),
  rules,
};

const out = { case: kind, ...(await cases[kind]()) };
out.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
out.baseRssMb = Math.round(baseRssMb);
console.log(JSON.stringify(out));
