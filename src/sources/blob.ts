// One side of a changed file, as text or as the reason it is not text. Every source (folders,
// git, the index, the GitHub API) turns bytes into a FileBlob here, so that a file inside the
// globs that turns binary or stops being UTF-8 is judged the same way everywhere: a finding of
// its own on the after side (never a silent skip, never an exit 2), a new file on the before side.
import type { FileBlob } from '../model.js';
import { InputError } from '../errors.js';
import { getHeapStatistics } from 'node:v8';
import { decodeText, formatSize } from '../load/index.js';

const SNIFF_BYTES = 8 * 1024;

export function textBlob(path: string, bytes: Uint8Array): FileBlob {
  try {
    const decoded = decodeText(path, bytes);
    if (!decoded.binary) return { path, text: decoded.text, bytes: bytes.length };
    const nul = bytes.subarray(0, SNIFF_BYTES).indexOf(0);
    return { path, bytes: bytes.length, binary: true, unreadable: { reason: `binary content (a NUL byte at offset ${nul}), not configuration text` } };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { path, bytes: bytes.length, unreadable: { reason: reasonOf(error), ...(error.line !== undefined ? { line: error.line } : {}) } };
  }
}

/** A side that cannot be read for a reason other than its bytes (a symbolic link outside the repository…). */
export function unreadableBlob(path: string, reason: string): FileBlob {
  return { path, bytes: 0, unreadable: { reason } };
}

/** The problem of an InputError without its `file:line: ` prefix. */
function reasonOf(error: InputError): string {
  const prefix = error.file === undefined ? '' : error.line === undefined ? `${error.file}: ` : `${error.file}:${error.line}: `;
  return prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** A side over the size limit, known from its size alone: never read. */
export function tooLarge(path: string, bytes: number, maxBytes: number): FileBlob {
  return { path, bytes, unreadable: { reason: `file is ${formatSize(bytes)}, over the ${formatSize(maxBytes)} limit` } };
}

// Heap that judging one file needs, per byte of its two sides: measured as the smallest
// --max-old-space-size the gate completes in (bench/memory.mjs and bench/.data/big-*; RESULTS.md
// Notes): 4–6 for a long list (parsed in slices), 11 for a file parsed whole (a map of 262k keys:
// js-yaml's events for one side are 17× its text). 16 leaves a third of that as margin.
const PEAK_PER_BYTE = 16;
const GATE_HEAP = 48 * 1024 * 1024;

/**
 * A file whose two sides would not fit in this process's heap, known from their sizes before
 * either is read: the side as a reason (a finding on the after side), never an out-of-memory crash.
 */
export function overMemory(path: string, bytes: number, bothSides: number, heapLimit = getHeapStatistics().heap_size_limit): FileBlob | undefined {
  if (GATE_HEAP + bothSides * PEAK_PER_BYTE <= heapLimit) return undefined;
  const need = formatSize(GATE_HEAP + bothSides * PEAK_PER_BYTE);
  return {
    path,
    bytes,
    unreadable: { reason: `its two sides (${formatSize(bothSides)}) would take about ${need} of memory to judge, over this process's ${formatSize(heapLimit)} heap; raise it (NODE_OPTIONS=--max-old-space-size) or split the file` },
  };
}
