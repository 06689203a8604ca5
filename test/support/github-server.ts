// A local stand-in for api.github.com: node:http on 127.0.0.1, GitHub's REST shapes for the routes the
// Action and the rollout checks use, every request recorded, faults injectable per route.
// Repository contents (for the Action's API fallback) come from `commits`: files per commit sha.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type RouteName =
  | 'GET /user'
  | 'GET /repos/:owner/:repo/issues/:number/comments'
  | 'POST /repos/:owner/:repo/issues/:number/comments'
  | 'PATCH /repos/:owner/:repo/issues/comments/:id'
  | 'POST /repos/:owner/:repo/check-runs'
  | 'PATCH /repos/:owner/:repo/check-runs/:id'
  | 'GET /repos/:owner/:repo/pulls/:number'
  | 'GET /repos/:owner/:repo/pulls/:number/files'
  | 'GET /repos/:owner/:repo/deployments'
  | 'GET /repos/:owner/:repo/deployments/:id/statuses'
  | 'GET /repos/:owner/:repo/contents/*path'
  | 'GET /repos/:owner/:repo/git/trees/:sha'
  | 'GET /repos/:owner/:repo/compare/:basehead'
  | 'GET /repos/:owner/:repo/commits/:ref/statuses'
  | 'GET /repos/:owner/:repo/commits/:ref/check-runs'
  | 'GET /repos/:owner/:repo/commits/:ref/pulls';

export type Fault =
  /** Answer with this status (5xx, 403 "Resource not accessible by integration", …). */
  | { status: number; message?: string; headers?: Record<string, string> }
  /** A primary rate limit: 403, `x-ratelimit-remaining: 0`, a reset `resetInSeconds` from now. */
  | { rateLimit: true; resetInSeconds?: number }
  /** Never answer (the socket stays open until the client gives up or the server closes). */
  | { hang: true };

export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. /repos/o/r/issues/1/comments. */
  path: string;
  query: Record<string, string>;
  route?: RouteName;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  /** The status answered; undefined for a hang. */
  status?: number;
}

export interface StoredComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: 'User' | 'Bot' };
  created_at: string;
  updated_at: string;
}

export interface ServerOptions {
  /** Login answered by GET /user; null answers 403 as for an installation token (GITHUB_TOKEN). */
  login?: string | null;
  /** Login that comments are written as; default `login`, or github-actions[bot] when login is null. */
  writerLogin?: string;
  /** Requests answered before the server refuses every further one (protects against request loops). */
  maxRequests?: number;
}

export interface GitHubServer {
  url: string;
  requests: RecordedRequest[];
  comments: StoredComment[];
  /** Check runs as created, their later annotations appended to `output.annotations`. */
  checkRuns: Array<Record<string, unknown>>;
  pulls: Map<number, Record<string, unknown>>;
  pullFiles: Map<number, Array<Record<string, unknown>>>;
  deployments: Array<Record<string, unknown>>;
  deploymentStatuses: Map<number, Array<Record<string, unknown>>>;
  /** The files of each commit (sha → path → content), served by contents and git trees. */
  commits: Map<string, Record<string, string | Uint8Array>>;
  /** `base...head` → the sha of their merge-base, served by compare. */
  mergeBases: Map<string, string>;
  /** Commit statuses per sha, newest first as GitHub lists them (rollout evidence). */
  commitStatuses: Map<string, Array<Record<string, unknown>>>;
  /** Inject a fault on a route (or every route with '*') for the next `times` requests (default: all), only those whose path matches `only` when given. */
  fault(route: RouteName | '*', fault: Fault, times?: number, only?: RegExp): void;
  clearFaults(): void;
  /** Forget requests, comments, check runs and faults. */
  reset(): void;
  /** A comment as another user (or the token's identity) wrote it. */
  addComment(issue: number, body: string, login?: string): StoredComment;
  /** Requests on one route, or of one method and path prefix. */
  calls(route: RouteName): RecordedRequest[];
  /** True when maxRequests was reached. */
  readonly overflowed: boolean;
  close(): Promise<void>;
}

const ROUTES: Array<[RouteName, RegExp]> = (
  [
    'GET /user',
    'GET /repos/:owner/:repo/issues/:number/comments',
    'POST /repos/:owner/:repo/issues/:number/comments',
    'PATCH /repos/:owner/:repo/issues/comments/:id',
    'POST /repos/:owner/:repo/check-runs',
    'PATCH /repos/:owner/:repo/check-runs/:id',
    'GET /repos/:owner/:repo/pulls/:number',
    'GET /repos/:owner/:repo/pulls/:number/files',
    'GET /repos/:owner/:repo/deployments',
    'GET /repos/:owner/:repo/deployments/:id/statuses',
    'GET /repos/:owner/:repo/contents/*path',
    'GET /repos/:owner/:repo/git/trees/:sha',
    'GET /repos/:owner/:repo/compare/:basehead',
    'GET /repos/:owner/:repo/commits/:ref/statuses',
    'GET /repos/:owner/:repo/commits/:ref/check-runs',
    'GET /repos/:owner/:repo/commits/:ref/pulls',
  ] as RouteName[]
).map((route) => {
  const [method, pattern] = route.split(' ');
  const source = pattern.replace(/:(\w+)/g, (_, name: string) => `(?<${name}>[^/]+)`).replace(/\*(\w+)/g, (_, name: string) => `(?<${name}>.+?)`);
  return [route, new RegExp(`^${method} ${source}/?$`)];
});

const ACTIONS_BOT = 'github-actions[bot]';

interface CheckRunOutput {
  title?: unknown;
  summary?: unknown;
  text?: unknown;
  annotations?: unknown[];
}

const ANNOTATION_LEVELS = ['notice', 'warning', 'failure'];

/** GitHub's checks on a create (or update) body: the error it answers 422 with, or undefined. */
function checkRunInvalid(input: Record<string, unknown>, create: boolean): Record<string, string> | undefined {
  const error = (field: string, message: string) => ({ resource: 'CheckRun', code: 'custom', field, message });
  if (create && (typeof input.name !== 'string' || !input.name)) return error('name', 'name is missing');
  if (create && (typeof input.head_sha !== 'string' || !/^[0-9a-f]{40}$/.test(input.head_sha))) return error('head_sha', 'head_sha is not a commit');
  if (input.conclusion !== undefined && !['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out'].includes(String(input.conclusion))) {
    return error('conclusion', 'conclusion is not included in the list');
  }
  const output = input.output as CheckRunOutput | undefined;
  if (output === undefined) return undefined;
  if (typeof output.title !== 'string' || typeof output.summary !== 'string') return error('output', 'output needs a title and a summary');
  for (const field of ['summary', 'text'] as const) {
    const value = output[field];
    if (typeof value === 'string' && Buffer.byteLength(value, 'utf8') > 65_535) return error(field, `${field} exceeds a maximum bytesize of 65535`);
  }
  const annotations = output.annotations ?? [];
  if (annotations.length > 50) return error('annotations', 'Only 50 annotations are allowed per request');
  for (const a of annotations as Array<Record<string, unknown>>) {
    const ok =
      typeof a.path === 'string' &&
      a.path !== '' &&
      Number.isInteger(a.start_line) &&
      Number.isInteger(a.end_line) &&
      (a.start_line as number) >= 1 &&
      (a.end_line as number) >= (a.start_line as number) &&
      ANNOTATION_LEVELS.includes(String(a.annotation_level)) &&
      typeof a.message === 'string' &&
      a.message !== '';
    if (!ok) return error('annotations', 'an annotation needs path, start_line, end_line, annotation_level and message');
  }
  return undefined;
}

/** A check run as GitHub answers it: annotations are counted, not listed. */
function checkRunJson(run: Record<string, unknown>): Record<string, unknown> {
  const { annotations = [], ...output } = (run.output ?? {}) as CheckRunOutput;
  return { ...run, output: { ...output, annotations_count: annotations.length } };
}

export async function startGitHubServer(opts: ServerOptions = {}): Promise<GitHubServer> {
  const login = opts.login === undefined ? 'configgate-bot' : opts.login;
  const writer = opts.writerLogin ?? login ?? ACTIONS_BOT;
  const maxRequests = opts.maxRequests ?? 500;
  const faults: Array<{ route: RouteName | '*'; fault: Fault; left: number; only?: RegExp }> = [];
  const sockets = new Set<Socket>();
  let nextId = 1000;
  let overflowed = false;
  let baseUrl = '';

  const state = {
    requests: [] as RecordedRequest[],
    comments: [] as StoredComment[],
    checkRuns: [] as Array<Record<string, unknown>>,
    pulls: new Map<number, Record<string, unknown>>(),
    pullFiles: new Map<number, Array<Record<string, unknown>>>(),
    deployments: [] as Array<Record<string, unknown>>,
    deploymentStatuses: new Map<number, Array<Record<string, unknown>>>(),
    commits: new Map<string, Record<string, string | Uint8Array>>(),
    mergeBases: new Map<string, string>(),
    commitStatuses: new Map<string, Array<Record<string, unknown>>>(),
  };

  const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const commentJson = (c: StoredComment, owner: string, repo: string) => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${baseUrl}/repos/${owner}/${repo}/issues/comments/${c.id}`,
    html_url: `https://github.test/${owner}/${repo}/pull/${c.issue}#issuecomment-${c.id}`,
    issue_url: `${baseUrl}/repos/${owner}/${repo}/issues/${c.issue}`,
    body: c.body,
    user: { login: c.user.login, id: 1, type: c.user.type },
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
  });
  const addComment = (issue: number, body: string, author = writer): StoredComment => {
    const comment: StoredComment = {
      id: nextId++,
      issue,
      body,
      user: { login: author, type: author.endsWith('[bot]') ? 'Bot' : 'User' },
      created_at: now(),
      updated_at: now(),
    };
    state.comments.push(comment);
    return comment;
  };

  function send(res: ServerResponse, record: RecordedRequest, status: number, body: unknown, headers: Record<string, string> = {}) {
    record.status = status;
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-github-request-id': `LOCAL:${state.requests.length}`,
      ...headers,
    });
    res.end(text);
  }

  function paginate<T>(res: ServerResponse, record: RecordedRequest, items: T[]) {
    const perPage = Math.min(100, Math.max(1, Number(record.query.per_page) || 30));
    const page = Math.max(1, Number(record.query.page) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string) => {
      const params = new URLSearchParams({ ...record.query, per_page: String(perPage), page: String(p) });
      return `<${baseUrl}${record.path}?${params}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    send(res, record, 200, items.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {});
  }

  /** A list wrapped in an object with its count (`{ total_count, check_runs }`), paginated like paginate. */
  function paginateWrapped<T>(res: ServerResponse, record: RecordedRequest, items: T[], key: string) {
    const perPage = Math.min(100, Math.max(1, Number(record.query.per_page) || 30));
    const page = Math.max(1, Number(record.query.page) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const params = (p: number) => new URLSearchParams({ ...record.query, per_page: String(perPage), page: String(p) });
    const links = page < last ? [`<${baseUrl}${record.path}?${params(page + 1)}>; rel="next"`, `<${baseUrl}${record.path}?${params(last)}>; rel="last"`] : [];
    send(res, record, 200, { total_count: items.length, [key]: items.slice((page - 1) * perPage, page * perPage) }, links.length ? { link: links.join(', ') } : {});
  }

  function faultFor(route: RouteName | undefined, path: string): Fault | undefined {
    const entry = faults.find((f) => f.left > 0 && (f.route === '*' || f.route === route) && (!f.only || f.only.test(path)));
    if (!entry) return undefined;
    entry.left -= 1;
    return entry.fault;
  }

  function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
    };
    if (raw) {
      try {
        record.body = JSON.parse(raw);
      } catch {
        record.body = raw;
      }
    }
    const key = `${record.method} ${record.path}`;
    const match = ROUTES.map(([route, re]) => [route, re.exec(key)] as const).find(([, m]) => m);
    record.route = match?.[0];
    const params = (match?.[1]?.groups ?? {}) as Record<string, string>;
    state.requests.push(record);

    if (state.requests.length > maxRequests) {
      overflowed = true;
      return send(res, record, 500, { message: `local GitHub: more than ${maxRequests} requests; is the client looping?` });
    }
    const fault = faultFor(record.route, record.path);
    if (fault) {
      if ('hang' in fault) return; // leave the socket open
      if ('rateLimit' in fault) {
        const reset = Math.floor(Date.now() / 1000) + (fault.resetInSeconds ?? 0);
        return send(
          res,
          record,
          403,
          { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
        );
      }
      const message = fault.message ?? (fault.status === 403 ? 'Resource not accessible by integration' : fault.status >= 500 ? 'Server Error' : 'Error');
      return send(res, record, fault.status, { message, documentation_url: 'https://docs.github.com/rest' }, fault.headers);
    }
    if (!req.headers.authorization) {
      return send(res, record, 401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest' });
    }

    const { owner = '', repo = '' } = params;
    switch (record.route) {
      case 'GET /user':
        if (login === null) return send(res, record, 403, { message: 'Resource not accessible by integration' });
        return send(res, record, 200, { login, id: 1, type: 'User' });
      case 'GET /repos/:owner/:repo/issues/:number/comments': {
        const issue = Number(params.number);
        return paginate(res, record, state.comments.filter((c) => c.issue === issue).map((c) => commentJson(c, owner, repo)));
      }
      case 'POST /repos/:owner/:repo/issues/:number/comments': {
        const body = (record.body as { body?: unknown } | undefined)?.body;
        if (typeof body !== 'string' || body.length === 0) return send(res, record, 422, { message: 'Validation Failed' });
        if (body.length > 65_536) return send(res, record, 422, { message: 'Validation Failed', errors: [{ field: 'body', code: 'custom', message: 'body is too long (maximum is 65536 characters)' }] });
        return send(res, record, 201, commentJson(addComment(Number(params.number), body), owner, repo));
      }
      case 'PATCH /repos/:owner/:repo/issues/comments/:id': {
        const comment = state.comments.find((c) => c.id === Number(params.id));
        if (!comment) return send(res, record, 404, { message: 'Not Found' });
        if (comment.user.login !== writer) return send(res, record, 403, { message: 'Must have admin rights to Repository.' });
        const body = (record.body as { body?: unknown } | undefined)?.body;
        if (typeof body !== 'string' || body.length === 0 || body.length > 65_536) return send(res, record, 422, { message: 'Validation Failed' });
        comment.body = body;
        comment.updated_at = now();
        return send(res, record, 200, commentJson(comment, owner, repo));
      }
      case 'POST /repos/:owner/:repo/check-runs': {
        const input = (record.body ?? {}) as Record<string, unknown>;
        const invalid = checkRunInvalid(input, true);
        if (invalid) return send(res, record, 422, { message: 'Validation Failed', errors: [invalid] });
        const id = nextId++;
        const output = input.output as CheckRunOutput | undefined;
        const run = { ...input, id, status: input.status ?? 'completed', html_url: `https://github.test/${owner}/${repo}/runs/${id}`, output: { ...output, annotations: [...(output?.annotations ?? [])] } };
        state.checkRuns.push(run);
        return send(res, record, 201, checkRunJson(run));
      }
      case 'PATCH /repos/:owner/:repo/check-runs/:id': {
        const run = state.checkRuns.find((r) => r.id === Number(params.id));
        if (!run) return send(res, record, 404, { message: 'Not Found' });
        const input = (record.body ?? {}) as Record<string, unknown>;
        const invalid = checkRunInvalid(input, false);
        if (invalid) return send(res, record, 422, { message: 'Validation Failed', errors: [invalid] });
        const { output, ...rest } = input as { output?: CheckRunOutput };
        const stored = run.output as CheckRunOutput & { annotations: unknown[] };
        // Annotations are appended to those the run already has; title, summary and text are replaced.
        if (output) Object.assign(stored, { ...output, annotations: [...stored.annotations, ...(output.annotations ?? [])] });
        Object.assign(run, rest);
        return send(res, record, 200, checkRunJson(run));
      }
      case 'GET /repos/:owner/:repo/pulls/:number': {
        const pull = state.pulls.get(Number(params.number));
        return pull ? send(res, record, 200, pull) : send(res, record, 404, { message: 'Not Found' });
      }
      case 'GET /repos/:owner/:repo/pulls/:number/files':
        return paginate(res, record, state.pullFiles.get(Number(params.number)) ?? []);
      case 'GET /repos/:owner/:repo/deployments': {
        const { sha, environment, ref } = record.query;
        return paginate(
          res,
          record,
          state.deployments.filter((d) => (!sha || d.sha === sha) && (!environment || d.environment === environment) && (!ref || d.ref === ref)),
        );
      }
      case 'GET /repos/:owner/:repo/deployments/:id/statuses':
        return paginate(res, record, state.deploymentStatuses.get(Number(params.id)) ?? []);
      case 'GET /repos/:owner/:repo/contents/*path': {
        const path = decodeURIComponent(params.path);
        const content = state.commits.get(record.query.ref ?? '')?.[path];
        if (content === undefined) return send(res, record, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents' });
        const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
        if (String(req.headers.accept ?? '').includes('application/vnd.github.raw')) {
          record.status = 200;
          res.writeHead(200, { 'content-type': 'application/vnd.github.raw', 'x-github-media-type': 'github.v3; param=raw; format=json' });
          return res.end(bytes);
        }
        // The JSON form carries base64 content only up to 1 MB.
        const large = bytes.length > 1024 * 1024;
        return send(res, record, 200, {
          type: 'file',
          name: path.split('/').pop(),
          path,
          size: bytes.length,
          encoding: large ? 'none' : 'base64',
          content: large ? '' : bytes.toString('base64'),
        });
      }
      case 'GET /repos/:owner/:repo/git/trees/:sha': {
        const files = state.commits.get(params.sha);
        if (!files) return send(res, record, 404, { message: 'Not Found' });
        const paths = Object.keys(files).sort();
        const folders = new Set(paths.flatMap((p) => p.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
        const entries = [
          ...[...folders].map((path) => ({ path, mode: '040000', type: 'tree', sha: '0'.repeat(40) })),
          ...paths.map((path) => ({ path, mode: '100644', type: 'blob', sha: '0'.repeat(40), size: Buffer.byteLength(files[path]) })),
        ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        const recursive = record.query.recursive !== undefined;
        return send(res, record, 200, { sha: params.sha, tree: recursive ? entries : entries.filter((e) => !e.path.includes('/')), truncated: false });
      }
      case 'GET /repos/:owner/:repo/compare/:basehead': {
        const [base, head] = decodeURIComponent(params.basehead).split('...');
        const mergeBase = state.mergeBases.get(`${base}...${head}`);
        if (!mergeBase) return send(res, record, 404, { message: 'Not Found' });
        return send(res, record, 200, { base_commit: { sha: base }, merge_base_commit: { sha: mergeBase }, status: 'ahead', commits: [], files: [] });
      }
      case 'GET /repos/:owner/:repo/commits/:ref/statuses':
        return paginate(res, record, state.commitStatuses.get(params.ref) ?? []);
      case 'GET /repos/:owner/:repo/commits/:ref/check-runs': {
        const name = record.query.check_name;
        const runs = state.checkRuns.filter((r) => r.head_sha === params.ref && (!name || r.name === name)).map(checkRunJson);
        return paginateWrapped(res, record, runs, 'check_runs');
      }
      case 'GET /repos/:owner/:repo/commits/:ref/pulls':
        return paginate(res, record, [...state.pulls.values()].filter((p) => (p.head as { sha?: string } | undefined)?.sha === params.ref));
      default:
        return send(res, record, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    }
  }

  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => handle(req, res, raw));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    get requests() {
      return state.requests;
    },
    get comments() {
      return state.comments;
    },
    get checkRuns() {
      return state.checkRuns;
    },
    pulls: state.pulls,
    pullFiles: state.pullFiles,
    get deployments() {
      return state.deployments;
    },
    deploymentStatuses: state.deploymentStatuses,
    commits: state.commits,
    mergeBases: state.mergeBases,
    commitStatuses: state.commitStatuses,
    get overflowed() {
      return overflowed;
    },
    fault(route, fault, times = Number.POSITIVE_INFINITY, only) {
      faults.push({ route, fault, left: times, ...(only ? { only } : {}) });
    },
    clearFaults() {
      faults.length = 0;
    },
    reset() {
      faults.length = 0;
      state.requests.length = 0;
      state.comments.length = 0;
      state.checkRuns.length = 0;
      overflowed = false;
    },
    addComment,
    calls(route) {
      return state.requests.filter((r) => r.route === route);
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
