/** A hop found in both orders: its position in a's and in b's hop list, and its times there. */
export type Pair = { readonly ia: number; readonly ib: number; readonly atA: number; readonly atB: number };

/**
 * The matched hops that keep their relative order: the longest common subsequence of the two
 * matched sequences (keys are unique, so that is the longest run of pairs whose times rise in
 * both). Hops at the same instant in one order have no order there, so only a strict inversion —
 * x before y in a, y before x in b — counts. Returns the pairs outside it: the ones that moved.
 */
export function movedPairs(pairs: readonly Pair[]): Set<Pair> {
  // a's time ascending, ties by b's time: equal instants in a never conflict among themselves
  const sorted = [...pairs].sort((x, y) => x.atA - y.atA || x.atB - y.atB || x.ia - y.ia);
  // longest non-decreasing subsequence of atB (patience sorting, O(n log n))
  const tails: number[] = []; // index into sorted of the last pair of the best run of each length
  const prev: number[] = new Array<number>(sorted.length).fill(-1);
  sorted.forEach((p, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[tails[mid]!]!.atB <= p.atB) lo = mid + 1;
      else hi = mid;
    }
    prev[i] = lo > 0 ? tails[lo - 1]! : -1;
    tails[lo] = i;
  });
  const kept = new Set<Pair>();
  for (let i = tails.at(-1) ?? -1; i >= 0; i = prev[i]!) kept.add(sorted[i]!);
  return new Set(pairs.filter((p) => !kept.has(p)));
}

/**
 * a's hops in a's order with b's extra hops put where they occur in b: each extra follows the
 * nearest earlier hop of b that is matched and did not move (or leads, when there is none).
 * Returns references into the two lists: `{ a: i }` or `{ b: j }`.
 */
export function mergeOrder(
  countA: number,
  countB: number,
  anchorOfB: (ib: number) => number | undefined,
  isExtra: (ib: number) => boolean,
): ({ readonly a: number } | { readonly b: number })[] {
  const after = new Map<number, number[]>(); // a index (−1 = before all) → extras of b in b's order
  let anchor = -1;
  for (let ib = 0; ib < countB; ib++) {
    const ia = anchorOfB(ib);
    if (ia !== undefined) anchor = ia;
    else if (isExtra(ib)) {
      const list = after.get(anchor) ?? [];
      list.push(ib);
      after.set(anchor, list);
    }
  }
  const out: ({ a: number } | { b: number })[] = [];
  for (const ib of after.get(-1) ?? []) out.push({ b: ib });
  for (let ia = 0; ia < countA; ia++) {
    out.push({ a: ia });
    for (const ib of after.get(ia) ?? []) out.push({ b: ib });
  }
  return out;
}
