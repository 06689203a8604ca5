/**
 * Positions (into `seq`) of one longest strictly increasing subsequence, in O(n log n).
 * Items outside it are the fewest that must move to turn one order into the other.
 */
export function longestIncreasingSubsequence(seq: readonly number[]): Set<number> {
  const tailIdx: number[] = [];
  const prev = new Int32Array(seq.length).fill(-1);
  for (let k = 0; k < seq.length; k++) {
    let lo = 0;
    let hi = tailIdx.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (seq[tailIdx[mid]] < seq[k]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tailIdx[lo - 1];
    tailIdx[lo] = k;
  }
  const result = new Set<number>();
  let k = tailIdx.length > 0 ? tailIdx[tailIdx.length - 1] : -1;
  while (k !== -1) {
    result.add(k);
    k = prev[k];
  }
  return result;
}
