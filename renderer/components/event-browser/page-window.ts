/**
 * Which pages of a filtered event list are known, loaded and wanted: the bookkeeping behind the
 * event browser's virtual scrolling, free of React so it can be tested on its own.
 *
 * Pages are keyset pages (`afterSeq`): page k starts after the last `seq` of page k-1. The journal
 * only appends, with ever larger `seq`s, so a full page never changes and can be dropped from memory
 * and fetched again later from its start. Only the starts are kept for every page seen (one number
 * per page); rows are kept for at most `maxPages` pages, the ones nearest the rows on screen.
 */
export type PageWindow<Row> = {
  /** rows known so far (every page before the last is full) */
  readonly rowCount: number;
  /** whether a page beyond `rowCount` may hold more rows (not fetched yet) */
  readonly hasMore: boolean;
  /** the row at `index`, or undefined while its page is not in memory */
  rowAt(index: number): Row | undefined;
  /** page numbers to fetch so that rows `first`…`last` (inclusive) can be shown, with their `afterSeq` */
  wanted(first: number, last: number): { readonly page: number; readonly afterSeq: number }[];
  /** store a fetched page; `nextAfterSeq` is null when it was the last; evicts pages far from `near` */
  loaded(page: number, rows: readonly Row[], nextAfterSeq: number | null, near: number): void;
  /** pages currently in memory (for tests and bounds) */
  readonly pagesInMemory: number;
};

export function createPageWindow<Row>(pageSize: number, maxPages: number): PageWindow<Row> {
  const starts: number[] = [0];
  const pages = new Map<number, readonly Row[]>();
  // length of the last known page once fetched; null while it has not been
  let lastSize: number | null = null;

  const pageOf = (index: number) => Math.floor(index / pageSize);
  const evictFarFrom = (near: number) => {
    while (pages.size > maxPages) {
      let farthest = -1;
      for (const k of pages.keys()) if (farthest < 0 || Math.abs(k - near) > Math.abs(farthest - near)) farthest = k;
      pages.delete(farthest);
    }
  };

  return {
    get rowCount() {
      return (starts.length - 1) * pageSize + (lastSize ?? 0);
    },
    get hasMore() {
      return lastSize === null;
    },
    get pagesInMemory() {
      return pages.size;
    },
    rowAt(index) {
      return pages.get(pageOf(index))?.[index % pageSize];
    },
    wanted(first, last) {
      const out: { page: number; afterSeq: number }[] = [];
      // Beyond the known pages, the first unknown one's start is not known yet: ask for the last known.
      const known = starts.length - 1;
      const lastPage = Math.min(pageOf(Math.max(first, last)), known);
      for (let k = Math.min(Math.max(0, pageOf(first)), known); k <= lastPage; k++) if (!pages.has(k)) out.push({ page: k, afterSeq: starts[k]! });
      return out;
    },
    loaded(page, rows, nextAfterSeq, near) {
      if (page >= starts.length) return;
      pages.set(page, rows);
      if (page === starts.length - 1) {
        lastSize = rows.length;
        if (nextAfterSeq !== null) {
          starts.push(nextAfterSeq);
          lastSize = null;
        }
      }
      evictFarFrom(near);
    },
  };
}
