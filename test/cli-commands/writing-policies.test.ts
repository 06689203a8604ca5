// Issue 11, item 6: docs/writing-policies.md is executed. Its `<!-- file: … -->` blocks are
// written to a folder, each `$ configgate …` line of a console block is run there and must print
// exactly what the guide shows, and the TypeScript policy is imported and must give the guide's
// `<!-- result: … -->`.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, tempDir } from '../support/cli.js';
import { configgate } from './harness.js';

interface Guide {
  files: Map<string, string>;
  commands: Array<{ args: string[]; output: string }>;
  results: Map<string, unknown>;
}

/** The guide's code blocks: files by the comment before them, console runs, expected results. */
function readGuide(text: string): Guide {
  const guide: Guide = { files: new Map(), commands: [], results: new Map() };
  const blocks = text.matchAll(/(?:<!-- (file|result): (\S+) -->\n)?```(\w+)\n([\s\S]*?)```/g);
  for (const [, marker, name, lang, body] of blocks) {
    if (marker === 'file') guide.files.set(name, body);
    else if (marker === 'result') guide.results.set(name, JSON.parse(body));
    else if (lang === 'console') guide.commands.push(...consoleRuns(body));
  }
  return guide;
}

function consoleRuns(body: string): Guide['commands'] {
  const runs: Guide['commands'] = [];
  for (const line of body.trimEnd().split('\n')) {
    if (line.startsWith('$ configgate ')) runs.push({ args: line.slice('$ configgate '.length).split(' '), output: '' });
    else runs.at(-1)!.output += `${line}\n`;
  }
  return runs;
}

const guide = readGuide(readFileSync(join(ROOT, 'docs', 'writing-policies.md'), 'utf8'));

function workspace(): string {
  const dir = tempDir('configgate-guide-');
  for (const [name, text] of guide.files) {
    if (name.endsWith('.ts')) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('docs/writing-policies.md, run as written', () => {
  it('has a data policy, a TypeScript policy, commands and results to check', () => {
    expect([...guide.files.keys()].filter((f) => f.startsWith('policies/'))).toHaveLength(1);
    expect([...guide.results.keys()]).toEqual(['timeouts.ts']);
    expect(guide.commands.map((c) => c.args[0])).toEqual(['test', 'compare']);
  });

  it.each(guide.commands.map((c) => [c.args.join(' '), c] as const))('$ configgate %s', async (_line, { args, output }) => {
    const run = await configgate(args, workspace());
    expect(run.stderr).toBe('');
    expect(`${run.stdout.trimEnd()}\n`).toBe(output);
  });

  it('the TypeScript policy gives the result shown', async () => {
    const dir = tempDir('configgate-guide-ts-');
    const code = guide.files.get('timeouts.ts')!.replace(/from 'configgate'/g, `from ${JSON.stringify(join(ROOT, 'src', 'index.ts'))}`);
    writeFileSync(join(dir, 'timeouts.ts'), code);
    const module = (await import(pathToFileURL(join(dir, 'timeouts.ts')).href)) as Record<string, unknown>;
    expect({ examples: module.examples, findings: module.findings, verdict: module.verdict }).toEqual(guide.results.get('timeouts.ts'));
  });
});
