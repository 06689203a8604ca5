// The sticky pull request comment: one per gate instance, found by its hidden marker among the
// comments written by the token's own identity, updated in place, left alone when unchanged.
import type { GitHubClient } from './octokit.js';

/** GitHub rejects comment bodies over 65,536 characters. */
export const MAX_COMMENT_LENGTH = 65_536;
/** Pages of 100 comments read at most while looking for the sticky comment. */
export const MAX_COMMENT_PAGES = 50;
/** The identity of the Actions token (`GET /user` is not allowed for it). */
export const ACTIONS_BOT = 'github-actions[bot]';

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface CommentOutcome {
  action: 'created' | 'updated' | 'unchanged';
  id: number;
  url?: string;
}

/** The login comments are written as: `GET /user`, or the Actions bot when the token may not call it. */
export async function tokenIdentity(client: GitHubClient): Promise<string> {
  try {
    const { data } = await client.rest.users.getAuthenticated();
    return data.login;
  } catch (error) {
    const status = statusOf(error);
    // An installation token (GITHUB_TOKEN, a GitHub App) answers 403 "Resource not accessible by integration".
    if (status === 401 || status === 403 || status === 404) return ACTIONS_BOT;
    throw error;
  }
}

/** Creates the sticky comment, or updates it in place; makes no write when the body is the same. */
export async function upsertComment(
  client: GitHubClient,
  target: CommentTarget,
  marker: string,
  body: string,
  identity: string,
): Promise<CommentOutcome> {
  const existing = await findComment(client, target, marker, identity);
  if (existing) {
    if (normalize(existing.body ?? '') === normalize(body)) return { action: 'unchanged', id: existing.id, url: existing.html_url };
    const { data } = await client.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: existing.id, body });
    return { action: 'updated', id: data.id, url: data.html_url };
  }
  const { data } = await client.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, body });
  return { action: 'created', id: data.id, url: data.html_url };
}

interface ListedComment {
  id: number;
  body?: string;
  html_url?: string;
  user?: { login: string } | null;
}

/** The oldest comment holding the marker and written by `identity`; other authors' copies are ignored. */
export async function findComment(
  client: GitHubClient,
  target: CommentTarget,
  marker: string,
  identity: string,
): Promise<ListedComment | undefined> {
  const iterator = client.paginate.iterator(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  let pages = 0;
  for await (const page of iterator) {
    for (const comment of page.data as ListedComment[]) {
      if (comment.body?.includes(marker) && sameLogin(comment.user?.login, identity)) return comment;
    }
    if (++pages >= MAX_COMMENT_PAGES) break;
  }
  return undefined;
}

/** A body GitHub accepts: over the limit, cut at a line and point at the job summary. */
export function fitComment(body: string, summaryUrl?: string, max = MAX_COMMENT_LENGTH): string {
  if (body.length <= max) return body;
  const where = summaryUrl ? `the [job summary](${summaryUrl})` : 'the job summary';
  const note = `\n\n…\n\n> [!NOTE]\n> This comment was cut to fit GitHub's limit of ${max.toLocaleString('en-US')} characters; the full report is in ${where}.\n`;
  let cut = body.slice(0, max - note.length);
  const newline = cut.lastIndexOf('\n');
  if (newline > 0) cut = cut.slice(0, newline);
  // Never leave half a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + note;
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function sameLogin(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

function normalize(body: string): string {
  return body.replace(/\r\n/g, '\n').trimEnd();
}
