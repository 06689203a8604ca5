// The unchanged base a source can search (sources/unchanged-base.ts), read for the analyzers:
// each file found is parsed once, with the run's limits; one that does not parse is left out
// (it is not part of the change, so it is not the change's fault).
import type { LoadLimits } from './index.js';
import { parseConfigFile } from './index.js';
import type { UnchangedBaseSearch } from '../model.js';
import type { UnchangedBase } from '../analyze/types.js';

/** Most files read for one question: enough for the files near a deleted pool, bounded for a huge repository. */
export const UNCHANGED_MAX_FILES = 40;

export function unchangedDocuments(search: UnchangedBaseSearch, limits: Partial<LoadLimits>): UnchangedBase {
  const found = new Map<string, string[] | undefined>();
  const parsed = new Map<string, unknown[] | undefined>();
  const documents = (path: string): unknown[] | undefined => {
    if (parsed.has(path)) return parsed.get(path);
    const text = search.read(path);
    let docs: unknown[] | undefined;
    if (text !== undefined) {
      try {
        docs = parseConfigFile({ path, text, bytes: Buffer.byteLength(text) }, limits).documents;
      } catch {
        docs = undefined;
      }
    }
    parsed.set(path, docs);
    return docs;
  };
  return {
    containing(needles, where = () => true) {
      const key = JSON.stringify([...needles].sort());
      if (!found.has(key)) found.set(key, search.find(needles));
      const paths = found.get(key);
      if (paths === undefined) return undefined;
      const out: Array<{ path: string; documents: unknown[] }> = [];
      for (const path of paths.filter(where).slice(0, UNCHANGED_MAX_FILES)) {
        const docs = documents(path);
        if (docs) out.push({ path, documents: docs });
      }
      return out;
    },
  };
}
