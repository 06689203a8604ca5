// The ReDoS checker: recheck (makenowjust-labs/recheck, MIT), its pure-JavaScript build, run
// synchronously in process: no Java, no native binary, no worker. It decides by automata theory
// where it can (and fuzzes where it cannot) whether a regex backtracks super-linearly, and gives
// the complexity and an attack string. Loaded on first use only (a few MB of JavaScript): runs
// that change no regex never pay for it. Results are cached per pattern and flags.
import { createRequire } from 'node:module';

export type Verdict =
  | { status: 'safe' }
  | { status: 'vulnerable'; complexity: 'exponential' | 'polynomial'; degree?: number; attack: string; summary: string }
  | { status: 'unknown'; reason: string };

interface Diagnostics {
  status: 'safe' | 'vulnerable' | 'unknown';
  complexity?: { type: string; degree?: number; summary: string };
  attack?: { pattern?: string; string: string };
  error?: { kind: string; message?: string };
}
type CheckSync = (source: string, flags: string, params?: Record<string, unknown>) => Diagnostics;

/**
 * Set by a bundle that ships recheck beside itself (scripts/build-action.mjs: `./action-recheck.cjs`,
 * a copy of recheck/lib/browser.js): a runner's checkout has no node_modules to resolve it from.
 */
declare const CONFIGGATE_RECHECK: string | undefined;
const RECHECK_MODULE = typeof CONFIGGATE_RECHECK === 'string' ? CONFIGGATE_RECHECK : 'recheck/lib/browser.js';

let checkSync: CheckSync | null | undefined;
const cache = new Map<string, Verdict>();

function load(): CheckSync | null {
  if (checkSync === undefined) {
    try {
      const require = createRequire(import.meta.url);
      checkSync = (require(RECHECK_MODULE) as { checkSync: CheckSync }).checkSync;
    } catch {
      checkSync = null;
    }
  }
  return checkSync;
}

function verdictOf(d: Diagnostics): Verdict {
  if (d.status === 'safe') return { status: 'safe' };
  if (d.status === 'vulnerable' && d.complexity) {
    const complexity = d.complexity.type === 'exponential' ? 'exponential' : 'polynomial';
    const attack = d.attack?.pattern ?? d.attack?.string ?? '';
    return { status: 'vulnerable', complexity, ...(d.complexity.degree ? { degree: d.complexity.degree } : {}), attack, summary: d.complexity.summary };
  }
  return { status: 'unknown', reason: d.error?.kind ?? 'unknown' };
}

/** Whether `source` (JavaScript syntax) can backtrack catastrophically, within `timeoutMs`. */
export function checkRegex(source: string, flags: string, timeoutMs: number): Verdict {
  const key = `${flags}/${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const check = load();
  if (!check) return { status: 'unknown', reason: 'checker unavailable' };
  let verdict: Verdict;
  try {
    verdict = verdictOf(check(source, flags, { timeout: timeoutMs, randomSeed: 0 }));
  } catch (error) {
    verdict = { status: 'unknown', reason: (error as Error).message };
  }
  if (cache.size >= 1000) cache.clear();
  cache.set(key, verdict);
  return verdict;
}
