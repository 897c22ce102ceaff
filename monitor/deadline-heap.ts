/**
 * Min-heap of (time, item): grace periods run out without any event arriving, so the monitor
 * keeps the instants at which it must look again. Parallel arrays avoid an object per entry.
 */
export type DeadlineHeap<T> = { readonly at: number[]; readonly items: T[] };

export function createHeap<T>(): DeadlineHeap<T> {
  return { at: [], items: [] };
}

export function push<T>(h: DeadlineHeap<T>, at: number, item: T): void {
  const a = h.at;
  const it = h.items;
  let i = a.length;
  a.push(at);
  it.push(item);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (a[p]! <= at) break;
    a[i] = a[p]!;
    it[i] = it[p]!;
    i = p;
  }
  a[i] = at;
  it[i] = item;
}

/** Earliest time in the heap, or Infinity when empty. */
export function peekAt<T>(h: DeadlineHeap<T>): number {
  return h.at.length > 0 ? h.at[0]! : Infinity;
}

/** Remove and return the earliest item; call only when not empty. */
export function pop<T>(h: DeadlineHeap<T>): T {
  const a = h.at;
  const it = h.items;
  const top = it[0]!;
  const lastAt = a.pop()!;
  const lastItem = it.pop()!;
  const n = a.length;
  if (n > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && a[r]! < a[l]! ? r : l;
      if (a[c]! >= lastAt) break;
      a[i] = a[c]!;
      it[i] = it[c]!;
      i = c;
    }
    a[i] = lastAt;
    it[i] = lastItem;
  }
  return top;
}
