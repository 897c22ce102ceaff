import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../../model/event.js';
import { GRACE, MIN, SEC, T0, at, builder, feed, monitor, order } from './story.js';

const G = GRACE.confirmation;
const causeOf = (m: ReturnType<typeof monitor>) => m.snapshot().gaps.map((g) => g.cause);

describe('probable cause of a gap', () => {
  it('names loss only when the integration layer has no record at all', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.confirmed(0, '0010', 10));
    at(m, G + 1);
    expect(causeOf(m)).toEqual(['no integration-layer record: confirmation PO-1/CONF/0010 lost between MES and the integration layer']);
  });

  it('counts several lost messages', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.confirmed(0, '0010', 10), o.confirmed(0, '0020', 10));
    at(m, G + 1);
    expect(causeOf(m)).toEqual(['2 confirmations with no integration-layer record: messages lost between MES and the integration layer (PO-1/CONF/0010, PO-1/CONF/0020)']);
  });

  it('quotes the latest retry', () => {
    const o = order(builder(), 'PO-1');
    const c = o.confirmed(0, '0010', 10);
    const m = feed(monitor(), c, o.retried(MIN, c, 'confirmation', 3), o.retried(3 * MIN, c, 'confirmation', 4));
    at(m, G + 1);
    expect(causeOf(m)).toEqual(['retrying: ERP unavailable (attempt 4)']);
  });

  it('says since when a message sits in the store-and-forward buffer', () => {
    const o = order(builder(), 'PO-1');
    const c = o.confirmed(0, '0010', 10);
    const m = feed(monitor(), c, o.buffered(SEC, c, 'confirmation'), o.buffered(MIN, c, 'confirmation'));
    at(m, G + 1);
    expect(causeOf(m)).toEqual([`in store-and-forward buffer since ${rfc3339(T0 + SEC)}`]);
  });

  it('quotes the gate', () => {
    const o = order(builder(), 'PO-1');
    const done = o.completed(0);
    const m = feed(monitor(), done, o.gated(SEC, done, 'goods-receipt', 'inspection not passed'));
    at(m, GRACE['goods-receipt'] + 1);
    expect(causeOf(m)).toEqual(['gated: inspection not passed']);
  });

  it('combines dead letters, loss and in-flight evidence over the keys of one gap', () => {
    const o = order(builder(), 'PO-1', { uom: 'EA' });
    const m = feed(monitor(), o.created(-MIN));
    for (const op of ['0010', '0020']) {
      const c = o.confirmed(0, op, 10, 0, { uom: 'PC' });
      feed(m, c, o.deadLettered(SEC, c, 'confirmation', 'UoM PC not convertible to EA'));
    }
    // the lost one is older than the retried one, so it cannot be waiting behind it
    const r = o.confirmed(10 * SEC, '0030', 10);
    feed(m, o.confirmed(0, '0040', 10), r, o.retried(MIN, r, 'confirmation', 2));
    at(m, G + 1);
    expect(causeOf(m)).toEqual([
      'UoM PC not convertible to EA → 2 confirmations dead-lettered (data-quality): PO-1/CONF/0010, PO-1/CONF/0020; retrying: ERP unavailable (attempt 2); no integration-layer record: confirmation PO-1/CONF/0040 lost between MES and the integration layer',
    ]);
  });

  it('names a lost release as lost between ERP and the integration layer', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.created(0), o.released(0));
    at(m, GRACE['order-release'] + 1);
    expect(causeOf(m)).toEqual(['no integration-layer record: release PO-1/REL lost between ERP and the integration layer → MES has not acknowledged the release']);
  });
});

describe('probable cause traced to its root', () => {
  /** An order whose final confirmation is in PC; the goods receipt is refused because ERP never saw the order confirmed. */
  function refusedReceipt(finalFate: 'dead' | 'lost' | 'late') {
    const o = order(builder(), 'PO-1', { uom: 'EA' });
    const c1 = o.confirmed(MIN, '0010', 10);
    const fin = o.confirmed(10 * MIN, '0020', 10, 0, { uom: 'PC', final: true });
    const done = o.completed(10 * MIN);
    const m = feed(monitor(), o.created(0), o.released(0), o.acked(SEC), c1, o.confPosted(MIN + SEC, '0010', 10), fin);
    if (finalFate === 'dead') m.apply(o.deadLettered(10 * MIN, fin, 'confirmation', 'UoM PC not convertible to EA'));
    feed(m, done, o.inspectionRequested(10 * MIN), o.inspected(20 * MIN, 'pass'));
    m.apply(o.deadLettered(20 * MIN, done, 'goods-receipt', 'order not confirmed', 'business-rule'));
    if (finalFate === 'late') m.apply(o.confPosted(25 * MIN, '0020', 10, 0, { uom: 'EA' }));
    at(m, 20 * MIN + GRACE['goods-receipt'] + 1);
    return { m, fin, done, receipt: m.snapshot().gaps.find((g) => g.kind === 'receipt')! };
  }

  it('names the root first: the unit of the final confirmation, not "order not confirmed"', () => {
    const { receipt, fin, done } = refusedReceipt('dead');
    expect(receipt.cause).toBe(
      'UoM PC not convertible to EA → final confirmation PO-1/CONF/0020 dead-lettered (data-quality) → goods receipt PO-1/GR refused: order not confirmed',
    );
    // the chain, one step per link, each with the event that shows it (for the lineage view)
    expect(receipt.causeChain).toEqual([
      { text: 'UoM PC not convertible to EA', eventId: fin.id, category: 'data-quality' },
      { text: 'final confirmation PO-1/CONF/0020 dead-lettered (data-quality)', eventId: fin.id, businesskey: 'PO-1/CONF/0020' },
      { text: 'goods receipt PO-1/GR refused: order not confirmed', eventId: done.id, businesskey: 'PO-1/GR' },
    ]);
    expect(receipt.summary).toBe('PUMP-1 lot LOT-PO-1: MES 10 EA, ERP not posted (Δ +10 EA)');
    // the kind of root, for a reader (and an expect: block) that asks what the gap comes down to
    expect(receipt.rootCause).toBe('data-quality');
  });

  it('follows a refusal to a final confirmation lost before the integration layer', () => {
    const { receipt } = refusedReceipt('lost');
    expect(receipt.rootCause).toBe('lost');
    expect(receipt.causeChain.map((c) => c.text)).toEqual([
      'final confirmation PO-1/CONF/0020 has no integration-layer record: lost between MES and the integration layer',
      'goods receipt PO-1/GR refused: order not confirmed',
    ]);
  });

  it('says when the confirmation was posted only after the refusal', () => {
    const { receipt } = refusedReceipt('late');
    expect(receipt.cause).toBe(`final confirmation PO-1/CONF/0020 was posted only at ${rfc3339(T0 + 25 * MIN)}, after the refusal → goods receipt PO-1/GR refused: order not confirmed`);
  });

  it('does not follow a technical failure upstream: the outage is the root', () => {
    const o = order(builder(), 'PO-1');
    const fin = o.confirmed(MIN, '0010', 10, 0, { final: true });
    const done = o.completed(MIN);
    const m = feed(monitor(), o.created(0), fin, o.deadLettered(MIN, fin, 'confirmation', 'HTTP 503 Service Unavailable', 'technical'), done);
    m.apply(o.deadLettered(2 * MIN, done, 'goods-receipt', 'HTTP 503 Service Unavailable', 'technical'));
    at(m, 2 * MIN + GRACE['goods-receipt'] + 1);
    expect(m.snapshot().gaps.find((g) => g.kind === 'receipt')!.cause).toBe('HTTP 503 Service Unavailable → goods receipt PO-1/GR dead-lettered (technical)');
  });
});
