// Accept/reject tables over several files at once: each file before and/or after (deleted, added,
// changed), and the unchanged files of the base, searched through the same code a source uses
// (sources/unchanged-base.ts, load/unchanged-base.ts). `unchanged: undefined` is a source that
// cannot look (the GitHub API without a checkout).
import { describe, expect, test } from 'vitest';
import routing from '../../../src/analyze/routing/index.js';
import type { AnalyzeContext, Inventory } from '../../../src/analyze/types.js';
import type { FileDiff, Signal } from '../../../src/model.js';
import { parseConfigFile } from '../../../src/load/index.js';
import { diffFile } from '../../../src/diff/index.js';
import { DEFAULT_FILTER } from '../../../src/sources/filter.js';
import { changedPaths, memoryUnchangedBase } from '../../../src/sources/unchanged-base.js';
import { unchangedDocuments } from '../../../src/load/unchanged-base.js';
import { yaml } from '../kit/table.js';

export interface FileCase {
  path: string;
  before?: string;
  after?: string;
}

export interface MultiCase {
  name: string;
  files: FileCase[];
  /** The base's files the change leaves as they are; undefined: the source cannot say. */
  unchanged?: Record<string, string>;
  inventory?: Inventory;
  /** `kind@file:line` in order; [] for an accepted change. */
  expect: string[];
}

const side = (path: string, text: string | undefined) => (text === undefined ? undefined : parseConfigFile({ path, text: yaml(text), bytes: Buffer.byteLength(text) }));

export function runMulti(c: MultiCase): Signal[] {
  const diffs: FileDiff[] = c.files.map((f) => {
    const status = f.before === undefined ? 'added' : f.after === undefined ? 'deleted' : 'modified';
    return diffFile(status, f.path, { before: side(f.path, f.before), after: side(f.path, f.after) });
  });
  const ctx: AnalyzeContext = { inventory: c.inventory, options: {} };
  if (c.unchanged) {
    const before = { ...Object.fromEntries(c.files.filter((f) => f.before !== undefined).map((f) => [f.path, yaml(f.before!)])), ...Object.fromEntries(Object.entries(c.unchanged).map(([p, t]) => [p, yaml(t)])) };
    const changed = changedPaths({ files: c.files.map((f) => ({ path: f.path, status: 'modified' })), skipped: [] });
    ctx.unchangedBase = unchangedDocuments(memoryUnchangedBase(before, DEFAULT_FILTER, changed), {});
  }
  return routing.analyze(diffs, ctx);
}

export function multiTable(title: string, cases: readonly MultiCase[]): void {
  describe(`routing: ${title}`, () => {
    test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      expect(runMulti(c).map((s) => `${s.kind}@${s.file}:${s.line}`)).toEqual(c.expect);
    });
  });
}
