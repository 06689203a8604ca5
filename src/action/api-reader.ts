// The gate's own files (config, policies, inventory, schemas) read through the GitHub API at the
// pull request's base commit: the TrustedReader of a checkout without history. Never the head.
import { isAbsolute, dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_NAMES, type TrustedReader } from '../config/index.js';
import { InputError } from '../errors.js';
import type { GitHubClient } from './octokit.js';
import { call, readContent, type Repository } from './api-source.js';

interface TreeEntry {
  path: string;
  type: string;
}

/**
 * Paths are absolute, as in the checkout, and mapped to repository paths below `top` (the checkout's
 * top folder), as the git reader does.
 */
export function apiReader(client: GitHubClient, repository: Repository, sha: string, cwd: string, top: string): TrustedReader {
  const toRepo = (path: string) => relative(top, resolve(cwd, path)).split(sep).join('/');
  const inRepo = (rel: string) => !(rel.startsWith('..') || isAbsolute(rel));
  let tree: Promise<TreeEntry[]> | undefined;
  const files = () =>
    (tree ??= call(`the file tree of ${sha.slice(0, 7)}`, async () => {
      const { data } = await client.rest.git.getTree({ owner: repository.owner, repo: repository.repo, tree_sha: sha, recursive: '1' });
      if (data.truncated) {
        throw new InputError(
          `the file tree of ${sha.slice(0, 7)} is too large for the GitHub API to list; set fetch-depth: 0 on actions/checkout to judge the pull request from git`,
        );
      }
      return data.tree.filter((e) => e.type === 'blob' && typeof e.path === 'string') as TreeEntry[];
    }));
  return {
    label: `${sha.slice(0, 7)} (trusted base)`,
    async read(path) {
      const rel = toRepo(path);
      if (rel === '' || !inRepo(rel)) return undefined;
      const bytes = await readContent(client, repository, rel, sha);
      return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
    },
    async list(dir) {
      const rel = toRepo(dir);
      if (!inRepo(rel)) return [];
      const entries = await files();
      return entries.filter((e) => rel === '' || e.path === rel || e.path.startsWith(`${rel}/`)).map((e) => join(top, e.path));
    },
    resolve: (from, path) => (isAbsolute(path) ? path : resolve(dirname(from), path)),
    display: (path) => toRepo(path),
    // Every config of the base commit, from its one tree listing: a nested config governs its folder.
    async configsBelow(dir) {
      const rel = toRepo(dir);
      if (!inRepo(rel)) return [];
      const entries = await files();
      const isConfig = (path: string) => CONFIG_NAMES.includes(path.slice(path.lastIndexOf('/') + 1));
      const below = (path: string) => rel === '' || path.startsWith(`${rel}/`);
      return entries.filter((e) => isConfig(e.path) && below(e.path)).map((e) => join(top, e.path)).sort();
    },
  };
}
