// Issue 11, item 6: a page per built-in policy, generated from its file; this fails when a page
// drifts from its policy (run `npm run docs`), when a policy has no page, or a page no policy.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { policyIndex, policyPage, type PolicyFileDoc } from '../../src/cli/commands/policy-page.js';
import { ROOT } from '../support/cli.js';

const files = readdirSync(join(ROOT, 'policies')).filter((f) => /\.ya?ml$/.test(f)).sort();
const docs = files.map((file) => ({ file, doc: load(readFileSync(join(ROOT, 'policies', file), 'utf8')) as PolicyFileDoc }));
const page = (name: string) => readFileSync(join(ROOT, 'docs', 'policies', name), 'utf8');

describe('docs/policies', () => {
  it.each(docs.map((d) => [d.doc.id, d] as const))('%s.md is generated from its policy file (npm run docs)', (id, { file, doc }) => {
    expect(page(`${id}.md`)).toBe(policyPage(doc, file));
  });

  it('the index lists every policy, and every page is a policy', () => {
    expect(page('README.md')).toBe(policyIndex(docs.map((d) => d.doc)));
    const pages = readdirSync(join(ROOT, 'docs', 'policies')).filter((f) => f !== 'README.md').sort();
    expect(pages).toEqual(docs.map((d) => `${d.doc.id}.md`).sort());
  });

  it.each(docs.map((d) => [d.doc.id, d] as const))('%s: the page shows its rationale, every option with its default, and every example', (_id, { doc }) => {
    const text = policyPage(doc, 'x.yaml');
    expect(doc.rationale, 'a built-in policy has a rationale').toBeTruthy();
    for (const [name, value] of Object.entries(doc.options ?? {})) expect(text).toContain(`| \`${name}\` | \`${JSON.stringify(value)}\` |`);
    for (const name of Object.keys(doc.optionsSchema?.properties ?? {})) expect(text).toContain(`| \`${name}\` |`);
    const examples = [...(doc.examples?.valid ?? []), ...(doc.examples?.invalid ?? [])];
    expect(examples.length, 'a built-in policy has examples').toBeGreaterThan(0);
    expect(text.match(/^\d+\. /gm)).toHaveLength(examples.length);
    if (doc.threshold) expect(text).toContain('## Threshold');
  });
});
