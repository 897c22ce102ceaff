import { describe, expect, it } from 'vitest';
import { GRACE, MIN, SEC, at, builder, feed, monitor, order } from './story.js';

const G = GRACE.confirmation;

describe('conservation of business keys that need an ERP posting', () => {
  it('puts every key in exactly one bucket, on evidence, and the buckets add up', () => {
    // Given five confirmations and a scrapped lot's completion
    const o = order(builder(), 'PO-1');
    const posted = o.confirmed(0, '0010', 10);
    const dead = o.confirmed(0, '0020', 10);
    const buffered = o.confirmed(10 * SEC, '0030', 10);
    const lost = o.confirmed(0, '0040', 10);
    const m = feed(monitor(), o.created(-MIN), posted, dead, lost, buffered);
    feed(m, o.confPosted(SEC, '0010', 10), o.deadLettered(SEC, dead, 'confirmation', 'routing operation unknown', 'business-rule'));
    feed(m, o.buffered(11 * SEC, buffered, 'confirmation'));
    const done = o.completed(2 * MIN);
    feed(m, done, o.discarded(2 * MIN + SEC, done, 'goods-receipt'));
    // When the grace period is over and one more confirmation has just arrived
    at(m, 30 * MIN);
    m.apply(o.confirmed(30 * MIN, '0050', 10));
    // Then posted, dead-lettered, in flight (buffered past grace + fresh within grace), lost by absence, not needed
    expect(m.snapshot().conservation).toEqual({ needsPosting: 5, posted: 1, reversed: 0, deadLettered: 1, pending: 2, lost: 1, notNeeded: 1 });
  });

  it('declares a key lost only after grace, by advancing time alone', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.confirmed(0, '0010', 10));
    at(m, G);
    expect(m.snapshot().conservation).toMatchObject({ pending: 1, lost: 0 });
    at(m, G + 1);
    expect(m.snapshot().conservation).toMatchObject({ pending: 0, lost: 1 });
  });

  it('keeps a key pending past grace while the integration layer reports it in flight', () => {
    const o = order(builder(), 'PO-1');
    const c = o.confirmed(0, '0010', 10);
    const m = feed(monitor(), c, o.retried(MIN, c, 'confirmation', 4));
    at(m, 60 * MIN);
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 1, pending: 1, lost: 0 });
  });

  it('keeps a key without records pending while an older message of its order is in flight', () => {
    // Given the integration layer retries the order's first confirmation; the second waits behind it
    const o = order(builder(), 'PO-1');
    const first = o.confirmed(0, '0010', 10);
    const m = feed(monitor(), first, o.confirmed(MIN, '0020', 10), o.retried(MIN, first, 'confirmation', 2));
    at(m, 60 * MIN);
    expect(m.snapshot().conservation).toMatchObject({ needsPosting: 2, pending: 2, lost: 0 });
    expect(m.snapshot().gaps[0]!.cause).toBe('retrying: ERP unavailable (attempt 2); queued behind PO-1/CONF/0010 (retrying: ERP unavailable (attempt 2))');
  });

  it('moves a lost key to posted when ERP posts it late', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.confirmed(0, '0010', 10));
    at(m, 60 * MIN);
    m.apply(o.confPosted(61 * MIN, '0010', 10));
    expect(m.snapshot().conservation).toEqual({ needsPosting: 1, posted: 1, reversed: 0, deadLettered: 0, pending: 0, lost: 0, notNeeded: 0 });
  });

  it('does not count the release (MES answers it, not ERP) and counts a duplicated key once', () => {
    const o = order(builder(), 'PO-1');
    const m = feed(monitor(), o.created(0), o.released(0), o.confirmed(MIN, '0010', 10), o.confirmed(MIN + 2 * SEC, '0010', 10));
    expect(m.snapshot().conservation.needsPosting).toBe(1);
  });
});
