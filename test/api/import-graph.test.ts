// The library never loads the GitHub Action's dependencies (`@actions/core` throws outside a
// runner), nor anything npm would not install for a user: walked from the built dist/index.js.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const SPECIFIERS = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function importGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const queue = [entry];
  const seen = new Set(queue);
  while (queue.length) {
    const file = queue.shift()!;
    files.push(relative(ROOT, file));
    for (const m of readFileSync(file, 'utf8').matchAll(SPECIFIERS)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) {
        const next = resolve(dirname(file), spec);
        if (!seen.has(next)) queue.push(next), seen.add(next);
      } else {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
      }
    }
  }
  return { files, packages };
}

it('dist/index.js imports no @actions/* and nothing outside its dependencies', () => {
  const { files, packages } = importGraph(join(ROOT, 'dist', 'index.js'));
  expect(files.length).toBeGreaterThan(20);
  expect(files.filter((f) => f.startsWith('dist/action'))).toEqual([]);
  expect([...packages].filter((p) => p.startsWith('@actions/') || p.startsWith('@octokit/'))).toEqual([]);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const allowed = new Set([...Object.keys(manifest.dependencies), ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  expect([...packages].filter((p) => !allowed.has(p)).sort()).toEqual([]);
});
