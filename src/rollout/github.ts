// Rollout evidence from GitHub's REST API for one commit: deployments and their statuses per
// environment, commit statuses by context, check runs by name. Paginated (per_page 100, Link
// rel="next"); GitHub Enterprise through the API URL. A fault (5xx, 403, a hang) is an error,
// never an empty answer: missing evidence must not read as a pass.
import { InputError } from '../errors.js';
import type { Evidence, EvidenceState, Plan, PlanStage } from './types.js';

/** Where and how to read rollout evidence from GitHub (token, repository, API URL, head sha). */
export interface GitHubEvidenceOptions {
  /** `https://api.github.com`, or an Enterprise server's `https://ghe.example/api/v3`. */
  apiUrl: string;
  token: string;
  /** `owner/name`. */
  repository: string;
  /** The commit the stages deployed: a pull request's head. */
  sha: string;
  fetch?: typeof fetch;
  /** Per request, milliseconds (default 15 s). */
  timeoutMs?: number;
  /** Pages read per list at most (default 20, i.e. 2,000 items). */
  maxPages?: number;
}

/** What each stage's evidence is read from: its checks, else a deployment to an environment named like the stage. */
export function stageSources(stage: PlanStage): PlanStage['checks'] {
  return stage.checks.length > 0 ? stage.checks : [{ kind: 'deployment', name: stage.name }];
}

/** Reads the evidence of a plan's stages from GitHub: deployments and their statuses, commit statuses, check runs (paginated). */
export async function githubEvidence(plan: Plan, opts: GitHubEvidenceOptions): Promise<Evidence[]> {
  const api = client(opts);
  const out: Evidence[] = [];
  let statuses: Promise<Array<Record<string, unknown>>> | undefined;
  for (const stage of plan.stages) {
    for (const check of stageSources(stage)) {
      if (check.kind === 'deployment') out.push(...(await deployments(api, opts, stage.name, check.name)));
      if (check.kind === 'status') {
        statuses ??= api.list(`/repos/${opts.repository}/commits/${opts.sha}/statuses`, {});
        out.push(...commitStatuses(await statuses, stage.name, check.name));
      }
      if (check.kind === 'check-run') out.push(...(await checkRuns(api, opts, stage.name, check.name)));
    }
  }
  return out;
}

const DEPLOYMENT_STATE: Record<string, EvidenceState | undefined> = {
  success: 'success', failure: 'failure', error: 'failure', pending: 'pending', queued: 'pending', in_progress: 'pending',
};

async function deployments(api: Client, opts: GitHubEvidenceOptions, stage: string, environment: string): Promise<Evidence[]> {
  const list = await api.list(`/repos/${opts.repository}/deployments`, { sha: opts.sha, environment });
  const out: Evidence[] = [];
  for (const d of list) {
    const statuses = await api.list(`/repos/${opts.repository}/deployments/${String(d.id)}/statuses`, {});
    for (const s of statuses) {
      const state = DEPLOYMENT_STATE[String(s.state)];
      if (!state) continue; // inactive: superseded by a later deployment
      const url = [s.log_url, s.target_url, s.environment_url].find((u) => typeof u === 'string' && u !== '') as string | undefined;
      out.push(evidence(stage, state, String(s.created_at), 'deployment', environment, url));
    }
  }
  return out;
}

function commitStatuses(list: Array<Record<string, unknown>>, stage: string, context: string): Evidence[] {
  return list
    .filter((s) => s.context === context)
    .map((s) => evidence(stage, DEPLOYMENT_STATE[String(s.state)] ?? 'pending', String(s.updated_at ?? s.created_at), 'status', context, s.target_url as string | undefined));
}

const FAILED_CONCLUSIONS = new Set(['failure', 'timed_out', 'cancelled', 'action_required', 'startup_failure', 'stale']);

async function checkRuns(api: Client, opts: GitHubEvidenceOptions, stage: string, name: string): Promise<Evidence[]> {
  const runs = await api.list(`/repos/${opts.repository}/commits/${opts.sha}/check-runs`, { check_name: name }, 'check_runs');
  return runs
    .filter((r) => r.name === name)
    .map((r) => {
      const conclusion = String(r.conclusion ?? '');
      const state: EvidenceState = r.status !== 'completed' ? 'pending' : conclusion === 'success' ? 'success' : FAILED_CONCLUSIONS.has(conclusion) ? 'failure' : 'pending';
      const at = String(r.completed_at ?? r.started_at ?? '');
      return evidence(stage, state, at, 'check-run', name, r.html_url as string | undefined);
    });
}

function evidence(stage: string, state: EvidenceState, at: string, kind: string, name: string, url?: string): Evidence {
  if (Number.isNaN(Date.parse(at))) throw new InputError(`GitHub evidence: ${kind} ${name} has no time ("${at}")`);
  return { stage, state, at: new Date(at).toISOString(), kind, name, ...(url ? { url } : {}) };
}

interface Client {
  /** Every item of a list endpoint, following Link rel="next"; `key` for endpoints that wrap the list (`check_runs`). */
  list(path: string, query: Record<string, string>, key?: string): Promise<Array<Record<string, unknown>>>;
}

function client(opts: GitHubEvidenceOptions): Client {
  const doFetch = opts.fetch ?? fetch;
  const base = opts.apiUrl.replace(/\/+$/, '');
  const get = async (url: string): Promise<{ body: unknown; next?: string }> => {
    const shown = url.replace(base, '').split('?')[0];
    let res: Response;
    try {
      res = await doFetch(url, {
        headers: { authorization: `Bearer ${opts.token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'configgate' },
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      });
    } catch (error) {
      const why = (error as Error).name === 'TimeoutError' ? `no answer within ${(opts.timeoutMs ?? 15_000) / 1000} s` : (error as Error).message;
      throw new InputError(`GitHub evidence: GET ${shown}: ${why}`);
    }
    const text = await res.text();
    if (!res.ok) {
      let message = text.slice(0, 200);
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message;
      } catch {
        // not JSON: keep the text
      }
      const hint = res.status === 403 || res.status === 404 ? ' (does the token have deployments: read, statuses: read and checks: read?)' : '';
      throw new InputError(`GitHub evidence: GET ${shown}: ${res.status} ${message}${hint}`);
    }
    const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    try {
      return { body: JSON.parse(text), ...(next ? { next } : {}) };
    } catch {
      throw new InputError(`GitHub evidence: GET ${shown}: the answer is not JSON`);
    }
  };
  return {
    async list(path, query, key) {
      const params = new URLSearchParams({ ...query, per_page: '100' });
      let url: string | undefined = `${base}${path}?${params}`;
      const items: Array<Record<string, unknown>> = [];
      for (let page = 0; url && page < (opts.maxPages ?? 20); page++) {
        const { body, next }: { body: unknown; next?: string } = await get(url);
        const list = key ? (body as Record<string, unknown>)?.[key] : body;
        if (!Array.isArray(list)) throw new InputError(`GitHub evidence: GET ${path}: expected a list${key ? ` in "${key}"` : ''}`);
        items.push(...(list as Array<Record<string, unknown>>));
        url = next;
      }
      return items;
    },
  };
}
