// Load-stage benchmark: parseConfigFile vs plain js-yaml `load` on a generated ~20 MB file of 200k list items.
// Run: npx esbuild test/load/bench-parse.ts --bundle --platform=node --format=esm --packages=external --outfile=node_modules/.cache/bench-parse.mjs && node --expose-gc node_modules/.cache/bench-parse.mjs
// Not a vitest test (name does not end in .test.ts); it is here so the measurement can be repeated.
import { load } from 'js-yaml';
import { parseConfigFile } from '../../src/load/index.js';

function yamlText(items: number): string {
  const parts = ['items:\n'];
  for (let i = 0; i < items; i++) {
    parts.push(`  - name: item-${i}\n    id: ${i}\n    region: eu-west-${i % 3}\n    weight: ${(i % 100) / 10}\n    enabled: ${i % 2 === 0}\n    owner: team-${i % 50}\n`);
  }
  return parts.join('');
}

function jsonText(items: number): string {
  const list = [];
  for (let i = 0; i < items; i++) {
    list.push({ name: `item-${i}`, id: i, region: `eu-west-${i % 3}`, weight: (i % 100) / 10, enabled: i % 2 === 0, owner: `team-${i % 50}` });
  }
  return JSON.stringify({ items: list }, null, 1);
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Best of `runs`, each after a full GC (run node with --expose-gc for steadier numbers). */
function best(fn: () => void, runs = 5): number {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    gc?.();
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

for (const [name, text] of [['yaml', yamlText(200_000)], ['json', jsonText(200_000)]] as const) {
  const path = `big.${name}`;
  const bytes = Buffer.byteLength(text);
  // Interleaved, best of 7 each: the machine is shared, so single runs are noisy.
  let plain = Infinity;
  let gate = Infinity;
  for (let r = 0; r < 7; r++) {
    plain = Math.min(plain, best(() => load(text), 1));
    gate = Math.min(gate, best(() => parseConfigFile({ path, text, bytes }), 1));
  }
  // The position index is built lazily: time the first locate (builds the line table and the
  // `items` index) and 1000 more, on an already parsed file.
  const file = parseConfigFile({ path, text, bytes });
  const t0 = performance.now();
  file.locate(0, ['items', 0]);
  const first = performance.now() - t0;
  const t1 = performance.now();
  for (let i = 0; i < 1000; i++) file.locate(0, ['items', i * 199, 'weight']);
  const more = performance.now() - t1;
  console.log(
    `${name}: ${(bytes / 1048576).toFixed(1)} MiB  js-yaml load ${plain.toFixed(0)} ms  parseConfigFile ${gate.toFixed(0)} ms  ratio ${(gate / plain).toFixed(2)}` +
      `  first locate ${first.toFixed(0)} ms, 1000 more ${more.toFixed(0)} ms`,
  );
}
