import type { Database } from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { eventsPage, eventsPageQuery, type EventsPageQuery } from '../../../engine/journal/events-page.js';
import { openJournal } from '../../../engine/journal/open-journal.js';
import { rfc3339, type AnyEvent } from '../../../model/index.js';
import { orderEvent, tempDir } from './fixtures.js';
import { appendEvents, newSession } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const T0 = Date.UTC(2026, 2, 2, 6, 0, 0);
const at = (i: number) => rfc3339(T0 + i * 1000);
// 40 events, one a second from T0: orders PO-1000 … PO-1009, four events each.
const events = Array.from({ length: 40 }, (_, i) => orderEvent(i));
// Journaled out of time order, as a delayed message would be: evt-0 arrives last.
const journaled = [...events.slice(1), events[0]!];
const j = openJournal(tmp.path('filters.db'));
afterAll(() => j.close());
const other = newSession(j.db, 'other');
const s = newSession(j.db, 'filters');
appendEvents(j.db, other, events.slice(0, 20));
appendEvents(j.db, s, journaled.slice(0, 25));
appendEvents(j.db, other, events.slice(20));
appendEvents(j.db, s, journaled.slice(25));

/** Every id the filter yields, paging `limit` at a time, in journal order. */
function ids(filter: Omit<EventsPageQuery, 'afterSeq' | 'limit'>, limit = 3): string[] {
  const out: string[] = [];
  for (let afterSeq = 0; ; ) {
    const page = eventsPage(j.db, s, { ...filter, afterSeq, limit });
    expect(page.every((e) => e.session === s)).toBe(true);
    out.push(...page.map((e) => e.event.id));
    if (page.length < limit) return out;
    afterSeq = page.at(-1)!.seq;
  }
}

/** The same filter applied in memory to the journaled list: what the SQL must agree with. */
function expected(keep: (e: AnyEvent) => boolean): string[] {
  return journaled.filter(keep).map((e) => e.id);
}

const plan = (db: Database, q: EventsPageQuery) => {
  const { sql, params } = eventsPageQuery(s, q, q.limit);
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
};

describe('events.page filters', () => {
  it('filters by lot', () => {
    expect(ids({ lot: 'LOT-PO-1003' })).toEqual(['evt-13']);
    expect(ids({ lot: 'LOT-nothing' })).toEqual([]);
  });

  it('filters by business key: an MES event and the posting that carries its key', () => {
    expect(ids({ businesskey: 'PO-1002/confirm/10' })).toEqual(['evt-10', 'evt-11']);
  });

  it('filters by a time range: from inclusive, to exclusive, in journal order', () => {
    expect(ids({ from: at(5), to: at(9) })).toEqual(['evt-5', 'evt-6', 'evt-7', 'evt-8']);
    expect(ids({ from: at(38) })).toEqual(['evt-38', 'evt-39']);
    // evt-0 was journaled last, so it comes last although it is the earliest.
    expect(ids({ to: at(2) })).toEqual(['evt-1', 'evt-0']);
    expect(ids({ from: at(10), to: at(10) })).toEqual([]);
  });

  it('combines every filter with AND', () => {
    const combos: [Omit<EventsPageQuery, 'afterSeq' | 'limit'>, (e: AnyEvent) => boolean][] = [
      [{ line: 'L2', from: at(10), to: at(20) }, (e) => e.line === 'L2' && e.time >= at(10) && e.time < at(20)],
      [{ type: 'mes.material.consumed', to: at(21) }, (e) => e.type === 'mes.material.consumed' && e.time < at(21)],
      [{ order: 'PO-1004', from: at(17) }, (e) => e.subject === 'PO-1004' && e.time >= at(17)],
      [{ order: 'PO-1004', lot: 'LOT-PO-1004' }, (e) => e.subject === 'PO-1004' && e.lot === 'LOT-PO-1004'],
      [{ lot: 'LOT-PO-1004', type: 'erp.order.released' }, () => false],
      [{ businesskey: 'PO-1002/confirm/10', type: 'erp.confirmation.posted' }, (e) => e.id === 'evt-11'],
      [{ businesskey: 'PO-1002/confirm/10', line: 'L2', order: 'PO-1002', from: at(11), to: at(12) }, (e) => e.id === 'evt-11'],
      [{ line: 'L1', type: 'erp.order.released', from: at(0), to: at(13) }, (e) => e.type === 'erp.order.released' && e.time < at(13)],
    ];
    for (const [filter, keep] of combos) expect(ids(filter), JSON.stringify(filter)).toEqual(expected(keep));
  });

  it('picks the most selective index and never scans or sorts rows', () => {
    const q = { afterSeq: 0, limit: 10 };
    expect(plan(j.db, { ...q, lot: 'l', type: 't', line: 'L1', from: at(1) })).toMatch(/USING INDEX events_lot \(session=\? AND lot=\? AND rowid>\?\)/);
    expect(plan(j.db, { ...q, businesskey: 'k', order: 'o', lot: 'l' })).toMatch(/USING INDEX events_businesskey \(session=\? AND businesskey=\? AND rowid>\?\)/);
    expect(plan(j.db, { ...q, order: 'o', lot: 'l', to: at(1) })).toMatch(/USING INDEX events_order/);
    // a type or line is a large share of a session: with a time range, the range index narrows more
    expect(plan(j.db, { ...q, type: 't', from: at(1), to: at(2) })).toMatch(/USING INDEX events_time \(session=\? AND time>\? AND time<\?\)/);
    expect(plan(j.db, { ...q, type: 't' })).toMatch(/USING INDEX events_type \(session=\? AND type=\? AND rowid>\?\)/);
    const range = plan(j.db, { ...q, from: at(1), to: at(2) });
    // The range is read from the covering time index; only the page's rows are read by position.
    expect(range).toMatch(/USING COVERING INDEX events_time \(session=\? AND time>\? AND time<\?\)/);
    expect(range).toMatch(/SEARCH events USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    // (a range's page is sorted from the range's seqs, bounded by the range: that sort is expected)
    for (const filter of [{ lot: 'l', from: at(1) }, { businesskey: 'k' }, { line: 'L1' }, { type: 't' }, { order: 'o', to: at(3) }]) {
      expect(plan(j.db, { ...q, ...filter }), JSON.stringify(filter)).not.toMatch(/TEMP B-TREE|SCAN events/);
    }
  });
});
