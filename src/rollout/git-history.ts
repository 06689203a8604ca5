// The base branch read from git for progressive mode: the base commit's files, and the first-parent
// commits that changed a file, with the file as each left it. Commit times are committer times:
// on a first-parent line that is when a change landed (a merge commit's time for a merged PR).
import { InputError } from '../errors.js';
import { parseConfigFile, decodeText } from '../load/index.js';
import { catFileBatch } from '../sources/git.js';
import { gitText } from '../git.js';
import { matchesFilter, type FileFilter } from '../sources/index.js';
import type { BaseHistory, HistoryCommit } from './history.js';

/** How many commits of one file's history are read: older stages are long baked. */
export const HISTORY_DEPTH = 200;

/** The base branch as progressive mode reads it: its files and the first-parent commits that changed them. */
export function gitBaseHistory(cwd: string, baseSha: string, filter: FileFilter): BaseHistory {
  let files: Promise<string[]> | undefined;
  const documents = new Map<string, Promise<unknown[] | undefined>>();
  const commits = new Map<string, Promise<HistoryCommit[]>>();
  return {
    files: () => (files ??= listFiles(cwd, baseSha, filter)),
    documents(file) {
      if (!documents.has(file)) documents.set(file, readDocuments(cwd, [`${baseSha}:${file}`], file).then((m) => m.get(`${baseSha}:${file}`)));
      return documents.get(file)!;
    },
    commits(file) {
      if (!commits.has(file)) commits.set(file, fileHistory(cwd, baseSha, file));
      return commits.get(file)!;
    },
  };
}

async function listFiles(cwd: string, sha: string, filter: FileFilter): Promise<string[]> {
  const out = await gitText(cwd, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', sha]);
  return out.split('\0').filter((p) => p && matchesFilter(p, filter));
}

async function fileHistory(cwd: string, sha: string, file: string): Promise<HistoryCommit[]> {
  const out = await gitText(cwd, ['log', '--first-parent', `-n${HISTORY_DEPTH}`, '-z', '--format=%H %cI', sha, '--', file]);
  const commits = out
    .split('\0')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [commit, at] = line.split(' ');
      return { sha: commit, at: new Date(at).toISOString() };
    });
  const docs = await readDocuments(cwd, commits.map((c) => `${c.sha}:${file}`), file);
  return commits.map((c) => ({ ...c, documents: docs.get(`${c.sha}:${file}`) }));
}

/** Documents of each `rev:path`; a missing or unparseable version is undefined (a stage that did not hold). */
async function readDocuments(cwd: string, names: string[], file: string): Promise<Map<string, unknown[] | undefined>> {
  const blobs = await catFileBatch(cwd, names);
  const out = new Map<string, unknown[] | undefined>();
  for (const name of names) {
    const bytes = blobs.get(name);
    if (!bytes) continue;
    try {
      const decoded = decodeText(file, bytes);
      if (decoded.binary || decoded.text === undefined) continue;
      out.set(name, parseConfigFile({ path: file, text: decoded.text, bytes: bytes.length }).documents);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
  }
  return out;
}
