/**
 * Positions (into `seq`) of one longest strictly increasing subsequence, in O(n log n), as a
 * mask: `inOrder[k] === 1` when position k is in it. Items outside it are the fewest that must
 * move to turn one order into the other. Typed arrays throughout: a list of a million items
 * costs a few megabytes here, not a Set of a million numbers.
 */
export function longestIncreasingSubsequence(seq: ArrayLike<number>): Uint8Array {
  const n = seq.length;
  const tailIdx = new Int32Array(n);
  let tails = 0;
  const prev = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    let lo = 0;
    let hi = tails;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (seq[tailIdx[mid]] < seq[k]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tailIdx[lo - 1];
    tailIdx[lo] = k;
    if (lo === tails) tails++;
  }
  const inOrder = new Uint8Array(n);
  for (let k = tails > 0 ? tailIdx[tails - 1] : -1; k !== -1; k = prev[k]) inOrder[k] = 1;
  return inOrder;
}
