// prepack: empty dist/ (all but the committed Action bundle: action.js, its chunks, the ReDoS checker) so that the `prepare` build that
// follows packs exactly what the sources build now, never a file left from a deleted source.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
let entries = [];
try {
  entries = readdirSync(dist);
} catch {
  // no dist/ yet: nothing to clean
}
for (const name of entries) {
  if (name !== 'action.js' && name !== 'action-recheck.cjs' && !name.startsWith('action-chunk-')) rmSync(join(dist, name), { recursive: true, force: true });
}
