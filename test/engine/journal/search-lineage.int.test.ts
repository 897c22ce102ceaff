import { afterAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../../engine/journal/open-journal.js';
import { MAX_LINEAGE_MATCHES, searchLineage } from '../../../engine/journal/search-lineage.js';
import type { AnyEvent } from '../../../model/index.js';
import { orderEvent, tempDir } from './fixtures.js';
import { appendEvents, newSession } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The consumption event (i % 4 === 1) of `order`, drawing from a shared lot. */
function fromLot(i: number, order: string, lot: string): AnyEvent {
  const e = orderEvent(i, order) as Extract<AnyEvent, { type: 'mes.material.consumed' }>;
  return { ...e, id: `evt-${order}-${i}`, lot, businesskey: 'SHARED-KEY', data: { ...e.data, lot } };
}

const j = openJournal(tmp.path('search.db'));
afterAll(() => j.close());
const s = newSession(j.db);
const other = newSession(j.db, 'other');
appendEvents(j.db, s, Array.from({ length: 12 }, (_, i) => orderEvent(i)));
// 60 orders drew from LOT-BIG; PO-1001 is also among them.
appendEvents(j.db, s, [fromLot(1, 'PO-1001', 'LOT-BIG'), ...Array.from({ length: 60 }, (_, k) => fromLot(1, `PO-2${String(k).padStart(3, '0')}`, 'LOT-BIG'))]);
appendEvents(j.db, other, [orderEvent(0, 'PO-9999')]);

describe('lineage.search', () => {
  it('finds an order by its own id', () => {
    expect(searchLineage(j.db, s, 'PO-1002')).toEqual([{ order: 'PO-1002', matchedBy: 'order' }]);
  });

  it("finds an event's order by the event id", () => {
    expect(searchLineage(j.db, s, 'evt-6')).toEqual([{ order: 'PO-1001', matchedBy: 'event' }]);
  });

  it('finds the orders of a business key and of a lot', () => {
    expect(searchLineage(j.db, s, 'PO-1002/confirm/10')).toEqual([{ order: 'PO-1002', matchedBy: 'businesskey' }]);
    expect(searchLineage(j.db, s, 'LOT-PO-1000')).toEqual([{ order: 'PO-1000', matchedBy: 'lot' }]);
  });

  it('lists each order once, at most 50, in the order they first appear', () => {
    const big = searchLineage(j.db, s, 'LOT-BIG');
    expect(big).toHaveLength(MAX_LINEAGE_MATCHES);
    expect(big[0]).toEqual({ order: 'PO-1001', matchedBy: 'lot' });
    expect(big[1]).toEqual({ order: 'PO-2000', matchedBy: 'lot' });
    expect(new Set(big.map((m) => m.order)).size).toBe(MAX_LINEAGE_MATCHES);
    expect(searchLineage(j.db, s, 'SHARED-KEY')).toHaveLength(MAX_LINEAGE_MATCHES);
  });

  it('is exact and case-sensitive, and keeps to its session', () => {
    expect(searchLineage(j.db, s, 'po-1002')).toEqual([]);
    expect(searchLineage(j.db, s, 'PO-100')).toEqual([]);
    expect(searchLineage(j.db, s, 'PO-9999')).toEqual([]);
    expect(searchLineage(j.db, other, 'PO-9999')).toEqual([{ order: 'PO-9999', matchedBy: 'order' }]);
  });
});
