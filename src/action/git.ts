// The checkout the Action runs in should hold both sides of the pull request and their merge-base.
// When it does not (a shallow or partial checkout), the Action reads the pull request through the API.
import { InputError } from '../errors.js';
import { git as gitRun, gitMaybe as git, gitText } from '../git.js';
import { isWorkflowPath, WORKFLOW_VOCABULARY, type WorkflowSides } from './workflows.js';

export type History =
  /** base, head and their merge-base are in the checkout: judge with git. */
  | { kind: 'full' }
  /** A full checkout where base and head share no history: git compares the two commits directly. */
  | { kind: 'unrelated'; warning: string }
  /** The checkout cannot answer a git diff of base...head (shallow, or lacking the commits). */
  | { kind: 'missing'; reason: string };

/** What the checkout can answer about base...head. Throws an InputError when `cwd` is not a git checkout. */
export async function checkHistory(cwd: string, base: string, head: string): Promise<History> {
  if ((await git(cwd, ['rev-parse', '--git-dir'])) === undefined) {
    throw new InputError(`${cwd}: not a git repository; run actions/checkout before configgate (with \`fetch-depth: 0\`)`);
  }
  const shallow = (await git(cwd, ['rev-parse', '--is-shallow-repository'])) === 'true';
  const why = shallow ? 'the checkout is shallow' : 'the checkout lacks it';
  for (const [side, sha] of [['base', base], ['head', head]] as const) {
    if ((await git(cwd, ['cat-file', '-e', `${sha}^{commit}`])) === undefined) {
      return { kind: 'missing', reason: `${side} commit ${sha.slice(0, 12)} is not in the checkout (${why})` };
    }
  }
  if ((await git(cwd, ['merge-base', base, head])) === undefined) {
    // In a shallow checkout a missing merge-base means missing history: comparing the tips would
    // report every change on the base branch since the fork point as reverted.
    if (shallow) return { kind: 'missing', reason: `no merge-base of ${base.slice(0, 12)} and ${head.slice(0, 12)} (the checkout is shallow)` };
    return { kind: 'unrelated', warning: `base ${base.slice(0, 12)} and head ${head.slice(0, 12)} share no history: comparing the two commits directly` };
  }
  return { kind: 'full' };
}

/** The repository's top folder, for mapping checkout paths to repository paths. */
export async function repositoryTop(cwd: string): Promise<string> {
  const top = await git(cwd, ['rev-parse', '--show-toplevel']);
  if (!top) throw new InputError(`${cwd}: not a git repository`);
  return top;
}

/** The workflow files the change touches, with both sides' text (undefined where a side has none). */
export async function gitWorkflowChanges(top: string, base: string, head: string): Promise<WorkflowSides[]> {
  const from = (await git(top, ['merge-base', base, head])) ?? base;
  const folders = WORKFLOW_VOCABULARY.folders.map((f) => `:(top)${f}`);
  const names = (await gitText(top, ['diff', '--name-only', '-z', '--no-renames', from, head, '--', ...folders])).split('\0').filter(isWorkflowPath);
  const out: WorkflowSides[] = [];
  for (const path of names) out.push({ path, before: await blobText(top, from, path), after: await blobText(top, head, path) });
  return out;
}

/** The text of `path` at `sha`; undefined when the commit has no such file; an unreadable blob throws. */
async function blobText(top: string, sha: string, path: string): Promise<string | undefined> {
  const read = await gitRun(top, ['cat-file', 'blob', `${sha}:${path}`]);
  if (read.code === 0) return read.stdout.toString('utf8');
  const listed = await git(top, ['ls-tree', '--full-tree', '--name-only', sha, '--', path]);
  if (listed === '') return undefined;
  throw new InputError(`${path}: the workflow could not be read at ${sha.slice(0, 7)} (${read.stderr.split('\n')[0].replace(/^(fatal|error): /, '')}); the gate fails rather than miss a change to itself`);
}
