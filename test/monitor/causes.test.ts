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
    expect(causeOf(m)).toEqual(['no integration-layer record: message lost between MES and the integration layer']);
  });

  it('counts several lost messages', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.confirmed(0, '0010', 10), o.confirmed(0, '0020', 10));
    at(m, G + 1);
    expect(causeOf(m)).toEqual(['2 confirmations with no integration-layer record: messages lost between MES and the integration layer']);
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
      '2 confirmations dead-lettered: UoM PC not convertible to EA; retrying: ERP unavailable (attempt 2); no integration-layer record: message lost between MES and the integration layer',
    ]);
  });

  it('names a lost release as lost between ERP and the integration layer', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.created(0), o.released(0));
    at(m, GRACE['order-release'] + 1);
    expect(causeOf(m)).toEqual(['MES has not acknowledged the release: no integration-layer record: message lost between ERP and the integration layer']);
  });
});
