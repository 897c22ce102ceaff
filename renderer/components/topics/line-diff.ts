/** One line of a two-sided diff: `same` lines are in both texts, `changed` lines only in this one. */
export type DiffLine = { readonly text: string; readonly changed: boolean };

/** Above this many lines on a side the diff compares line by line at the same position (the LCS table would be too big). */
const LCS_LIMIT = 2000;

/**
 * A simple line diff of two payloads: each side's lines, marked changed when not part of their
 * longest common subsequence (lines kept in order on both sides).
 */
export function lineDiff(previous: string, latest: string): { readonly previous: DiffLine[]; readonly latest: DiffLine[] } {
  const a = previous.split('\n');
  const b = latest.split('\n');
  if (a.length > LCS_LIMIT || b.length > LCS_LIMIT) {
    return { previous: a.map((text, i) => ({ text, changed: b[i] !== text })), latest: b.map((text, i) => ({ text, changed: a[i] !== text })) };
  }
  // lcs[i][j]: length of the LCS of a[i..] and b[j..], as one flat array
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const keepA = new Array<boolean>(a.length).fill(false);
  const keepB = new Array<boolean>(b.length).fill(false);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      keepA[i++] = true;
      keepB[j++] = true;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) i++;
    else j++;
  }
  return { previous: a.map((text, k) => ({ text, changed: !keepA[k] })), latest: b.map((text, k) => ({ text, changed: !keepB[k] })) };
}
