import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_FILTER, compareSources, filterFor, matchesFilter, type FileFilter } from '../../src/sources/index.js';
import { InputError } from '../../src/errors.js';
import { tempDir } from './helpers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function dir(files: Record<string, string | Uint8Array>): string {
  const d = tempDir(files);
  dirs.push(d);
  return d;
}

async function inputErrorOf(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('matchesFilter', () => {
  it('matches config files at any depth, dotfiles included, minus ignores', () => {
    expect(matchesFilter('a.yaml', DEFAULT_FILTER)).toBe(true);
    expect(matchesFilter('deep/er/b.yml', DEFAULT_FILTER)).toBe(true);
    expect(matchesFilter('.configgate.yml', DEFAULT_FILTER)).toBe(true);
    expect(matchesFilter('x/settings.json', DEFAULT_FILTER)).toBe(true);
    expect(matchesFilter('README.md', DEFAULT_FILTER)).toBe(false);
    expect(matchesFilter('node_modules/x/package.json', DEFAULT_FILTER)).toBe(false);
    expect(matchesFilter('web/node_modules/x/a.yaml', DEFAULT_FILTER)).toBe(false);
    expect(matchesFilter('package-lock.json', DEFAULT_FILTER)).toBe(false);
    expect(matchesFilter('sub/package-lock.json', DEFAULT_FILTER)).toBe(false);
  });
  // A document that describes a build, a package or a tool is not configuration (issue 13, pattern 3).
  it.each([
    '.github/workflows/ci.yml',
    '.github/dependabot.yml',
    'charts/x/.circleci/config.yml',
    '.pre-commit-config.yaml',
    'web/.eslintrc.json',
    'tsconfig.json',
    'web/tsconfig.build.json',
    'package.json',
    'web/package-lock.json',
    'pnpm-lock.yaml',
    'composer.json',
    'renovate.json',
    'ct.yaml',
    'pyproject.toml',
    'src/agent/fixtures/vcr_cassettes/run.yaml',
    'pkg/testdata/in.yaml',
    // fluent/helm-charts 7de33850: chart-testing's inputs, a chart's ci/*-values.yaml
    'charts/fluent-bit/ci/ci-values.yaml',
    'charts/x/ci/debug-values.yml',
    // traefik/traefik-helm-chart 412fbd1b, 749971ca: helm-unittest suites; 59a4bf92: a dev script's expected output
    'traefik/tests/api_test.yaml',
    'charts/x/tests/deployment_test.yml',
    'pkg/config/loader_test.yaml',
    'hack/migrate/expected-v41-values.yaml',
    // DataDog/helm-charts 1b2e92af: a repository's top-level test suite (golden files)
    'test/datadog/yamlmapper/baseline/dda/global-settings-dda.yaml',
  ])('leaves the tool, package or test file %s out of the default files', (path) => {
    expect(matchesFilter(path, DEFAULT_FILTER)).toBe(false);
  });
  it.each(['values.yaml', 'charts/x/values-prod.yaml', 'ci/values.yaml', 'deploy/ci/app.yaml', 'config/test.yaml', 'envs/test/values.yaml', 'overlays/test/kustomization.yaml', 'latest.yaml', 'charts/x/Chart.yaml', '.configgate.yml', 'deploy/.configgate.yaml', 'otel-config.yml', '.env'])(
    'keeps %s in the default files',
    (path) => expect(matchesFilter(path, DEFAULT_FILTER)).toBe(true),
  );
  it('leaves tool files to a config that names its own files', () => {
    const f = filterFor(['**/*.yml'], ['x/**']);
    expect(matchesFilter('.github/workflows/ci.yml', f)).toBe(true);
    expect(matchesFilter('x/a.yml', f)).toBe(false);
    expect(matchesFilter('node_modules/p/a.yml', f)).toBe(false);
    expect(matchesFilter('.github/workflows/ci.yml', filterFor(undefined, []))).toBe(false);
  });
  it('takes custom globs', () => {
    const f: FileFilter = { files: ['deploy/**/*.yaml'], ignore: ['deploy/generated/**'] };
    expect(matchesFilter('deploy/prod/a.yaml', f)).toBe(true);
    expect(matchesFilter('other/a.yaml', f)).toBe(false);
    expect(matchesFilter('deploy/generated/a.yaml', f)).toBe(false);
  });
});

describe('compareSources on folders', () => {
  const before = dir({
    'app.yaml': 'replicas: 3\n',
    'same.yaml': 'same: true\n',
    'nested/deeper/routes.yaml': 'routes: [a]\n',
    'nested/gone.json': '{"x": 1}\n',
    'docs/readme.md': 'old\n',
    'img.json': new Uint8Array([0x7b, 0x00, 0x7d]),
    'node_modules/p/a.yaml': 'a: 1\n',
    '.git/config.yaml': 'never: read\n',
    'package-lock.json': '{"lockfileVersion": 2}\n',
  });
  const after = dir({
    'app.yaml': 'replicas: 1\n',
    'same.yaml': 'same: true\n',
    'nested/deeper/routes.yaml': 'routes: [a, b]\n',
    'nested/deeper/new.yml': 'n: 1\n',
    'docs/readme.md': 'new\n',
    'img.json': new Uint8Array([0x7b, 0x00, 0x00, 0x7d]),
    'node_modules/p/a.yaml': 'a: 2\n',
    '.git/config.yaml': 'never: read either\n',
    'package-lock.json': '{"lockfileVersion": 3}\n',
  });

  it('walks both folders; paths are relative to them', async () => {
    const set = await compareSources(before, after, DEFAULT_FILTER);
    expect(set.files.map((f) => `${f.status} ${f.path}`)).toEqual([
      'modified app.yaml',
      'added nested/deeper/new.yml',
      'modified nested/deeper/routes.yaml',
      'deleted nested/gone.json',
    ]);
    const routes = set.files.find((f) => f.path === 'nested/deeper/routes.yaml')!;
    expect(routes.before).toEqual({ path: 'nested/deeper/routes.yaml', text: 'routes: [a]\n', bytes: 12 });
    expect(routes.after).toEqual({ path: 'nested/deeper/routes.yaml', text: 'routes: [a, b]\n', bytes: 15 });
    expect(set.files.find((f) => f.status === 'added')!.before).toBeUndefined();
    expect(set.files.find((f) => f.status === 'deleted')!.after).toBeUndefined();
  });

  it('skips changed binary and non-config files; ignored folders are not entered', async () => {
    const set = await compareSources(before, after, DEFAULT_FILTER);
    expect(set.skipped).toEqual([
      { path: 'docs/readme.md', reason: 'not-config' },
      { path: 'img.json', reason: 'binary' },
      { path: 'package-lock.json', reason: 'ignored' },
    ]);
  });

  it('labels each side', async () => {
    const set = await compareSources(before, after, DEFAULT_FILTER);
    const shown = (d: string) => {
      const rel = relative(process.cwd(), d);
      return (rel.startsWith('..') ? d : rel) + '/';
    };
    expect(set.baseLabel).toBe(shown(before));
    expect(set.headLabel).toBe(shown(after));
  });

  it('identical folders are no change', async () => {
    const set = await compareSources(before, before, DEFAULT_FILTER);
    expect(set).toMatchObject({ files: [], skipped: [] });
  });
});

describe('compareSources on two files', () => {
  const d = dir({ 'old/svc.yaml': 'a: 1\n', 'new/svc-v2.yaml': 'a: 2\n', 'new/same.yaml': 'a: 1\n', 'notes.txt': 'x: 1\n' });

  it('uses the after file name', async () => {
    const set = await compareSources(join(d, 'old/svc.yaml'), join(d, 'new/svc-v2.yaml'), DEFAULT_FILTER);
    expect(set.files).toEqual([
      {
        status: 'modified',
        path: 'svc-v2.yaml',
        before: { path: 'svc-v2.yaml', text: 'a: 1\n', bytes: 5 },
        after: { path: 'svc-v2.yaml', text: 'a: 2\n', bytes: 5 },
      },
    ]);
  });

  it('identical content is no change', async () => {
    const set = await compareSources(join(d, 'old/svc.yaml'), join(d, 'new/same.yaml'), DEFAULT_FILTER);
    expect(set.files).toEqual([]);
  });

  it('two files named explicitly are compared whatever their extension', async () => {
    const set = await compareSources(join(d, 'notes.txt'), join(d, 'old/svc.yaml'), DEFAULT_FILTER);
    expect(set.files).toHaveLength(1);
  });

  it('a missing path is an input error naming it', async () => {
    const missing = join(d, 'nope.yaml');
    const error = await inputErrorOf(compareSources(join(d, 'old/svc.yaml'), missing, DEFAULT_FILTER));
    expect(error.message).toMatch(/nope\.yaml: no such file or folder$/);
  });

  it('a file against a folder is an input error', async () => {
    const error = await inputErrorOf(compareSources(join(d, 'old/svc.yaml'), join(d, 'new'), DEFAULT_FILTER));
    expect(error.message).toMatch(/svc\.yaml: is a file but .*new is a folder; compare two files or two folders$/);
  });
});
