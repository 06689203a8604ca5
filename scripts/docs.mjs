// `npm run docs`: writes docs/policies/<id>.md, one page per built-in policy, and their index,
// from policies/*.yaml. `--check` writes nothing and exits 1 naming each page that has drifted.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { policyIndex, policyPage } from '../dist/cli/commands/policy-page.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'policies');
const check = process.argv.includes('--check');

const files = readdirSync(join(root, 'policies')).filter((f) => /\.ya?ml$/.test(f)).sort();
const docs = files.map((file) => ({ file, doc: load(readFileSync(join(root, 'policies', file), 'utf8')) }));
const pages = new Map(docs.map(({ file, doc }) => [`${doc.id}.md`, policyPage(doc, file)]));
pages.set('README.md', policyIndex(docs.map((d) => d.doc)));

mkdirSync(out, { recursive: true });
const drifted = [];
for (const [name, text] of pages) {
  const path = join(out, name);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (current === text) continue;
  if (check) drifted.push(name);
  else writeFileSync(path, text);
}
const orphans = readdirSync(out).filter((f) => f.endsWith('.md') && !pages.has(f));
if (check && (drifted.length || orphans.length)) {
  for (const name of drifted) console.error(`docs/policies/${name}: out of date; run npm run docs`);
  for (const name of orphans) console.error(`docs/policies/${name}: no policy of that id`);
  process.exitCode = 1;
} else if (!check) {
  console.log(`docs/policies: ${pages.size} pages${orphans.length ? `; no policy for ${orphans.join(', ')}` : ''}`);
}
