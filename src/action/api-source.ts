// The change set of a pull request read through the GitHub REST API, for a checkout without history
// (a shallow `actions/checkout`). Same shape and rules as the git source: the before side is the
// merge-base (GitHub's pull request diff is three-dot), the after side the head; changed files are
// filtered by the config's `files`/`ignore` globs; sides are read as every source reads them
// (src/sources/blob.ts: a file that turns binary is a finding); any API failure throws
// an InputError naming it, so the step fails closed.
import type { ChangeSet, FileBlob, FileDelta, FileStatus, Placement, SkippedFile } from '../model.js';
import { InputError } from '../errors.js';
import { admitDelta, placeDelta, type FileFilter } from '../sources/filter.js';
import { textBlob } from '../sources/blob.js';
import { addedFiles, baseListing } from '../sources/placement.js';
import type { GitHubClient } from './octokit.js';
import { statusOf } from './comment.js';
import { oneLine } from './verdict.js';

/** GitHub's pull request files listing stops here. */
export const MAX_PULL_FILES = 3000;
/** Raw bytes of a file: a JSON body (base64) is limited to 1 MB, raw to 100 MB. */
const RAW = 'application/vnd.github.raw+json';
const CONCURRENCY = 8;

export interface Repository {
  owner: string;
  repo: string;
}

export interface PullTarget extends Repository {
  number: number;
  baseSha: string;
  headSha: string;
}

const FETCH_DEPTH = 'set fetch-depth: 0 on actions/checkout to judge the pull request from git';

/** An API failure as one line: what was being read, and what GitHub answered. */
export function apiFailure(what: string, error: unknown): InputError {
  const status = statusOf(error);
  const message = oneLine(error);
  const why = /rate limit/i.test(message)
    ? `GitHub's rate limit was reached (${status ?? 'no status'})`
    : status === 401
      ? 'GitHub answered 401 (the github-token is not valid)'
      : status === 403 || status === 404
        ? `GitHub answered ${status} (the github-token needs \`contents: read\` and \`pull-requests: read\`)`
        : status
          ? `GitHub answered ${status} after retries`
          : `the request failed after retries: ${message}`;
  return new InputError(`cannot read the pull request through the GitHub API: ${what}: ${why}; ${FETCH_DEPTH}`);
}

/** Runs one API call; a failure becomes an InputError naming `what`. */
export async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw apiFailure(what, error);
  }
}

const short = (sha: string) => sha.slice(0, 7);
const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** The bytes of `path` at commit `ref`, or undefined when GitHub has no such file there (404). */
export async function readContent(client: GitHubClient, repo: Repository, path: string, ref: string): Promise<Uint8Array | undefined> {
  return call(`contents of ${path} at ${short(ref)}`, async () => {
    try {
      const response = await client.request(`GET /repos/{owner}/{repo}/contents/${encodePath(path)}`, {
        owner: repo.owner,
        repo: repo.repo,
        ref,
        headers: { accept: RAW },
        // The body as bytes: neither JSON- nor text-decoded by the client.
        request: { parseSuccessResponseBody: false },
      });
      const body = response.data as ReadableStream<Uint8Array> | null | undefined;
      return body ? new Uint8Array(await new Response(body).arrayBuffer()) : new Uint8Array();
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  });
}

interface PullFile {
  filename: string;
  status: string;
  previous_filename?: string;
  patch?: string;
  additions?: number;
  deletions?: number;
  changes?: number;
}

/** A pull request as the API gives it: the filtered change set, every path it lists, and the merge-base. */
export interface ApiPullRequest {
  changeSet: ChangeSet;
  /** Every path the listing names (both names of a rename), before the config's filter. */
  listed: string[];
  mergeBase: string;
}

/** The change set of pull request `target`, filtered by `filter`. */
export async function apiChangeSet(client: GitHubClient, target: PullTarget, filter: FileFilter): Promise<ChangeSet> {
  return (await apiPullRequest(client, target, filter)).changeSet;
}

/** The pull request `target` read through the API; fails closed on a listing it cannot trust. */
export async function apiPullRequest(client: GitHubClient, target: PullTarget, filter: FileFilter): Promise<ApiPullRequest> {
  const { owner, repo, number } = target;
  const pull = await call(`pull request #${number}`, async () => (await client.rest.pulls.get({ owner, repo, pull_number: number })).data);
  if (pull.head?.sha && pull.head.sha !== target.headSha) {
    throw new InputError(
      `pull request #${number} has moved on to ${short(pull.head.sha)} since this run started at ${short(target.headSha)}: the run for the new head judges it`,
    );
  }
  const tooMany = (n: number) =>
    new InputError(`pull request #${number} changes ${n} files; the GitHub API lists at most ${MAX_PULL_FILES.toLocaleString('en-US')}: ${FETCH_DEPTH}`);
  if (typeof pull.changed_files === 'number' && pull.changed_files > MAX_PULL_FILES) throw tooMany(pull.changed_files);

  const mergeBase = await call(`compare ${short(target.baseSha)}...${short(target.headSha)}`, async () => {
    const { data } = await client.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
      owner,
      repo,
      basehead: `${target.baseSha}...${target.headSha}`,
      per_page: 1,
    });
    return (data as { merge_base_commit?: { sha?: string } }).merge_base_commit?.sha;
  });
  if (!mergeBase) throw new InputError(`cannot read the pull request through the GitHub API: GitHub gave no merge-base of ${short(target.baseSha)} and ${short(target.headSha)}; ${FETCH_DEPTH}`);

  const listed = await call(`files of pull request #${number}`, async () => {
    const out: PullFile[] = [];
    for await (const page of client.paginate.iterator(client.rest.pulls.listFiles, { owner, repo, pull_number: number, per_page: 100 })) {
      out.push(...(page.data as PullFile[]));
    }
    return out;
  });
  // The listing stops at 3,000 files: a longer pull request cannot be judged from it.
  if (listed.length > MAX_PULL_FILES || (listed.length === MAX_PULL_FILES && (pull.changed_files ?? MAX_PULL_FILES + 1) > MAX_PULL_FILES)) {
    throw tooMany(Math.max(listed.length, pull.changed_files ?? 0));
  }
  // Every page was read: a listing shorter than the pull request's own count has lost files.
  if (typeof pull.changed_files === 'number' && listed.length < pull.changed_files) {
    throw new InputError(
      `pull request #${number} changes ${pull.changed_files} files but GitHub listed ${listed.length}: an incomplete listing cannot be judged; ${FETCH_DEPTH}`,
    );
  }

  const skipped: SkippedFile[] = [];
  const plan: FileDelta[] = [];
  for (const file of listed) {
    let status: FileStatus;
    let path = file.filename;
    let oldPath: string | undefined;
    switch (file.status) {
      case 'added':
      case 'copied': // a copy is a new file: judged in full
        status = 'added';
        break;
      case 'removed':
        status = 'deleted';
        break;
      case 'modified':
      case 'changed':
        status = 'modified';
        break;
      case 'renamed':
        status = 'renamed';
        oldPath = file.previous_filename;
        if (!oldPath) status = 'added';
        break;
      case 'unchanged':
        if (hasEdits(file)) {
          throw new InputError(`pull request #${number}: GitHub lists ${path} as unchanged but with a patch: a listing that contradicts itself cannot be judged; ${FETCH_DEPTH}`);
        }
        continue;
      default:
        throw new InputError(`pull request #${number}: GitHub lists ${path} with status "${file.status}", which configgate does not know; ${FETCH_DEPTH}`);
    }
    const placed = placeDelta(status, path, oldPath, filter);
    if (placed.skipped) skipped.push(placed.skipped);
    ({ status, path, oldPath } = placed);
    const kind = placed.kind;
    if (kind !== 'config') {
      skipped.push({ path, reason: kind });
      continue;
    }
    plan.push({ status, path, ...(oldPath ? { oldPath } : {}), ...(placed.movedTo ? { movedTo: placed.movedTo } : {}) });
  }

  const read = async (path: string, sha: string): Promise<FileBlob> => {
    const bytes = await readContent(client, target, path, sha);
    if (!bytes) {
      throw new InputError(`cannot read the pull request through the GitHub API: GitHub lists ${path} as changed but has no such file at ${short(sha)}; ${FETCH_DEPTH}`);
    }
    return textBlob(path, bytes);
  };
  const files: FileDelta[] = [];
  const results = await mapLimit(plan, CONCURRENCY, async (delta) => {
    const [before, after] = await Promise.all([
      delta.status === 'added' ? undefined : read(delta.oldPath ?? delta.path, mergeBase),
      delta.status === 'deleted' ? undefined : read(delta.path, target.headSha),
    ]);
    return { delta, before, after };
  });
  for (const { delta, before, after } of results) {
    admitDelta({ files, skipped }, delta, before, after);
  }
  const names = listed.flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])]);
  const changeSet: ChangeSet = { baseLabel: target.baseSha, headLabel: target.headSha, files, skipped };
  const placement = addedFiles(files).length > 0 ? await basePlacement(client, target, mergeBase, filter) : undefined;
  if (placement) changeSet.placement = placement;
  return { changeSet, listed: names, mergeBase };
}

/**
 * The merge-base's folders and configuration files, from one recursive tree listing. Who names a
 * new file is not searched (the API has no search of a commit's contents), and a listing GitHub
 * truncates gives nothing: a new file is then judged as reaching what runs.
 */
async function basePlacement(client: GitHubClient, repo: Repository, mergeBase: string, filter: FileFilter): Promise<Placement | undefined> {
  // A fact that sharpens the verdict, not the change itself: when it cannot be read, the new file is judged.
  const tree = await client.rest.git.getTree({ owner: repo.owner, repo: repo.repo, tree_sha: mergeBase, recursive: '1' }).then(
    (r) => r.data,
    () => undefined,
  );
  if (!tree || tree.truncated) return undefined;
  const paths = tree.tree.filter((e) => e.type === 'blob' && typeof e.path === 'string').map((e) => e.path as string);
  return baseListing(paths, filter);
}

/** An "unchanged" entry that carries a patch or counted edits. */
function hasEdits(file: PullFile): boolean {
  return Boolean(file.patch) || (file.additions ?? 0) > 0 || (file.deletions ?? 0) > 0 || (file.changes ?? 0) > 0;
}

/** `fn` over `items`, at most `limit` at a time, results in order; the first failure rejects. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const at = next++;
      try {
        out[at] = await fn(items[at]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
