// The GitHub client of the Action: @actions/github's Octokit with the retry and throttling plugins,
// a per-request timeout, and a bounded number of retries on rate limits and 5xx.
import { getOctokit } from '@actions/github';
import { defaults } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import * as core from '@actions/core';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  /** `GITHUB_API_URL`: https://api.github.com, or a GitHub Enterprise Server's /api/v3. */
  baseUrl: string;
  /** Retries of a request that failed with a 5xx, a timeout or a network error. */
  retries?: number;
  /** Retries of a request that hit the primary or secondary rate limit. */
  rateLimitRetries?: number;
  /** Unit of the backoff in milliseconds (retry n waits n² units; a rate limit waits until its reset). */
  backoffMs?: number;
  /** A request that has not answered after this long is aborted (and retried). */
  timeoutMs?: number;
  /** Longest wait for a rate limit's reset that is worth it; beyond it the request fails. */
  maxRateLimitWaitSeconds?: number;
  /** All requests of this client, retries included, end by this long after it was made. */
  deadlineMs?: number;
}

export const CLIENT_DEFAULTS = {
  retries: 3,
  rateLimitRetries: 2,
  backoffMs: 1000,
  timeoutMs: 30_000,
  maxRateLimitWaitSeconds: 120,
  deadlineMs: 180_000,
} as const;

export function createClient(token: string, opts: ClientOptions): GitHubClient {
  const o = { ...CLIENT_DEFAULTS, ...definedOnly(opts) };
  const baseFetch = (defaults.request?.fetch as typeof fetch | undefined) ?? fetch;
  const deadline = AbortSignal.timeout(o.deadlineMs);
  const timedFetch: typeof fetch = (input, init) => {
    const signals = [AbortSignal.timeout(o.timeoutMs), deadline, ...(init?.signal ? [init.signal] : [])];
    const signal = AbortSignal.any(signals);
    return baseFetch(input, { ...init, signal });
  };
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number): boolean => {
      const what = `${options.method ?? 'GET'} ${options.url ?? ''}`;
      if (retryCount < o.rateLimitRetries && retryAfter <= o.maxRateLimitWaitSeconds) {
        core.info(`GitHub ${kind} rate limit on ${what}: retrying in ${retryAfter}s`);
        return true;
      }
      core.warning(`GitHub ${kind} rate limit on ${what}: giving up`);
      return false;
    };
  return getOctokit(
    token,
    {
      baseUrl: opts.baseUrl,
      request: { fetch: timedFetch },
      retry: { retries: o.retries, retryAfterBaseValue: o.backoffMs },
      throttle: {
        retryAfterBaseValue: o.backoffMs,
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
      },
      log: { debug: () => {}, info: () => {}, warn: (m: string) => core.debug(m), error: (m: string) => core.debug(m) },
    } as Parameters<typeof getOctokit>[1],
    retry,
    throttling,
  );
}

/** Client options from the environment; the timing knobs exist for tests and slow GHES instances. */
export function clientOptionsFromEnv(env: NodeJS.ProcessEnv, baseUrl: string): ClientOptions {
  const num = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  return {
    baseUrl,
    backoffMs: num('CONFIGGATE_API_BACKOFF_MS'),
    timeoutMs: num('CONFIGGATE_API_TIMEOUT_MS'),
    deadlineMs: num('CONFIGGATE_API_DEADLINE_MS'),
    retries: num('CONFIGGATE_API_RETRIES'),
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
