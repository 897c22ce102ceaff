import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { countEvents } from '../../../engine/journal/count-events.js';
import { EVENTS_BY_BUSINESS_KEY_SQL, eventsByBusinessKey } from '../../../engine/journal/events-by-business-key.js';
import { EVENTS_BY_LOT_SQL, eventsByLot } from '../../../engine/journal/events-by-lot.js';
import { EVENTS_FOR_ORDER_SQL, eventsForOrder } from '../../../engine/journal/events-for-order.js';
import { eventsPage, eventsPageQuery } from '../../../engine/journal/events-page.js';
import { openJournal } from '../../../engine/journal/open-journal.js';
import { canonicalJson } from '../../../engine/journal/canonical-json.js';
import { SESSION_DIGEST_SQL, sessionDigest } from '../../../engine/journal/session-digest.js';
import { typeCounts } from '../../../engine/journal/type-counts.js';
import { orderEvent, sortedKeys, tempDir } from './fixtures.js';
import { appendEvents, newSession } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const events = Array.from({ length: 40 }, (_, i) => orderEvent(i));
const j = openJournal(tmp.path('queries.db'));
afterAll(() => j.close());
// Two sessions written interleaved, so every query must keep to its session.
const s1 = newSession(j.db, 'one');
const s2 = newSession(j.db, 'two');
for (let i = 0; i < events.length; i += 10) {
  appendEvents(j.db, s1, events.slice(i, i + 10));
  appendEvents(j.db, s2, events.slice(i, i + 5));
}

const plan = (db: Database, sql: string, params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');

describe('event queries', () => {
  it('counts events and types per session', () => {
    expect(countEvents(j.db, s1)).toBe(40);
    expect(countEvents(j.db, s2)).toBe(20);
    expect(typeCounts(j.db, s1)).toEqual({
      'erp.confirmation.posted': 10,
      'erp.order.released': 10,
      'mes.material.consumed': 10,
      'mes.operation.confirmed': 10,
    });
  });

  it('pages a session in journal order, after the last seq seen', () => {
    const ids: string[] = [];
    let afterSeq = 0;
    for (;;) {
      const page = eventsPage(j.db, s1, { afterSeq, limit: 7 });
      if (page.length === 0) break;
      expect(page.every((e) => e.session === s1)).toBe(true);
      ids.push(...page.map((e) => e.event.id));
      afterSeq = page.at(-1)!.seq;
    }
    expect(ids).toEqual(events.map((e) => e.id));
  });

  it('filters pages by line, type and order', () => {
    const l2 = eventsPage(j.db, s1, { afterSeq: 0, limit: 100, line: 'L2' });
    expect(l2).toHaveLength(20);
    expect(l2.every((e) => e.event.line === 'L2')).toBe(true);
    const posted = eventsPage(j.db, s2, { afterSeq: 0, limit: 100, type: 'erp.confirmation.posted', line: 'L2' });
    expect(posted.map((e) => e.event.id)).toEqual(['evt-3', 'evt-11', 'evt-23', 'evt-31']);
    const order = eventsPage(j.db, s1, { afterSeq: 0, limit: 2, order: 'PO-1003', type: 'mes.material.consumed' });
    expect(order.map((e) => e.event.id)).toEqual(['evt-13']);
  });

  it("returns an order's lineage, a business key's postings and a lot's events, as journaled", () => {
    const lineage = eventsForOrder(j.db, s1, 'PO-1002');
    expect(lineage.map((e) => e.event.id)).toEqual(['evt-8', 'evt-9', 'evt-10', 'evt-11']);
    expect(lineage[0]!.event).toEqual(events[8]);
    expect(eventsByBusinessKey(j.db, s1, 'PO-1002/confirm/10').map((e) => e.event.type)).toEqual([
      'mes.operation.confirmed',
      'erp.confirmation.posted',
    ]);
    expect(eventsByLot(j.db, s2, 'LOT-PO-1003').map((e) => e.event.id)).toEqual(['evt-13']);
  });

  it('answers lookups from the indexes, never by scanning or sorting', () => {
    expect(plan(j.db, EVENTS_FOR_ORDER_SQL, [s1, 'PO-1'])).toMatch(/SEARCH events USING INDEX events_order \(session=\? AND order_id=\?\)/);
    expect(plan(j.db, EVENTS_BY_BUSINESS_KEY_SQL, [s1, 'k'])).toMatch(/SEARCH events USING INDEX events_businesskey \(session=\? AND businesskey=\?\)/);
    expect(plan(j.db, EVENTS_BY_LOT_SQL, [s1, 'l'])).toMatch(/USING INDEX events_lot/);
    const byLine = eventsPageQuery(s1, { afterSeq: 0, limit: 10, line: 'L1' }, 10);
    expect(plan(j.db, byLine.sql, byLine.params)).toMatch(/USING INDEX events_line \(session=\? AND line=\? AND rowid>\?\)/);
    const byOrder = eventsPageQuery(s1, { afterSeq: 0, limit: 10, line: 'L1', type: 't', order: 'o' }, 10);
    expect(plan(j.db, byOrder.sql, byOrder.params)).toMatch(/USING INDEX events_order/);
    const all = eventsPageQuery(s1, { afterSeq: 0, limit: 10 }, 10);
    expect(plan(j.db, all.sql, all.params)).toMatch(/SEARCH events USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    expect(plan(j.db, SESSION_DIGEST_SQL, [s1, s1])).toMatch(/SEARCH events USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    const checked: [sql: string, params: unknown[]][] = [
      [EVENTS_FOR_ORDER_SQL, [s1, 'o']],
      [EVENTS_BY_BUSINESS_KEY_SQL, [s1, 'k']],
      [EVENTS_BY_LOT_SQL, [s1, 'l']],
      [byLine.sql, byLine.params],
      [byOrder.sql, byOrder.params],
      [all.sql, all.params],
      [SESSION_DIGEST_SQL, [s1, s1]],
    ];
    for (const [sql, params] of checked) expect(plan(j.db, sql, params), sql).not.toMatch(/TEMP B-TREE|SCAN events/);
  });
});

describe('session digest', () => {
  const expected = (evs: readonly object[]) => {
    const h = createHash('sha256');
    for (const e of evs) h.update(`${canonicalJson(e)}\n`);
    return h.digest('hex');
  };

  it("is SHA-256 over the session's canonical envelopes in seq order, each followed by a newline", () => {
    expect(sessionDigest(j.db, s1)).toBe(expected(events));
    expect(sessionDigest(j.db, s1)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores wall-clock columns and key order: the same events give the same digest in another journal', () => {
    const other = openJournal(tmp.path('digest-other.db'));
    const s = newSession(other.db, 'again');
    appendEvents(other.db, s, events.map(sortedKeys), { receivedAt: 1 });
    expect(sessionDigest(other.db, s)).toBe(sessionDigest(j.db, s1));
    other.close();
  });

  it('changes when the order of events changes', () => {
    const swapped = openJournal(tmp.path('digest-swapped.db'));
    const s = newSession(swapped.db);
    appendEvents(swapped.db, s, [events[1]!, events[0]!, ...events.slice(2)]);
    expect(sessionDigest(swapped.db, s)).not.toBe(sessionDigest(j.db, s1));
    swapped.close();
  });

  it('is the digest of nothing for an empty or unknown session', () => {
    const empty = createHash('sha256').digest('hex');
    expect(sessionDigest(j.db, newSession(j.db))).toBe(empty);
    expect(sessionDigest(j.db, 12345)).toBe(empty);
  });
});
