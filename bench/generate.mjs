// Data generators for the benchmarks. Deterministic (seeded), written under bench/.data/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small deterministic PRNG (mulberry32), so every run measures the same data. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function serviceYaml(i, variant) {
  const routes = Array.from(
    { length: 8 },
    (_, r) =>
      `  - name: route-${r}\n    prefix: /api/v${r}/svc${i}\n    pool: pool-${(i + r) % 40}\n    weight: ${variant && r === 0 ? 90 : 100}\n    timeoutMs: ${variant ? 2500 : 2000}`,
  ).join('\n');
  return `service: svc-${i}
description: Service ${i} of the benchmark fleet
owner: team-${i % 37}
logLevel: info
replicas: ${variant ? 14 : 12}
resources:
  requests: { cpu: 500m, memory: 512Mi }
  limits: { cpu: "2", memory: 2Gi }
env:
  - name: REGION
    value: eu-west-1
  - name: FEATURE_X
    value: "${variant ? 'on' : 'off'}"
routes:
${routes}
`;
}

/** A git repository of `files` service configs, with `changed` of them modified in a second commit. */
export function generateRepo(dir, files = 5000, changed = 200) {
  if (existsSync(join(dir, '.git'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'services'), { recursive: true });
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'bench@example.com');
  git('config', 'user.name', 'bench');
  for (let i = 0; i < files; i++) writeFileSync(join(dir, 'services', `svc-${i}.yaml`), serviceYaml(i, false));
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const step = Math.floor(files / changed);
  for (let k = 0; k < changed; k++) {
    const i = k * step;
    writeFileSync(join(dir, 'services', `svc-${i}.yaml`), serviceYaml(i, true));
  }
  git('commit', '-q', '-am', 'head');
  return dir;
}

/** One list entry, about 100 bytes; `modified` changes its value and weight as an edit in a pull request would. */
function itemYaml(i, modified) {
  const value = (i * 7919) % 100000;
  return `  - name: item-${String(i).padStart(7, '0')}\n    value: ${modified ? value + 1 : value}\n    weight: ${modified ? (i % 100) + 1 : i % 100}\n    tags: [alpha, beta]\n    owner: team-${i % 97}\n`;
}

/** YAML text of `items` list entries, about 100 bytes each (200k ≈ 20 MB); `modified(i)` marks the edited ones. */
export function bigListYaml(items, order, modified = () => false) {
  const parts = new Array(items);
  for (let k = 0; k < items; k++) {
    const i = order ? order[k] : k;
    parts[k] = itemYaml(i, modified(i));
  }
  return `kind: ItemList\nitems:\n${parts.join('')}`;
}

/**
 * Two folders holding one big file: the after side has every item reordered (a seeded shuffle)
 * and 1% of them modified (value and weight), as a large generated file regenerated in a new order.
 */
export function generateBigFile(dir, items) {
  const marker = join(dir, `.done-v3-${items}`);
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'before'), { recursive: true });
  mkdirSync(join(dir, 'after'), { recursive: true });
  const order = Array.from({ length: items }, (_, i) => i);
  const random = rng(42);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  writeFileSync(join(dir, 'before', 'items.yaml'), bigListYaml(items));
  writeFileSync(
    join(dir, 'after', 'items.yaml'),
    bigListYaml(items, order, (i) => i % 100 === 37),
  );
  // Above the default size limit from 4× on: the benchmark raises it, as a user would.
  writeFileSync(join(dir, '.configgate.yml'), 'limits: { maxBytes: 1073741824 }\n');
  writeFileSync(marker, '');
  return dir;
}

/** Two empty folders: the gate run that has nothing to judge (cold start). */
export function generateEmpty(dir) {
  mkdirSync(join(dir, 'before'), { recursive: true });
  mkdirSync(join(dir, 'after'), { recursive: true });
  return dir;
}
