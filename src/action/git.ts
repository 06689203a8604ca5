// The checkout the Action runs in must hold both sides of the pull request and their merge-base.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { InputError } from '../errors.js';

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    return (await run('git', args, { cwd, encoding: 'utf8' })).stdout.trim();
  } catch {
    return undefined;
  }
}

const FETCH_DEPTH = 'use actions/checkout with `fetch-depth: 0` so the pull request\'s base, head and merge-base are in the checkout';

/**
 * Throws an InputError naming the fix when the checkout cannot answer a git diff of base...head.
 * Returns a warning when base and head share no history in a full checkout (they are then compared directly).
 */
export async function ensureHistory(cwd: string, base: string, head: string): Promise<string | undefined> {
  if ((await git(cwd, ['rev-parse', '--git-dir'])) === undefined) {
    throw new InputError(`${cwd}: not a git repository; run actions/checkout before configgate (with \`fetch-depth: 0\`)`);
  }
  const shallow = (await git(cwd, ['rev-parse', '--is-shallow-repository'])) === 'true';
  const why = shallow ? 'the checkout is shallow' : 'the checkout lacks them';
  for (const [side, sha] of [['base', base], ['head', head]] as const) {
    if ((await git(cwd, ['cat-file', '-e', `${sha}^{commit}`])) === undefined) {
      throw new InputError(`${side} commit ${sha.slice(0, 12)} is not in the checkout (${why}): ${FETCH_DEPTH}`);
    }
  }
  if ((await git(cwd, ['merge-base', base, head])) === undefined) {
    // In a shallow checkout a missing merge-base means missing history: comparing the tips would
    // report every change on the base branch since the fork point as reverted.
    if (shallow) throw new InputError(`no merge-base of ${base.slice(0, 12)} and ${head.slice(0, 12)} (the checkout is shallow): ${FETCH_DEPTH}`);
    return `base ${base.slice(0, 12)} and head ${head.slice(0, 12)} share no history: comparing the two commits directly`;
  }
  return undefined;
}
