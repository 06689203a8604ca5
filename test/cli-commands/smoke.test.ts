// The one whole-process run of the new commands: the built bin, a real repository, real files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli, gitRepo, writeTree } from '../support/cli.js';

it('init, print-config, explain and test through the built configgate bin', () => {
  const { dir, git } = gitRepo();
  writeTree(dir, { 'deploy/eu-west-1/api.yaml': 'replicas: 3\nlogLevel: info\n' });
  git('add', '-A');

  const init = cli(['init'], dir);
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  expect(readFileSync(join(dir, 'configgate.inventory.yml'), 'utf8')).toContain('#     eu-west-1: 0');

  const printed = cli(['print-config', 'deploy/eu-west-1/api.yaml', '--format', 'json'], dir);
  expect(printed.code).toBe(0);
  expect(JSON.parse(printed.stdout)).toMatchObject({ config: '.configgate.yml', configuration: 'config', policies: { 'verbosity.global-raise': { level: 'block' } } });

  const explained = cli(['explain', 'verbosity.global-raise'], dir);
  expect(explained.code).toBe(0);
  expect(explained.stdout.split('\n')[0]).toBe('verbosity.global-raise  (built-in: policies/verbosity.global-raise.yaml)');

  const tested = cli(['test'], dir);
  expect(tested.code).toBe(0);
  expect(tested.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ policies, (\d+) examples: \1 passed, 0 failed$/);

  const unknown = cli(['explain', 'verbosity.global'], dir);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toBe('configgate: unknown policy "verbosity.global"; did you mean "verbosity.global-raise"? (configgate policies lists them)\n');
});
