// Extracts the precision corpus (test/fixtures/real/): compact before/after pairs of the config
// files changed by real first-parent commits of public repositories, with source, commit and licence.
//
//   node bench/backtest-extract.mjs [--per-repo 45] [--budget 450000] [--max-file 32768]
//                                   [--only owner+name,…] [--include SHA,…]
//
// --only re-extracts the named sources and keeps the others' files and manifest entries as they
// are; --include takes those commits first (a commit that once stopped, kept as a regression case).
//
// Only repositories whose licence allows redistribution are extracted (the manifest names it).
// Commits are taken newest first from the same 300 the backtest replays; a commit whose changed
// files are too large for a compact corpus is passed over (say so in the count printed).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'test', 'fixtures', 'real');
const MIRRORS = '/work/.mirror';
const SOURCES = [
  { name: 'grafana+helm-charts', repo: 'grafana/helm-charts', licence: 'Apache-2.0', kind: 'Helm charts' },
  { name: 'argoproj+argo-helm', repo: 'argoproj/argo-helm', licence: 'Apache-2.0', kind: 'Helm charts' },
  { name: 'fluxcd+flux2-kustomize-helm-example', repo: 'fluxcd/flux2-kustomize-helm-example', licence: 'Apache-2.0', kind: 'GitOps: Kustomize overlays, HelmReleases' },
  { name: 'samber+awesome-prometheus-alerts', repo: 'samber/awesome-prometheus-alerts', licence: 'CC-BY-4.0 (rules and content), MIT (site)', kind: 'Prometheus alerting rules' },
  { name: 'monitoring-mixins+website', repo: 'monitoring-mixins/website', licence: 'Apache-2.0', kind: 'rendered Prometheus rules and Grafana dashboards' },
  { name: 'open-telemetry+opentelemetry-demo', repo: 'open-telemetry/opentelemetry-demo', licence: 'Apache-2.0', kind: 'OpenTelemetry collector, Kubernetes, compose, flags' },
  { name: 'envoyproxy+examples', repo: 'envoyproxy/examples', licence: 'Apache-2.0', kind: 'Envoy configs' },
  { name: 'spring-petclinic+spring-petclinic-microservices', repo: 'spring-petclinic/spring-petclinic-microservices', licence: 'Apache-2.0', kind: 'Spring application config' },
  { name: 'stefanprodan+gitops-istio', repo: 'stefanprodan/gitops-istio', licence: 'Apache-2.0', kind: 'GitOps: Flux, Kustomize overlays, Istio, Flagger canaries' },
  { name: 'grafana+alloy-scenarios', repo: 'grafana/alloy-scenarios', licence: 'Apache-2.0', kind: 'observability stacks: compose, k8s-monitoring Helm values, Grafana v2 dashboards' },
];
// What the gate's default globs take, before its ignores: the corpus exercises the ignores too.
const CANDIDATE = picomatch(['**/*.{yaml,yml,json,toml,ini,properties,xml}', '**/{.env,.env.*,*.env}'], { dot: true });

function args() {
  const o = { perRepo: 45, budget: 450_000, maxFile: 32_768, window: 300, only: undefined, include: [] };
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--per-repo') o.perRepo = Number(a[++i]);
    else if (a[i] === '--only') o.only = a[++i].split(',');
    else if (a[i] === '--include') o.include = a[++i].split(',');
    else if (a[i] === '--budget') o.budget = Number(a[++i]);
    else if (a[i] === '--max-file') o.maxFile = Number(a[++i]);
  }
  return o;
}

const git = (dir, argv) => execFileSync('git', argv, { cwd: dir, encoding: 'buffer', maxBuffer: 1 << 30 });

function show(dir, sha, path) {
  try {
    const bytes = git(dir, ['cat-file', 'blob', `${sha}:${path}`]);
    if (bytes.subarray(0, 8192).includes(0)) return undefined;
    return bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

function changedFiles(dir, parent, sha) {
  const raw = git(dir, ['diff', '--name-status', '-z', '-M', '--no-renames', parent, sha, '--']).toString('utf8').split('\0');
  const files = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const status = { A: 'added', D: 'deleted', M: 'modified', T: 'modified' }[raw[i][0]];
    const path = raw[i + 1];
    if (status && CANDIDATE(path)) files.push({ status, path });
  }
  return files;
}

function extract(source, o) {
  const dir = join(MIRRORS, source.name, 'repo');
  const log = git(dir, ['log', '--first-parent', '-z', '--format=%H%x1f%P%x1f%s', `-n${o.window}`, 'HEAD']).toString('utf8');
  const commits = [];
  let bytes = 0;
  let tooLarge = 0;
  const records = log.split('\0').filter((r) => r.trim());
  const wanted = (r) => o.include.some((sha) => r.replace(/^\n/, '').startsWith(sha));
  for (const record of [...records.filter(wanted), ...records.filter((r) => !wanted(r))]) {
    if (bytes >= o.budget * 0.95) break;
    const [sha, parents, subject] = record.replace(/^\n/, '').split('\x1f');
    const parent = parents.split(' ')[0];
    if (!parent) continue;
    const files = changedFiles(dir, parent, sha).map((f) => ({
      ...f,
      ...(f.status !== 'added' ? { before: show(dir, parent, f.path) } : {}),
      ...(f.status !== 'deleted' ? { after: show(dir, sha, f.path) } : {}),
    }));
    if (files.length === 0) continue;
    const size = files.reduce((n, f) => n + (f.before?.length ?? 0) + (f.after?.length ?? 0), 0);
    const binary = files.some((f) => (f.status !== 'added' && f.before === undefined) || (f.status !== 'deleted' && f.after === undefined));
    if (binary || files.some((f) => (f.before?.length ?? 0) > o.maxFile || (f.after?.length ?? 0) > o.maxFile) || bytes + size > o.budget) {
      tooLarge++;
      continue;
    }
    commits.push({ sha, subject, files });
    bytes += size;
    if (commits.length >= o.perRepo) break;
  }
  const order = new Map(records.map((r, i) => [r.replace(/^\n/, '').split('\x1f')[0], i]));
  commits.sort((x, y) => order.get(x.sha) - order.get(y.sha));
  return { commits, bytes, tooLarge };
}

const o = args();
mkdirSync(out, { recursive: true });
const kept = o.only && existsSync(join(out, 'sources.json')) ? JSON.parse(readFileSync(join(out, 'sources.json'), 'utf8')) : [];
const manifest = [];
for (const source of SOURCES) {
  const file = `${source.name.replace('+', '__')}.json`;
  if (o.only && !o.only.includes(source.name)) {
    const entry = kept.find((m) => m.file === file);
    if (entry) manifest.push(entry);
    continue;
  }
  const { commits, bytes, tooLarge } = extract(source, o);
  writeFileSync(join(out, file), `${JSON.stringify({ repo: `https://github.com/${source.repo}`, licence: source.licence, commits }, null, 1)}\n`);
  manifest.push({ file, repo: source.repo, licence: source.licence, kind: source.kind, commits: commits.length, head: commits[0]?.sha });
  console.log(`${source.repo}: ${commits.length} commits, ${(bytes / 1024).toFixed(0)} KiB (${tooLarge} passed over as too large)`);
}
writeFileSync(join(out, 'sources.json'), `${JSON.stringify(manifest, null, 2)}\n`);
