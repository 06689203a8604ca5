// npm run bench — configgate against its parse floor, against Spectral, and how it scales, in one run.
// Prints the figures and writes them, with the machine and the versions, to bench/RESULTS.md.
// Targets (checked here, never in timed unit tests): gate ≤ 1.5× the parse floor; ≥ 5× faster than
// Spectral on the same files; ≤ 2.2× the time per doubling of the input; peak memory ≤ 10× the
// input; cold start ≤ 150 ms.
// Options: --quick (1× and 2× only, 3 cold-start runs), --no-write (print only).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release, platform } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { generateBigFile, generateEmpty, generateRepo } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const data = join(here, '.data');
const quick = process.argv.includes('--quick');
const node = process.execPath;
const cli = join(root, 'dist', 'cli', 'main.js');
const spectral = join(root, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const measure = (kind, dir) =>
  JSON.parse(
    execFileSync(node, ['--max-old-space-size=8192', join(here, 'measure.mjs'), kind, dir], { encoding: 'utf8', maxBuffer: 1 << 26 })
      .trim()
      .split('\n')
      .pop(),
  );
const ms = (v) => `${v.toFixed(0)} ms`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const checks = [];
const target = (ok, text) => {
  checks.push({ ok, text });
  return `${ok ? 'ok  ' : 'MISS'} ${text}`;
};
const lines = [];
const say = (line = '') => {
  console.log(line);
  lines.push(line);
};

/** A command in a fresh process: wall time, CPU time and peak RSS (from /usr/bin/time where there is one). */
function processRun(command, args, cwd) {
  const argv = timeBin ? [timeBin, ['-f', '%U %S %M', command, ...args]] : [command, args];
  const start = performance.now();
  const run = spawnSync(argv[0], argv[1], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallMs = performance.now() - start;
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`${command} ${args.slice(0, 4).join(' ')} … exited ${run.status}: ${run.stderr.slice(-400)}`);
  const out = { wallMs, stdout: run.stdout, status: run.status };
  if (timeBin) {
    const [user, sys, rssKb] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
    Object.assign(out, { cpuMs: (user + sys) * 1000, rssMb: Math.round(rssKb / 1024) });
  }
  return out;
}

/** Median of `n` runs (wall and CPU each), with the last run's output. */
function processMedian(n, command, args, cwd) {
  const runs = Array.from({ length: n }, () => processRun(command, args, cwd));
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: timeBin ? median(runs.map((r) => r.cpuMs)) : undefined,
    rssMb: timeBin ? Math.max(...runs.map((r) => r.rssMb)) : undefined,
    stdout: runs.at(-1).stdout,
  };
}

const version = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const gitHead = () => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};

say(`# configgate benchmark`);
say();
say(`- date: ${new Date().toISOString()}`);
say(
  `- machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}; load average at start ${loadavg()[0].toFixed(1)}`,
);
say(
  `- Node ${process.version}; configgate ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version} (${gitHead()}); js-yaml ${version('js-yaml')}; @marcbachmann/cel-js ${version('@marcbachmann/cel-js')}; @stoplight/spectral-cli ${version('@stoplight/spectral-cli')}`,
);
say(`- times are best of 3 (in-process) or median of 3 (a process each); CPU time is user + system of the measured process alone`);
say();
console.log('generating data (cached in bench/.data) …');
const repo = generateRepo(join(data, 'repo'));

// ── 1. a pull request of 200 changed files out of 5,000 ─────────────────────────
const floorRepo = measure('floor-repo', repo);
const gateRepo = measure('gate-repo', repo);
const changed = execFileSync('git', ['diff', '--name-only', 'HEAD~1', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim().split('\n');
const cliRun = processMedian(3, node, [cli, 'check', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'], repo);
const spectralRun = processMedian(
  3,
  node,
  [spectral, 'lint', '--ruleset', join(here, 'spectral', 'ruleset.yaml'), '--format', 'json', ...changed],
  repo,
);
const spectralProblems = JSON.parse(spectralRun.stdout || '[]').length;
const cliFindings = JSON.parse(cliRun.stdout).findings.length;
say(
  `## 1. A pull request: ${floorRepo.files} changed files of 5,000 (${mb(floorRepo.bytes)} both sides, ${gateRepo.changes.toLocaleString('en-US')} structural changes → ${gateRepo.verdict})`,
);
say();
say('| run | wall | CPU | peak RSS | output |');
say('|---|---:|---:|---:|---|');
say(`| parse floor: js-yaml, both sides of the changed files, in-process | ${ms(floorRepo.ms)} | ${ms(floorRepo.cpuMs)} | | |`);
say(
  `| configgate in-process: git diff + read + parse + diff + analyze + evaluate + decide + JSON | ${ms(gateRepo.ms)} | ${ms(gateRepo.cpuMs)} (git's own not counted) | | ${gateRepo.findings} findings |`,
);
say(
  `| \`configgate check --base HEAD~1 --head HEAD --format json\` (a process) | ${ms(cliRun.wallMs)} | ${cliRun.cpuMs ? ms(cliRun.cpuMs) : '–'} | ${cliRun.rssMb ?? '–'} MB | ${cliFindings} findings |`,
);
say(
  `| \`spectral lint\` with [an equivalent ruleset](spectral/ruleset.yaml) on the ${changed.length} changed files (a process) | ${ms(spectralRun.wallMs)} | ${spectralRun.cpuMs ? ms(spectralRun.cpuMs) : '–'} | ${spectralRun.rssMb ?? '–'} MB | ${spectralProblems} problems |`,
);
say();
const floorRatio = gateRepo.ms / floorRepo.ms;
const spectralRatio = spectralRun.wallMs / cliRun.wallMs;
say(
  '- ' +
    target(
      floorRatio <= 1.5,
      `gate ${floorRatio.toFixed(2)}× the parse floor, wall (≤ 1.5×); CPU ${(gateRepo.cpuMs / floorRepo.cpuMs).toFixed(2)}×`,
    ),
);
say(
  '- ' +
    target(
      spectralRatio >= 5,
      `configgate CLI ${spectralRatio.toFixed(1)}× faster than Spectral CLI, wall (≥ 5×)${cliRun.cpuMs ? `; CPU ${(spectralRun.cpuMs / cliRun.cpuMs).toFixed(1)}×` : ''}`,
    ),
);
say();

// ── 2. one large file at 1×, 2×, 4×, 8× ────────────────────────────────────────
const factors = quick ? [1, 2] : [1, 2, 4, 8];
const scales = factors.map((k) => ({ k, dir: generateBigFile(join(data, `big-${k}x`), 25_000 * k) }));
const runs = scales.map(({ k, dir }) => ({ k, floor: measure('floor-big', dir), gate: measure('gate-big', dir) }));
say(`## 2. One large file: a list of keyed items, every item reordered and 1% modified`);
say();
say(
  'Each size in fresh processes, cold (one run, as a CI job); memory is the peak RSS of the whole process, and "over base" subtracts the RSS it had with everything imported, before reading the input.',
);
say();
say(
  '| size | items | input (both sides) | changes | gate wall | gate CPU | floor wall | gate / floor | peak RSS | over base | over base / input | floor peak RSS |',
);
say('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const { k, floor, gate } of runs) {
  const over = gate.maxRssMb - gate.baseRssMb;
  say(
    `| ${k}× | ${floor.items.toLocaleString('en-US')} | ${mb(floor.bytes)} | ${gate.changes.toLocaleString('en-US')} | ${ms(gate.ms)} | ${ms(gate.cpuMs)} | ${ms(floor.ms)} | ${(gate.ms / floor.ms).toFixed(2)}× | ${gate.maxRssMb} MB | ${over} MB | ${((over * 2 ** 20) / floor.bytes).toFixed(1)}× | ${floor.maxRssMb} MB |`,
  );
}
say();
for (let i = 1; i < runs.length; i++) {
  const growth = runs[i].gate.ms / runs[i - 1].gate.ms;
  say('- ' + target(growth <= 2.2, `${runs[i - 1].k}× → ${runs[i].k}×: time ×${growth.toFixed(2)} (≤ 2.2 per doubling)`));
}
for (const { k, floor, gate } of runs) {
  const over = ((gate.maxRssMb - gate.baseRssMb) * 2 ** 20) / floor.bytes;
  say(
    '- ' +
      target(
        over <= 10,
        `${k}×: peak memory over base ${over.toFixed(1)}× the input (≤ 10×); whole process ${((gate.maxRssMb * 2 ** 20) / floor.bytes).toFixed(1)}×`,
      ),
  );
}
say();

// ── 3. cold start ───────────────────────────────────────────────────────────────
const empty = generateEmpty(join(data, 'empty'));
const actionBundle = join(data, 'action.js');
execFileSync(node, [join(root, 'scripts', 'build-action.mjs'), '--outfile', actionBundle], { cwd: root });
const event = join(data, 'push-deleted.json');
writeFileSync(event, JSON.stringify({ deleted: true, after: '0'.repeat(40) }));
const n = quick ? 3 : 11;
const cold = {
  node: processMedian(n, node, ['-e', '0'], empty),
  version: processMedian(n, node, [cli, '--version'], empty),
  compare: processMedian(n, node, [cli, 'compare', 'before', 'after'], empty),
  action: (() => {
    const env = {
      ...process.env,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: 'bench/bench',
      GITHUB_WORKSPACE: empty,
      RUNNER_TEMP: empty,
    };
    const saved = process.env;
    process.env = env;
    try {
      return processMedian(n, node, [actionBundle], empty);
    } finally {
      process.env = saved;
    }
  })(),
};
say(`## 3. Cold start (median of ${n} processes)`);
say();
say('| run | wall | CPU | peak RSS |');
say('|---|---:|---:|---:|');
const coldRow = (label, r) => say(`| ${label} | ${ms(r.wallMs)} | ${r.cpuMs !== undefined ? ms(r.cpuMs) : '–'} | ${r.rssMb ?? '–'} MB |`);
coldRow('`node -e 0` (Node itself)', cold.node);
coldRow('`configgate --version`', cold.version);
coldRow('`configgate compare before after` on two empty folders', cold.compare);
coldRow('the bundled Action on an event with nothing to judge', cold.action);
say();
// Judged on CPU time where /usr/bin/time gives it: on a shared machine the wall time of a short
// process is mostly waiting for a core (Node alone shows it), CPU time is what it would take alone.
const startOf = (r) => r.cpuMs ?? r.wallMs;
const basis = timeBin ? 'CPU' : 'wall';
say(
  '- ' +
    target(
      startOf(cold.compare) <= 150,
      `CLI doing nothing: ${ms(startOf(cold.compare))} ${basis} (≤ 150 ms; Node alone ${ms(startOf(cold.node))})`,
    ),
);
say('- ' + target(startOf(cold.action) <= 150, `Action doing nothing: ${ms(startOf(cold.action))} ${basis} (≤ 150 ms)`));
say();

// ── 4. compiled rules ───────────────────────────────────────────────────────────
const rules = measure('rules', repo);
say(`## 4. Compiled rule evaluations`);
say();
say(
  `The built-in pack's ${rules.conditions} CEL conditions of its signal policies (\`when\` and \`threshold.when\`), compiled once, each list evaluated as the gate does (in order, stopping at the first that does not hold) over the activation the gate builds for every signal of the pull request it applies to (${rules.pairs} list × signal pairs over ${rules.signals} signals: ${rules.kinds.join(', ')}): **${(rules.perCpuSecond / 1e6).toFixed(2)} M evaluations per CPU second**, ${(rules.perSecond / 1e6).toFixed(2)} M/s wall (${rules.errors} evaluation errors).`,
);
say();

const missed = checks.filter((c) => !c.ok);
say(
  missed.length === 0
    ? '**All targets met.**'
    : `**${missed.length} of ${checks.length} targets missed:** ${missed.map((c) => c.text).join('; ')}.`,
);
if (!process.argv.includes('--no-write')) {
  const notesAt = existsSync(join(here, 'RESULTS.md')) ? readFileSync(join(here, 'RESULTS.md'), 'utf8').indexOf('\n## Notes') : -1;
  const notes = notesAt >= 0 ? readFileSync(join(here, 'RESULTS.md'), 'utf8').slice(notesAt) : '';
  writeFileSync(join(here, 'RESULTS.md'), `${lines.join('\n')}\n${notes}`);
  console.log('\nwritten to bench/RESULTS.md');
}
