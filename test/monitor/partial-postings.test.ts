import { describe, expect, it } from 'vitest';
import { GRACE, MIN, SEC, at, builder, feed, monitor, order } from './story.js';
import { postings } from './story-postings.js';

const G = GRACE.confirmation;

/** A monitor that knows the order (its item and unit), released and acknowledged. */
function started(id = 'PO-1') {
  const b = builder();
  const o = order(b, id);
  const p = postings(b, id);
  const m = feed(monitor(), o.created(-10 * MIN), o.released(-10 * MIN), o.acked(-10 * MIN + SEC), o.started(-5 * MIN));
  return { b, o, p, m };
}

describe('partial confirmations: several keys per operation, summed per row', () => {
  it('given two partials of one operation, when ERP posted only the first, then the operation row shows their sum against it', () => {
    const { p, m } = started();
    feed(m, p.partial(0, '0010', 1, 6), p.partialPosted(SEC, '0010', 1, 6), p.partial(MIN, '0010', 2, 4, { final: true }));
    at(m, MIN + G + 1);
    const [g] = m.snapshot().gaps;
    expect(g).toMatchObject({
      kind: 'quantity',
      businesskeys: ['PO-1/CONF/0010/2'],
      summary: 'operation 0010: MES 10 EA, ERP 6 EA (Δ +4 EA)',
      rows: [{ material: 'PUMP-1', lot: null, operation: '0010', measure: 'good', mes: { qty: 10, uom: 'EA' }, erp: { qty: 6, uom: 'EA' }, delta: { qty: 4, uom: 'EA' } }],
    });
    // when ERP posts the second partial, then the gap closes and both keys are posted
    m.apply(p.partialPosted(MIN + G + 2 * SEC, '0010', 2, 4));
    expect(m.snapshot().gaps).toEqual([]);
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 2, posted: 2 });
  });

  it('suppresses a duplicate of the same partial (same key) but counts a second real partial (new key)', () => {
    const { o, p, m } = started();
    const first = p.partial(0, '0010', 1, 6);
    const copy = p.partial(2 * SEC, '0010', 1, 6);
    feed(m, first, copy, o.suppressed(2 * SEC, copy, 'confirmation', first), p.partialPosted(3 * SEC, '0010', 1, 6));
    // the copy is the same business transaction: one key, posted once, nothing to show
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 1, posted: 1 });
    expect(m.snapshot().lines[0]!.duplicatesSuppressed).toBe(1);
    // a second partial with the same quantity is new business: a key of its own that needs its own posting
    m.apply(p.partial(MIN, '0010', 2, 6));
    at(m, MIN + G + 1);
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 2, posted: 1, lost: 1 });
    expect(m.snapshot().gaps.map((g) => [g.kind, g.summary])).toEqual([['quantity', 'operation 0010: MES 12 EA, ERP 6 EA (Δ +6 EA)']]);
  });

  it('sums backflushed components (no lot) per material, whatever operation consumed them', () => {
    const { p, m } = started();
    feed(m, p.flushed(0, 'BRG-6', '0010', 1, 2), p.flushPosted(SEC, 'BRG-6', '0010', 1, 2), p.flushed(MIN, 'BRG-6', '0020', 1, 2));
    at(m, MIN + GRACE.consumption + 1);
    expect(m.snapshot().gaps[0]).toMatchObject({
      kind: 'consumption',
      businesskeys: ['PO-1/CONS/BRG-6/0020/1'],
      rows: [{ material: 'BRG-6', lot: null, operation: null, measure: 'consumed', mes: { qty: 4, uom: 'EA' }, erp: { qty: 2, uom: 'EA' }, delta: { qty: 2, uom: 'EA' } }],
    });
  });

  it('names a confirmation never seen by the plant spelling with its counter: the first partial of its operation', () => {
    // Given the plant spells confirmations {order}/CONF/{op}/{n}; operation 0020 starts and its confirmation never reaches the journal
    const { o, p, m } = started();
    feed(m, p.partial(0, '0010', 1, 10, { final: true }), p.partialPosted(SEC, '0010', 1, 10), o.started(MIN, '0020'));
    // When the order completes, Then the unseen confirmation of 0020 is a placeholder spelled like the plant spells it
    feed(m, p.completed(2 * MIN, 1, 10), p.received(2 * MIN + SEC, 1, 10));
    at(m, 2 * MIN + G + 1);
    expect(m.snapshot().gaps.find((g) => g.kind === 'quantity')?.businesskeys).toEqual(['PO-1/CONF/0020/1']);
  });
});

describe('partial goods receipts', () => {
  it('keeps an order in process when a partial receipt is posted, and moves it to received with its completion receipt', () => {
    const { o, p, m } = started();
    feed(m, p.partial(0, '0010', 1, 6), p.declared(SEC, 1, 6), p.received(2 * SEC, 1, 6));
    expect(m.snapshot().orders[0]!.state).toBe('in-process');
    // the completion asks for the rest (receiptQty), and compares that with its own posting
    feed(m, p.partial(MIN, '0010', 2, 4, { final: true }), p.completed(MIN + SEC, 2, 10, 4));
    expect(m.snapshot().orders[0]!.state).toBe('completed');
    m.apply(p.received(MIN + 2 * SEC, 2, 4));
    expect(m.snapshot().orders[0]!.state).toBe('received');
    feed(m, p.partialPosted(MIN + 3 * SEC, '0010', 1, 6), p.partialPosted(MIN + 3 * SEC, '0010', 2, 4), o.closed(MIN + 4 * SEC, 10));
    at(m, 30 * MIN);
    const s = m.snapshot();
    expect(s.gaps).toEqual([]);
    expect(s.reconciliation).toMatchObject({ ordersCompared: 1, ordersMatched: 1, mismatches: [] });
  });

  it('shows the receipt row as the sum of the partial and the completion receipt against what ERP received', () => {
    const { p, m } = started();
    feed(m, p.declared(0, 1, 6), p.received(SEC, 1, 6), p.completed(MIN, 2, 10, 4));
    at(m, MIN + GRACE['goods-receipt'] + 1);
    expect(m.snapshot().gaps.find((g) => g.kind === 'receipt')).toMatchObject({ businesskeys: ['PO-1/GR/2'], summary: 'PUMP-1 lot LOT-PO-1: MES 10 EA, ERP 6 EA (Δ +4 EA)' });
  });
});

describe('a partial receipt held at the goods-receipt gate', () => {
  it('is not owed while the gate holds it during production, and owed from its release', () => {
    const b = builder();
    const o = order(b, 'PO-1');
    const p = postings(b, 'PO-1');
    const d = p.declared(0, 1, 6);
    const m = feed(monitor(), o.created(-MIN), d, o.gated(SEC, d, 'goods-receipt', 'lot LOT-PO-1 awaits its quality decision'));
    at(m, 3 * GRACE['goods-receipt']);
    expect(m.snapshot().gaps).toEqual([]);
    m.apply(o.gateReleased(3 * GRACE['goods-receipt'] + SEC, d, 'goods-receipt', 3 * GRACE['goods-receipt']));
    at(m, 4 * GRACE['goods-receipt']);
    expect(m.snapshot().gaps).toEqual([]);
    at(m, 4 * GRACE['goods-receipt'] + SEC + 1);
    expect(m.snapshot().gaps.map((g) => g.id)).toEqual(['receipt:PO-1']);
  });
});
