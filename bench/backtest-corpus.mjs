// npm run bench:backtest — `configgate backtest` with zero configuration over public config
// repositories: the stopped share, input errors (exit 2) and crashes per repository, and the
// stops by policy. Measured here, never in timed unit tests.
//
//   node bench/backtest-corpus.mjs [-n 300] [--out FILE.json] [REPO_GIT_DIR …]
//
// Without repositories it replays every mirror under /work/.mirror (bare git dirs work as they
// are: backtest reads only git objects). The details (every stop with its top finding, every
// error) go to --out (default bench/.data/backtest-corpus.json) for review.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backtest } from '../dist/backtest/index.js';
import { fsReader, loadSetup } from '../dist/config/index.js';

const here = dirname(fileURLToPath(import.meta.url));
// Kept for independent measurement: never replayed or tuned to here.
const HELD_OUT = new Set(['prometheus-operator+kube-prometheus', 'open-telemetry+opentelemetry-helm-charts', 'prometheus-community+helm-charts']);
const MIRRORS = '/work/.mirror';
// The corpus: one or more public repositories of each kind of configuration.
const CORPUS = [
  'grafana+helm-charts', // Helm charts
  'argoproj+argo-helm', // Helm charts
  'fluxcd+flux2-kustomize-helm-example', // GitOps: Kustomize overlays + HelmReleases
  'argoproj+argocd-example-apps', // plain manifests, Kustomize, Helm, jsonnet
  'samber+awesome-prometheus-alerts', // Prometheus alerting rules
  'monitoring-mixins+website', // rendered Prometheus rules and Grafana dashboards
  'open-telemetry+opentelemetry-demo', // OpenTelemetry collector, Kubernetes, compose
  'envoyproxy+examples', // Envoy configs
  'spring-petclinic+spring-petclinic-microservices', // Spring application config
  'spring-cloud-samples+config-repo', // Spring Cloud Config repository
];
const NOW = new Date('2026-12-01T00:00:00Z');

function parseArgs(argv) {
  const opts = { limit: 300, out: join(here, '.data', 'backtest-corpus.json'), repos: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-n') opts.limit = Number(argv[++i]);
    else if (argv[i] === '--out') opts.out = resolve(argv[++i]);
    else opts.repos.push(resolve(argv[i]));
  }
  if (opts.repos.length === 0 && existsSync(MIRRORS)) {
    for (const name of CORPUS) {
      if (!HELD_OUT.has(name) && existsSync(join(MIRRORS, name, 'repo'))) opts.repos.push(join(MIRRORS, name, 'repo'));
    }
  }
  return opts;
}

function labelOf(dir) {
  const m = /([^/]+)\+([^/]+)\/repo\/?$/.exec(dir);
  return m ? `${m[1]}/${m[2]}` : dir;
}

const pct = (n, d) => (d === 0 ? '0.0%' : `${((100 * n) / d).toFixed(1)}%`);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.repos.length === 0) {
    console.error('backtest-corpus: no repositories (name git dirs, or mirror some under /work/.mirror)');
    process.exitCode = 2;
    return;
  }
  // Zero configuration: the built-in pack at its default levels, as a new user would start.
  const setup = await loadSetup({ reader: fsReader(process.cwd()) });
  const rows = [];
  const byPolicy = {};
  const details = [];
  for (const dir of opts.repos) {
    const label = labelOf(dir);
    const started = Date.now();
    const onCommit = process.stderr.isTTY ? (i, total) => process.stderr.write(`\r${label}: ${i + 1}/${total}`) : undefined;
    const result = await backtest({ cwd: dir, setup, limit: opts.limit, now: NOW, onCommit });
    if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
    for (const [policy, count] of Object.entries(result.byPolicy)) byPolicy[policy] = (byPolicy[policy] ?? 0) + count;
    rows.push({ label, commits: result.commits, stopped: result.stopped.length, errors: result.errors.length, crashes: result.crashes.length, ms: Date.now() - started });
    details.push({ repo: label, ...result });
    const r = rows[rows.length - 1];
    mkdirSync(dirname(opts.out), { recursive: true });
    writeFileSync(opts.out, `${JSON.stringify({ limit: opts.limit, rows, byPolicy, details }, null, 2)}\n`);
    console.error(`${label}: ${r.commits} commits, ${r.stopped} stopped, ${r.errors} errors, ${r.crashes} crashes (${(r.ms / 1000).toFixed(0)} s)`);
  }
  const total = rows.reduce((t, r) => ({ commits: t.commits + r.commits, stopped: t.stopped + r.stopped, errors: t.errors + r.errors, crashes: t.crashes + r.crashes }), { commits: 0, stopped: 0, errors: 0, crashes: 0 });
  const width = Math.max(...rows.map((r) => r.label.length), 10);
  console.log(`${'repository'.padEnd(width)}  commits  stopped         errors (exit 2)  crashes  time`);
  for (const r of [...rows, { label: 'all', ...total, ms: rows.reduce((t, r) => t + r.ms, 0) }]) {
    console.log(
      `${r.label.padEnd(width)}  ${String(r.commits).padStart(7)}  ${`${r.stopped} (${pct(r.stopped, r.commits)})`.padEnd(14)}  ${`${r.errors} (${pct(r.errors, r.commits)})`.padEnd(15)}  ${String(r.crashes).padStart(7)}  ${(r.ms / 1000).toFixed(1)} s`,
    );
  }
  console.log('\nstops by policy (top finding of each stopped commit):');
  for (const [policy, count] of Object.entries(byPolicy).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${policy}: ${count}`);
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify({ limit: opts.limit, rows, byPolicy, details }, null, 2)}\n`);
  console.log(`\ndetails: ${opts.out}`);
}

await main();
