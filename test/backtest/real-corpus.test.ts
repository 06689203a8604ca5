// The precision corpus: real commits of public configuration repositories (test/fixtures/real/,
// extracted by bench/backtest-extract.mjs with source, commit and licence). Each commit is judged
// in process, with zero configuration, as `configgate backtest` would: none may be stopped unless
// it is listed in expected-stops.json with the reason a reviewer would want it stopped, none may
// be an input error (exit 2), none may crash. A listed stop with `wanted: true` must stay stopped;
// one with `wanted: false` is a known false stop, tolerated (by that policy only) until its fix.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSet, FileDelta, SkippedFile } from '../../src/model.js';
import { runPipeline } from '../../src/gate.js';
import { fileFilterOf, fsReader, loadSetup, type GateSetup } from '../../src/config/index.js';
import { classify } from '../../src/sources/filter.js';

interface RealFile {
  status: 'added' | 'deleted' | 'modified';
  path: string;
  before?: string;
  after?: string;
}
interface RealCommit {
  sha: string;
  subject: string;
  files: RealFile[];
}
interface ExpectedStop {
  file: string;
  sha: string;
  policy: string;
  /** true: a stop a reviewer wants; false: a known false stop awaiting its fix. */
  wanted: boolean;
  reason: string;
}

const dir = join(import.meta.dirname, '..', 'fixtures', 'real');
const sources: Array<{ file: string; repo: string; licence: string }> = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8'));
const expectedStops: ExpectedStop[] = JSON.parse(readFileSync(join(dir, 'expected-stops.json'), 'utf8'));
const NOW = new Date('2026-12-01T00:00:00Z');

let setup: GateSetup;
beforeAll(async () => {
  setup = await loadSetup({ reader: fsReader(process.cwd()) });
});

/** The change set a git source would build from the commit: the default filter applied, texts as blobs. */
function changeSetOf(commit: RealCommit): ChangeSet {
  const filter = fileFilterOf(setup);
  const files: FileDelta[] = [];
  const skipped: SkippedFile[] = [];
  for (const f of commit.files) {
    const kind = classify(f.path, filter);
    if (kind !== 'config') {
      skipped.push({ path: f.path, reason: kind });
      continue;
    }
    const blob = (text: string) => ({ path: f.path, text, bytes: Buffer.byteLength(text) });
    files.push({ status: f.status, path: f.path, ...(f.before !== undefined ? { before: blob(f.before) } : {}), ...(f.after !== undefined ? { after: blob(f.after) } : {}) });
  }
  return { baseLabel: `${commit.sha.slice(0, 7)}^`, headLabel: commit.sha.slice(0, 7), files, skipped };
}

describe.each(sources)('real commits of $repo ($licence)', ({ file }) => {
  const { commits }: { commits: RealCommit[] } = JSON.parse(readFileSync(join(dir, file), 'utf8'));

  it(`judges ${commits.length} commits with no unexpected stop, no input error, no crash`, () => {
    const unexpected: string[] = [];
    const missed: string[] = [];
    for (const commit of commits) {
      const listed = expectedStops.find((e) => e.file === file && e.sha === commit.sha);
      const result = runPipeline({ changeSet: changeSetOf(commit), setup, now: NOW });
      const open = result.findings.filter((f) => !f.waivedBy && f.level !== 'notice' && f.level !== 'warn');
      const others = listed ? open.filter((f) => f.policy !== listed.policy) : open;
      if (result.failed && (!listed || others.length > 0)) {
        unexpected.push(`${commit.sha.slice(0, 10)} ${commit.subject}: ${others.map((f) => `${f.policy} ${f.file}:${f.line} ${f.message}`).join(' | ')}`);
      }
      if (listed?.wanted && !open.some((f) => f.policy === listed.policy)) missed.push(`${commit.sha.slice(0, 10)} no longer stopped by ${listed.policy}`);
    }
    expect(unexpected).toEqual([]);
    expect(missed).toEqual([]);
  });
});

describe('the corpus itself', () => {
  it('names the source, licence and commit of every pair, and every listed stop has a reason', () => {
    for (const s of sources) expect(s).toMatchObject({ repo: expect.stringMatching(/^[\w.-]+\/[\w.-]+$/), licence: expect.any(String) });
    for (const e of expectedStops) {
      expect(sources.map((s) => s.file)).toContain(e.file);
      expect(e.reason.length).toBeGreaterThan(20);
      expect(typeof e.wanted).toBe('boolean');
    }
  });
});
