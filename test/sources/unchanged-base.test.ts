// The unchanged base a source searches for an analyzer (a pool or BGP peer deleted: does a file the
// change leaves as it is still use it?): git on the base tree, folders on the before folder.
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { DEFAULT_FILTER, compareSources, gitChangeSet } from '../../src/sources/index.js';
import { cliInProcess } from '../support/cli.js';
import { tempDir, tempRepo } from './helpers.js';

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((c) => c()));

const upstream = 'upstream:\n  name: chat\n  servers: [10.1.0.11, 10.1.0.12]\n';
const routes = 'routes:\n  - { path: /chat, upstream: Chat }\n';

function repo() {
  const r = tempRepo();
  cleanups.push(r.cleanup);
  r.commit('base', {
    'proxy/upstreams/chat.yaml': upstream,
    'proxy/routes.yaml': routes,
    'proxy/NOTES.md': 'the chat upstream serves /chat\n',
    'proxy/other.yaml': 'settings: { keepalive: 32 }\n',
    'proxy/touched.yaml': 'upstream: chat\n',
  });
  r.git('checkout', '-q', '-b', 'feature');
  r.git('rm', '-q', 'proxy/upstreams/chat.yaml');
  r.commit('retire chat', { 'proxy/touched.yaml': 'upstream: media\n' });
  return r;
}

describe('the unchanged base of a git change', () => {
  const r = repo();

  it('finds the configuration files outside the change that hold a name, in any case', async () => {
    const set = await gitChangeSet({ cwd: r.dir, base: 'main', head: 'feature', filter: DEFAULT_FILTER });
    // Not the deleted or changed files, not the Markdown notes; `Chat` found by `chat`.
    expect(set.unchangedBase!.find(['chat'])).toEqual(['proxy/routes.yaml']);
    expect(set.unchangedBase!.find(['nothing-has-this'])).toEqual([]);
    expect(set.unchangedBase!.find([])).toEqual([]);
  });

  it('reads a found file from the base tree, not the working tree', async () => {
    const set = await gitChangeSet({ cwd: r.dir, base: 'main', head: 'feature', filter: DEFAULT_FILTER });
    r.write({ 'proxy/routes.yaml': 'edited: in the working tree\n' });
    expect(set.unchangedBase!.read('proxy/routes.yaml')).toBe(routes);
    expect(set.unchangedBase!.read('proxy/no-such.yaml')).toBeUndefined();
    r.git('checkout', '--', 'proxy/routes.yaml');
  });

  it('check: a deleted upstream still routed to by an unchanged file blocks, end to end', async () => {
    const run = await cliInProcess(['check', '--base', 'main', '--head', 'feature', '--format', 'json', '--fail-on', 'never'], r.dir);
    const report = JSON.parse(run.stdout) as { verdict: string; findings: Array<{ policy: string; file: string; line: number }> };
    expect(report.verdict).toBe('block');
    expect(report.findings.map((f) => [f.policy, f.file, f.line])).toContainEqual(['routing.no-empty-pool', 'proxy/upstreams/chat.yaml', 1]);
  });
});

describe('the unchanged base of two folders', () => {
  const before = tempDir({ 'proxy/upstreams/chat.yaml': upstream, 'proxy/routes.yaml': routes, 'proxy/touched.yaml': 'upstream: chat\n' });
  const after = tempDir({ 'proxy/routes.yaml': routes, 'proxy/touched.yaml': 'upstream: media\n' });
  cleanups.push(() => rmSync(before, { recursive: true, force: true }), () => rmSync(after, { recursive: true, force: true }));

  it('searches the before folder outside the change', async () => {
    const set = await compareSources(before, after, DEFAULT_FILTER);
    expect(set.unchangedBase!.find(['CHAT'])).toEqual(['proxy/routes.yaml']);
    expect(set.unchangedBase!.read('proxy/routes.yaml')).toBe(routes);
  });
});
