// configgate's own processes (the CLI, the Action) ask V8 to collect garbage sooner. Judging a
// large file is a burst of short-lived allocation over a large live set, and by default V8 lets
// the heap grow to up to 4× what survived the last full collection before it collects again: the
// peak was two to three times what the gate holds (bench/RESULTS.md, Notes). At 20% the peak
// follows what is held, for about 5% more CPU on large files and nothing measurable on small ones.
// The library leaves its host's V8 as it is: only the entry points call this.
import { setFlagsFromString } from 'node:v8';

/** The old generation grows to this much past what survived a full collection before the next one. */
export const HEAP_GROWING_PERCENT = 20;

export function collectGarbageSooner(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
