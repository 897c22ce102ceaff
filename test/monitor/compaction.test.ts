import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../model/event.js';
import { TOMBSTONE_MS, type Monitor, type MonitorSnapshot } from '../../monitor/index.js';
import { MIN, SEC, at, builder, cleanOrder, feed, monitor, order, type Builder } from './story.js';

const HOUR = 60 * MIN;
/** a retention no test reaches: the order keeps every key, as before compaction existed */
const FOREVER = 10_000 * HOUR;

/** What a user sees; gap ages and `nowMs` move with time alone and are compared as they are. */
function visible(s: MonitorSnapshot) {
  const { lines, orders, gaps, gapsClosed, controls, exceptions, conservation, reconciliation, ledger } = s;
  return { lines, orders, gaps, gapsClosed, controls, exceptions, conservation, reconciliation, ledger };
}

/**
 * An order that closes with one consumption never posted (lost between MES and the layer) and
 * operation 0030 confirmed in two parts of which ERP posted only the first; everything else
 * agrees. Consumptions are in three units, one of which (EA) does not convert to the first (KG).
 */
function troubledOrder(b: Builder) {
  const o = order(b, 'PO-T', { qty: 10 });
  const part = (n: number, good: number, t: number) =>
    b.ev('mes.operation.confirmed', t, { order: o.id, operation: '0030', workCenter: 'WC-1', goodQty: good, scrapQty: 0, uom: 'EA', final: n === 2 }, { key: `${o.id}/CONF/0030/${n}`, order: o.id });
  const partPosted = (n: number, good: number, t: number) =>
    b.ev('erp.confirmation.posted', t, { order: o.id, operation: '0030', goodQty: good, scrapQty: 0, uom: 'EA', document: `DOC-${t}` }, { key: `${o.id}/CONF/0030/${n}`, order: o.id });
  const rel = o.released(SEC);
  const events: AnyEvent[] = [
    o.created(0),
    rel,
    o.acked(3 * SEC, undefined, rel),
    o.staged(MIN),
    o.started(5 * MIN),
    o.consumed(6 * MIN, 'RM-1', 'RL-1', 5, 'KG'),
    o.consPosted(6 * MIN + 2 * SEC, 'RM-1', 'RL-1', 5, 'KG'),
    o.consumed(6 * MIN, 'RM-2', 'RL-2', 2000, 'G'),
    o.consumed(6 * MIN, 'RM-3', 'RL-3', 4, 'EA'),
    o.consPosted(6 * MIN + 3 * SEC, 'RM-3', 'RL-3', 4, 'EA'),
    o.confirmed(10 * MIN, '0010', 10),
    o.confPosted(10 * MIN + 2 * SEC, '0010', 10),
    o.started(11 * MIN, '0020'),
    o.confirmed(15 * MIN, '0020', 10),
    o.confPosted(15 * MIN + 2 * SEC, '0020', 10),
    o.started(16 * MIN, '0030'),
    part(1, 4, 17 * MIN),
    partPosted(1, 4, 17 * MIN + 2 * SEC),
    part(2, 6, 20 * MIN),
    o.completed(21 * MIN),
    o.inspectionRequested(22 * MIN),
    o.inspected(30 * MIN, 'pass'),
    o.received(31 * MIN),
    o.closed(40 * MIN),
  ];
  return { o, events, part, partPosted };
}

/** Apply the same step to both monitors (build events outside: the builder numbers each one it makes). */
function both(f: (m: Monitor) => void, kept: Monitor, compacted: Monitor): void {
  f(kept);
  f(compacted);
}

describe('compaction of closed orders that still owe something', () => {
  it('shows exactly what the full order shows, while forgetting the keys that agree', () => {
    // Given the troubled order in a monitor that keeps every key and in one with a 1 h retention
    const { o, events } = troubledOrder(builder());
    const kept = feed(monitor(FOREVER), ...events);
    const compacted = feed(monitor(HOUR), ...events);
    // When its retention has run out
    both((m) => at(m, 40 * MIN + HOUR + SEC), kept, compacted);
    // Then gaps (with their quantities in three units), reconciliation and counters are the same
    const snap = compacted.snapshot();
    expect(visible(snap)).toEqual(visible(kept.snapshot()));
    // per component lot and per operation (both parts of 0030 are one operation), never KG + EA or 0010 + 0030
    expect(snap.gaps.map((g) => [g.kind, g.businesskeys, g.summary])).toEqual([
      ['consumption', ['PO-T/CONS/RM-2/RL-2'], 'RM-2 lot RL-2: MES 2000 G, ERP not posted (Δ +2000 G)'],
      ['quantity', ['PO-T/CONF/0030/2'], 'operation 0030: MES 10 EA, ERP 4 EA (Δ +6 EA)'],
    ]);
    expect(snap.reconciliation.mismatches.map((x) => [x.field, x.mes, x.erp, x.uom])).toEqual([
      ['consumption RM-2/RL-2', 2000, 0, 'G'],
      ['confirmation 0030 good', 10, 4, 'EA'],
    ]);
    // and the ledger still answers for the keys that matter, but no longer for those that agree
    expect(compacted.postingsOf(o.keys.gr)).toEqual(kept.postingsOf(o.keys.gr));
    expect(compacted.postingsOf('PO-T/CONF/0030/1')).toEqual(kept.postingsOf('PO-T/CONF/0030/1'));
    expect(kept.postingsOf(o.keys.conf('0010'))).toBeDefined();
    expect(compacted.postingsOf(o.keys.conf('0010'))).toBeUndefined();
    expect(compacted.postingsOf(o.keys.cons('RM-1', 'RL-1'))).toBeUndefined();
    expect(compacted.postedKeys()).toBe(kept.postedKeys());
  });

  it('ignores late copies of forgotten keys, and evicts the order once the rest is posted', () => {
    const b = builder();
    const { o, events, part, partPosted } = troubledOrder(b);
    const kept = feed(monitor(FOREVER), ...events);
    const compacted = feed(monitor(HOUR), ...events);
    both((m) => at(m, 2 * HOUR), kept, compacted);
    // When a copy of an agreed consumption turns up late, with the layer's record of it
    const copy = o.consumed(2 * HOUR, 'RM-1', 'RL-1', 5, 'KG');
    const suppressed = o.suppressed(2 * HOUR + SEC, copy, 'consumption', events[5]!);
    both((m) => feed(m, copy, suppressed), kept, compacted);
    // Then nothing changes but the layer's counters, in both
    expect(visible(compacted.snapshot())).toEqual(visible(kept.snapshot()));
    expect(compacted.snapshot().lines[0]!.queueDepth).toBe(2);
    expect(compacted.snapshot().controls.duplicatesSuppressed).toBe(1);
    // When ERP finally posts what was missing
    const late = [o.consPosted(3 * HOUR, 'RM-2', 'RL-2', 2000, 'G'), partPosted(2, 6, 3 * HOUR)];
    both((m) => feed(m, ...late), kept, compacted);
    // Then the gaps close in both, and at the next check the compacted order is forgotten entirely
    both((m) => at(m, 4 * HOUR + SEC), kept, compacted);
    const snap = compacted.snapshot();
    expect(snap.gaps).toEqual([]);
    expect(visible(snap)).toEqual(visible(kept.snapshot()));
    expect(snap.reconciliation).toEqual({ ordersCompared: 1, ordersMatched: 1, mismatches: [] });
    expect(compacted.postingsOf(o.keys.gr)).toBeUndefined();
    // and a late event of it no longer brings it back
    compacted.apply(part(2, 6, 4 * HOUR + 2 * SEC));
    expect(compacted.snapshot().orders).toEqual([]);
    expect(compacted.snapshot().lines[0]!.queueDepth).toBe(0);
  });

  it('keeps a key posted twice, with its duplicate-posting gap', () => {
    const b = builder();
    const o = order(b, 'PO-D');
    const events = [...cleanOrder(o, 0), o.confPosted(41 * MIN, '0010', 10)];
    const kept = feed(monitor(FOREVER), ...events);
    const compacted = feed(monitor(HOUR), ...events);
    both((m) => at(m, 3 * HOUR), kept, compacted);
    expect(visible(compacted.snapshot())).toEqual(visible(kept.snapshot()));
    expect(compacted.postingsOf(o.keys.conf('0010'))).toMatchObject({ count: 2 });
    expect(compacted.postingsOf(o.keys.conf('0020'))).toBeUndefined();
    // a copy of a forgotten key's posting is late, not a second double posting
    compacted.apply(o.confPosted(3 * HOUR, '0020', 10));
    expect(compacted.snapshot().gaps.map((g) => g.id)).toEqual(['duplicate-posting:PO-D/CONF/0010']);
    expect(compacted.snapshot().ledger).toEqual({ postedKeys: 5, doublePostedKeys: 1 });
  });
});

describe('tombstones of evicted orders', () => {
  it('ignore late events for a day after the eviction, then are forgotten', () => {
    const b = builder();
    const early = order(b, 'PO-A');
    const m = feed(monitor(HOUR), ...cleanOrder(early, 0));
    // PO-A closes at 40 min and is evicted an hour later; a late copy within the day is ignored
    at(m, 2 * HOUR);
    m.apply(early.confPosted(2 * HOUR + TOMBSTONE_MS - MIN, '0020', 10));
    expect(m.snapshot().orders).toEqual([]);
    // When another order is evicted more than a day after PO-A was
    feed(m, ...cleanOrder(order(b, 'PO-B'), 2 * HOUR + TOMBSTONE_MS));
    at(m, 4 * HOUR + TOMBSTONE_MS);
    // Then PO-A is no longer remembered: an event naming it starts a new order
    m.apply(early.created(4 * HOUR + TOMBSTONE_MS + SEC));
    expect(m.snapshot().orders.map((x) => [x.order, x.state])).toEqual([['PO-A', 'created']]);
  });
});
