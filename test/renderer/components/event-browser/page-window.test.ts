import { describe, expect, it } from 'vitest';
import { createPageWindow } from '../../../../renderer/components/event-browser/page-window.js';

/** Rows are their own `seq`s; the "journal" holds seqs 1…n. */
const page = (afterSeq: number, size: number, n: number) => {
  const rows = Array.from({ length: Math.max(0, Math.min(size, n - afterSeq)) }, (_, i) => afterSeq + 1 + i);
  return { rows, next: rows.length === size ? rows[rows.length - 1]! : null };
};

describe('page window', () => {
  it('fetches the first page, then the next ones only as rows beyond them are wanted', () => {
    const w = createPageWindow<number>(10, 3);
    expect(w).toMatchObject({ rowCount: 0, hasMore: true });
    expect(w.wanted(0, 5)).toEqual([{ page: 0, afterSeq: 0 }]);
    const p0 = page(0, 10, 25);
    w.loaded(0, p0.rows, p0.next, 0);
    expect(w).toMatchObject({ rowCount: 10, hasMore: true });
    expect(w.wanted(0, 9)).toEqual([]);
    expect(w.wanted(5, 14)).toEqual([{ page: 1, afterSeq: 10 }]);
    // Pages not known yet are not asked for: page 2's start comes with page 1.
    expect(w.wanted(25, 40)).toEqual([{ page: 1, afterSeq: 10 }]);
    const p1 = page(10, 10, 25);
    w.loaded(1, p1.rows, p1.next, 1);
    const p2 = page(20, 10, 25);
    w.loaded(2, p2.rows, p2.next, 2);
    expect(w).toMatchObject({ rowCount: 25, hasMore: false });
    expect(w.rowAt(24)).toBe(25);
    expect(w.rowAt(25)).toBeUndefined();
  });

  it('keeps at most maxPages in memory, dropping the farthest, and fetches them again from their start', () => {
    const w = createPageWindow<number>(10, 2);
    for (let k = 0; k < 4; k++) {
      const p = page(k * 10, 10, 100);
      w.loaded(k, p.rows, p.next, k);
    }
    expect(w.pagesInMemory).toBe(2);
    expect(w.rowAt(35)).toBe(36);
    expect(w.rowAt(5)).toBeUndefined();
    expect(w.wanted(0, 12)).toEqual([
      { page: 0, afterSeq: 0 },
      { page: 1, afterSeq: 10 },
    ]);
    expect(w.rowCount).toBe(40);
  });

  it('ends with an empty page when the last full page was exactly the end', () => {
    const w = createPageWindow<number>(10, 4);
    w.loaded(0, page(0, 10, 10).rows, 10, 0);
    expect(w.hasMore).toBe(true);
    w.loaded(1, [], null, 1);
    expect(w).toMatchObject({ rowCount: 10, hasMore: false });
  });
});
