// .pre-commit-hooks.yaml: both hooks run on a commit touching any format configgate reads, and
// skip one touching none; pre-commit itself accepts the manifest.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { FORMATS } from '../../src/load/formats/index.js';
import { ROOT } from '../support/cli.js';

interface Hook {
  id: string;
  files?: string;
  types?: string[];
  types_or?: string[];
}

const hooks = load(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
/** pre-commit applies `files` with Python's re.search; `(?i)` is its inline flag. */
const matcher = (hook: Hook) => new RegExp(hook.files!.replace(/^\(\?i\)/, ''), hook.files!.startsWith('(?i)') ? 'i' : '');

/** A file name for every name pattern of every format configgate reads (YAML is every other name). */
const READ = [
  ...FORMATS.flatMap((row) => row.names.filter((n) => n !== '*').map((n) => n.replace('*', 'app').replace(/\.$/, ''))).map((n) => (n === '.env.app' ? '.env.production' : n)),
  'app.yaml',
  'deploy/app.yml',
  'conf/.env',
  'config/APPLICATION.PROPERTIES',
];
const NOT_READ = ['README.md', 'main.go', 'Dockerfile', 'src/app.ts', 'yaml.go'];

describe('.pre-commit-hooks.yaml', () => {
  it('declares configgate and configgate-base, neither passing file names', () => {
    expect(hooks.map((h) => h.id)).toEqual(['configgate', 'configgate-base']);
    for (const hook of hooks) expect(hook).toMatchObject({ language: 'node', pass_filenames: false, types: ['text'] });
  });

  it.each(hooks.map((h) => [h.id, h] as const))('%s runs for every format configgate reads, and not for others', (_id, hook) => {
    const test = matcher(hook);
    expect(READ.filter((name) => !test.test(name))).toEqual([]);
    expect(NOT_READ.filter((name) => test.test(name))).toEqual([]);
  });

  const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!preCommit)('pre-commit validates the manifest', () => {
    expect(execFileSync('pre-commit', ['validate-manifest', '.pre-commit-hooks.yaml'], { cwd: ROOT, encoding: 'utf8' })).toBe('');
  });
});
