// Accept/reject tables for analyzers (Stylelint's rule tests): YAML or JSON texts before and
// after, read by the real loader and diffed by the real diff, so the lines are real lines.
import { describe, expect, test } from 'vitest';
import type { FileDiff, Signal } from '../../../src/model.js';
import type { AnalyzeContext, AnalyzerDefinition, Inventory } from '../../../src/analyze/types.js';
import { parseConfigFile } from '../../../src/load/index.js';
import { diffFile } from '../../../src/diff/index.js';

/** Strips the common indentation of a template literal (and its first newline). */
export function yaml(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function pair(path: string, before: string, after: string): FileDiff {
  const side = (text: string) => parseConfigFile({ path, text, bytes: Buffer.byteLength(text) });
  return diffFile('modified', path, { before: side(before), after: side(after) });
}

export interface Case {
  name: string;
  /** File name (its extension picks the parser; some analyzers read it as context). Default `config.yaml`. */
  file?: string;
  before: string;
  after: string;
  /** Expected signals in order: `kind@line` (e.g. `traffic-shifted@4`); [] for an accepted change. */
  expect: string[];
  inventory?: Inventory;
  options?: AnalyzeContext['options'];
  analyzerOptions?: AnalyzeContext['analyzerOptions'];
}

export function run(analyzer: AnalyzerDefinition, c: Case): Signal[] {
  const ctx: AnalyzeContext = { inventory: c.inventory, options: c.options ?? {}, analyzerOptions: c.analyzerOptions };
  return analyzer.analyze([pair(c.file ?? 'config.yaml', yaml(c.before), yaml(c.after))], ctx);
}

/** One test per case: the kinds and lines the analyzer reports, exactly, in order. */
export function table(analyzer: AnalyzerDefinition, title: string, cases: readonly Case[]): void {
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`duplicate case "${c.name}"`);
    names.add(c.name);
  }
  describe(`${analyzer.name}: ${title}`, () => {
    test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const got = run(analyzer, c).map((s) => `${s.kind}@${s.line}`);
      expect(got).toEqual(c.expect);
    });
  });
}
